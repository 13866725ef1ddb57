/** A procedure explained from its spec: its phases in order, its key figures, and how to start. */
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import { Link } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function ProcedurePage({ id, version }: { id: string; version: string }) {
  const [view] = useAsync(() => api.procedure(id, version), [id, version]);
  return (
    <Loaded state={view}>
      {(p) => (
        <>
          <PageTitle>{p.title}</PageTitle>
          <h2>Les étapes</h2>
          <ol className="greffe-phase-list">
            {[...p.phases]
              .sort((a, b) => a.order - b.order)
              .map((ph) => (
                <li key={ph.id}>
                  <strong>{ph.label}</strong>
                  {ph.description && <p>{ph.description}</p>}
                </li>
              ))}
          </ol>
          <h2>Les chiffres à connaître</h2>
          <dl className="greffe-figures">
            {p.parameters
              .filter((x) => x.text && x.text.length < 60)
              .map((x) => (
                <div key={x.id}>
                  <dt>{x.label}</dt>
                  <dd>{x.text}</dd>
                </div>
              ))}
          </dl>
          <StartButtons id={id} version={version} />
        </>
      )}
    </Loaded>
  );
}

export function StartButtons({
  id,
  version,
  secondary,
}: {
  id: string;
  version: string;
  secondary?: boolean;
}) {
  const { user } = useSession();
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
      <li>
        <Link to={`/procedures/${id}/${version}/deposer`} className="fr-btn">
          {user ? 'Commencer ma demande' : 'Me connecter pour commencer ma demande'}
        </Link>
      </li>
      {!secondary && (
        <li>
          <Link to={`/procedures/${id}/${version}/eligibilite`} className="fr-btn fr-btn--secondary">
            Vérifier d’abord si ma demande peut être traitée en ligne
          </Link>
        </li>
      )}
    </ul>
  );
}
