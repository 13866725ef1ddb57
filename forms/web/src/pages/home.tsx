/** Citizen portal home: the procedures open online, and the way to one's own cases. */
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import { formatDate, isFutureDate } from '../lib/format.ts';
import { latestVersions } from '../lib/procedures.ts';
import { Link } from '../lib/router.ts';
import { isCourtUser, useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function HomePage() {
  const { user } = useSession();
  const [procedures] = useAsync(async () => latestVersions(await api.procedures()), []);
  return (
    <>
      <PageTitle>Saisir la justice en ligne</PageTitle>
      <p className="fr-text--lead">
        Déposez votre demande au tribunal sans vous déplacer, suivez chaque étape de votre affaire et répondez
        aux demandes du juge, à votre rythme. Chaque question est expliquée ; vous pouvez enregistrer votre
        demande et la reprendre plus tard.
      </p>
      {isCourtUser(user) && (
        <div className="fr-callout fr-mb-4w">
          <p className="fr-callout__text">Vous êtes connecté en tant que {user?.name}.</p>
          <Link to="/bureau" className="fr-btn">
            Ouvrir le bureau
          </Link>
        </div>
      )}
      <h2>Les procédures en ligne</h2>
      <Loaded state={procedures} what="Chargement des procédures">
        {(list) =>
          list.length === 0 ? (
            <p>Aucune procédure n’est ouverte en ligne pour le moment.</p>
          ) : (
            <ul className="greffe-cards">
              {list.map((p) => (
                <li key={p.id} className="fr-card fr-card--no-arrow greffe-card">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">{p.title}</h3>
                      <p className="fr-card__desc">
                        {isFutureDate(p.effective)
                          ? `En vigueur à partir du ${formatDate(p.effective)}`
                          : `En vigueur depuis le ${formatDate(p.effective)}`}{' '}
                        (version {p.version}).
                      </p>
                    </div>
                    <div className="fr-card__footer">
                      <ul className="fr-btns-group fr-btns-group--inline-lg">
                        <li>
                          <Link to={`/procedures/${p.id}/${p.version}/eligibilite`} className="fr-btn">
                            Vérifier si ma demande peut être traitée en ligne
                            <span className="fr-sr-only"> : {p.title}</span>
                          </Link>
                        </li>
                        <li>
                          <Link to={`/procedures/${p.id}/${p.version}`} className="fr-btn fr-btn--secondary">
                            Comment se déroule la procédure
                            <span className="fr-sr-only"> : {p.title}</span>
                          </Link>
                        </li>
                      </ul>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <h2 className="fr-mt-6w">Vous avez déjà une affaire ?</h2>
      <p>Retrouvez l’état de votre affaire, vos délais et ce que vous pouvez faire maintenant.</p>
      <Link to={user ? '/affaires' : '/connexion?retour=/affaires'} className="fr-btn fr-btn--secondary">
        Suivre mes affaires
      </Link>
    </>
  );
}
