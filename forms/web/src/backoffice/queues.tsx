/**
 * The back office's work queues: the court's cases grouped by what is due
 * from the reader's roles (a track decision, a conciliation, an instruction
 * to close, a judgment to render…), read from the spec's transitions, plus the
 * cases whose deadline is near or passed. Loaded only by court staff.
 */
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import type { CaseSummary } from '../lib/api-schema.gen.ts';
import { formatDaysLeft, formatInstant } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { nextDeadlineText } from '../pages/my-cases.tsx';
import { buildQueues, deadlineOf } from './build-queues.ts';

async function load() {
  const cases = await api.cases();
  const keys = [...new Set(cases.map((c) => `${c.procedure}@${c.version}`))];
  const views = await Promise.all(
    keys.map((k) => {
      const [id, version] = k.split('@') as [string, string];
      return api.procedure(id, version);
    }),
  );
  const procedures = new Map(views.map((v) => [`${v.id}@${v.version}`, v]));
  return { cases, queues: buildQueues(cases, procedures) };
}

function DueBadge({ c }: { c: CaseSummary }) {
  const { daysLeft } = deadlineOf(c);
  if (daysLeft === undefined) return null;
  const cls =
    daysLeft < 0
      ? 'fr-badge fr-badge--sm fr-badge--error'
      : daysLeft <= 3
        ? 'fr-badge fr-badge--sm fr-badge--warning'
        : 'fr-badge fr-badge--sm fr-badge--info';
  return <span className={cls}>{formatDaysLeft(daysLeft)}</span>;
}

export default function BackOfficePage() {
  const { user } = useSession();
  const [state] = useAsync(load, [user?.id]);
  return (
    <>
      <PageTitle>Bureau</PageTitle>
      {user && (
        <p className="greffe-subtitle">
          {user.name}
          {user.court ? ` — juridiction ${user.court}` : ''}
        </p>
      )}
      <Loaded state={state} what="Chargement des files de travail">
        {({ cases, queues }) =>
          queues.length === 0 ? (
            <p>Aucune affaire n’attend d’action de votre part ({cases.length} affaire(s) au total).</p>
          ) : (
            <>
              <nav aria-label="Files de travail" className="fr-mb-4w">
                <ul className="greffe-queue-index">
                  {queues.map((q) => (
                    <li key={q.id}>
                      <a href={`#${q.id}`}>
                        {q.title} <span className="fr-badge fr-badge--sm">{q.cases.length}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              {queues.map((q) => (
                <section key={q.id} id={q.id} className="greffe-section" aria-labelledby={`${q.id}-titre`}>
                  <h2 id={`${q.id}-titre`}>
                    {q.title} ({q.cases.length})
                  </h2>
                  <p className="fr-text--sm">{q.description}</p>
                  <div className="fr-table">
                    <table>
                      <caption className="fr-sr-only">{q.title}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Affaire</th>
                          <th scope="col">État</th>
                          <th scope="col">Prochaine échéance</th>
                          <th scope="col">Mise à jour</th>
                        </tr>
                      </thead>
                      <tbody>
                        {q.cases.map((c) => (
                          <tr key={c.id}>
                            <td>
                              <Link to={`/affaires/${c.id}`}>{c.reference ?? 'Brouillon'}</Link>
                            </td>
                            <td>{c.stateLabel}</td>
                            <td>
                              {nextDeadlineText(c)} <DueBadge c={c} />
                            </td>
                            <td>{formatInstant(c.updatedAt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </>
          )
        }
      </Loaded>
    </>
  );
}
