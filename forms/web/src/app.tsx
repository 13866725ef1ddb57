/** The app shell: DSFR header and footer, navigation, and which page a path shows. */
import { lazy, Suspense } from 'react';
import { Loading, PageTitle } from './components/page.tsx';
import { api } from './lib/api.ts';
import { Link, match, navigate, usePath } from './lib/router.ts';
import { isCourtUser, useSession } from './lib/session.tsx';
import { ActionPage } from './pages/action.tsx';
import { CasePage } from './pages/case.tsx';
import { EligibilityPage } from './pages/eligibility.tsx';
import { HomePage } from './pages/home.tsx';
import { LoginPage } from './pages/login.tsx';
import { MyCasesPage } from './pages/my-cases.tsx';
import { ProcedurePage } from './pages/procedure.tsx';
import { StartFilingPage } from './pages/start-filing.tsx';

// The back office and the statistics are for court staff: kept out of the citizen's download.
const BackOfficePage = lazy(() => import('./backoffice/queues.tsx'));
const StatsPage = lazy(() => import('./backoffice/stats.tsx'));

/** Pages by path pattern, first match wins. */
const ROUTES: readonly [string, (p: Record<string, string>) => React.ReactNode][] = [
  ['/', () => <HomePage />],
  ['/connexion', () => <LoginPage />],
  ['/procedures/:id/:version', (m) => <ProcedurePage id={m.id as string} version={m.version as string} />],
  [
    '/procedures/:id/:version/eligibilite',
    (m) => <EligibilityPage id={m.id as string} version={m.version as string} />,
  ],
  [
    '/procedures/:id/:version/deposer',
    (m) => <StartFilingPage id={m.id as string} version={m.version as string} />,
  ],
  ['/affaires', () => <MyCasesPage />],
  ['/affaires/:id', (m) => <CasePage caseId={m.id as string} />],
  ['/affaires/:id/actions/:event', (m) => <ActionPage caseId={m.id as string} event={m.event as string} />],
  ['/bureau', () => <BackOfficePage />],
  ['/statistiques', () => <StatsPage />],
];

function route(path: string) {
  for (const [pattern, page] of ROUTES) {
    const params = match(pattern, path);
    if (params) return page(params);
  }
  return (
    <>
      <PageTitle>Page introuvable</PageTitle>
      <p>Cette adresse ne correspond à aucune page. Vérifiez-la, ou repartez de l’accueil.</p>
      <Link to="/">Retour à l’accueil</Link>
    </>
  );
}

function Navigation({ path }: { path: string }) {
  const { user, refresh } = useSession();
  const logout = async () => {
    try {
      const { logoutUrl } = await api.logout();
      // Logged in through an OpenID provider: end its session too (it comes back to /connexion).
      if (logoutUrl) {
        window.location.assign(logoutUrl);
        return;
      }
    } catch (e: unknown) {
      // The session may already be gone on the server: signing out here is what matters.
      console.warn('Déconnexion', e);
    }
    await refresh();
    navigate('/');
  };
  const court = isCourtUser(user);
  const items: { to: string; label: string }[] = [{ to: '/', label: 'Accueil' }];
  if (user && !court) items.push({ to: '/affaires', label: 'Mes affaires' });
  if (court) items.push({ to: '/bureau', label: 'Bureau' }, { to: '/statistiques', label: 'Statistiques' });
  const current = (to: string) => (to === '/' ? path === '/' : path.startsWith(to));
  return (
    <nav className="fr-container greffe-nav" aria-label="Menu principal">
      <ul className="fr-nav__list">
        {items.map((i) => (
          <li className="fr-nav__item" key={i.to}>
            <Link to={i.to} className="fr-nav__link" aria-current={current(i.to) ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
      <p className="greffe-user">
        {user ? (
          <>
            <span className="fr-icon-account-circle-line" aria-hidden="true" /> {user.name}{' '}
            <button
              type="button"
              className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
              onClick={() => void logout()}
            >
              Se déconnecter
            </button>
          </>
        ) : user === null ? (
          <Link
            to={path.startsWith('/connexion') ? path : `/connexion?retour=${encodeURIComponent(path)}`}
            className="fr-btn fr-btn--sm fr-btn--secondary"
          >
            Se connecter
          </Link>
        ) : null}
      </p>
    </nav>
  );
}

/** The DSFR "République française" block of the header and the footer. */
function Logo() {
  return (
    <p className="fr-logo">
      République
      <br />
      française
    </p>
  );
}

export function App() {
  const path = usePath();
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Aller au contenu
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <Logo />
                  </div>
                </div>
                <div className="fr-header__service">
                  <Link to="/">
                    <span className="fr-header__service-title">Greffe en ligne</span>
                  </Link>
                  <p className="fr-header__service-tagline">Saisir la justice et suivre son affaire</p>
                </div>
              </div>
            </div>
          </div>
        </div>
        <Navigation path={path} />
      </header>
      <main id="contenu" className="fr-container greffe-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{route(path)}</Suspense>
      </main>
      <footer className="fr-footer">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__brand">
              <Logo />
            </div>
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Les formulaires, les textes d’aide et les règles de cette plateforme sont produits à partir de
                la spécification publiée de chaque procédure.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
