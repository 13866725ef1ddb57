/** Every page a visitor can reach, grouped as the menu groups them, with the procedures open online. */
import { INFO_PAGES } from '../../components/footer.tsx';
import { Loaded, PageTitle } from '../../components/page.tsx';
import { api } from '../../lib/api.ts';
import { latestVersions } from '../../lib/procedures.ts';
import { Link } from '../../lib/router.ts';
import { useAsync } from '../../lib/use-async.ts';

export function SiteMapPage() {
  const [procedures] = useAsync(async () => latestVersions(await api.procedures()), []);
  return (
    <div className="greffe-prose">
      <PageTitle>Plan du site</PageTitle>
      <ul>
        <li>
          <Link to="/">Accueil</Link>
        </li>
        <li>
          Les procédures en ligne
          <Loaded state={procedures} what="Chargement des procédures">
            {(list) => (
              <ul>
                {list.map((p) => (
                  <li key={p.id}>
                    <Link to={`/procedures/${p.id}/${p.version}`}>{p.title}</Link>
                    <ul>
                      <li>
                        <Link to={`/procedures/${p.id}/${p.version}/eligibilite`}>
                          Vérifier si ma demande peut être traitée en ligne
                        </Link>
                      </li>
                      <li>
                        <Link to={`/procedures/${p.id}/${p.version}/deposer`}>Commencer ma demande</Link>
                      </li>
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </li>
        <li>
          <Link to="/trouver-un-tribunal">Trouver le tribunal compétent</Link>
        </li>
        <li>
          <Link to="/affaires">Mes affaires</Link>
        </li>
        <li>
          <Link to="/connexion">Se connecter</Link>
        </li>
        <li>
          À propos de la plateforme
          <ul>
            {INFO_PAGES.filter((p) => p.to !== '/plan-du-site').map((p) => (
              <li key={p.to}>
                <Link to={p.to}>{p.label.replace(/ :.*/, '')}</Link>
              </li>
            ))}
          </ul>
        </li>
      </ul>
    </div>
  );
}
