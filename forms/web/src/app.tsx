/** The app shell: DSFR header and footer, navigation, and which page a path shows. */
import { lazy, Suspense } from 'react';
import { Footer } from './components/footer.tsx';
import { Header } from './components/header.tsx';
import { Loading, PageTitle } from './components/page.tsx';
import { Link, match, usePath } from './lib/router.ts';
import { extras } from './pages/extras-loader.ts';
import { ActionPage } from './pages/action.tsx';
import { CasePage } from './pages/case.tsx';
import { EligibilityPage } from './pages/eligibility.tsx';
import { HomePage } from './pages/home.tsx';
import { LoginPage } from './pages/login.tsx';
import { MyCasesPage } from './pages/my-cases.tsx';
import { NoticesPage } from './pages/notices.tsx';
import { ProcedurePage } from './pages/procedure.tsx';
import { StartFilingPage } from './pages/start-filing.tsx';
import { VideoRoomPage } from './pages/video-room.tsx';

// The back office and the statistics are for court staff: kept out of the citizen's download.
const staff = () => import('./backoffice/index.ts');
const BackOfficePage = lazy(async () => ({ default: (await staff()).BackOfficePage }));
const StatsPage = lazy(async () => ({ default: (await staff()).StatsPage }));
const DeadLettersPage = lazy(async () => ({ default: (await staff()).DeadLettersPage }));
// The footer's pages (accessibility statement, legal notice…) and the court finder: loaded when one is opened.
const AccessibilityPage = lazy(async () => ({ default: (await extras()).AccessibilityPage }));
const LegalNoticePage = lazy(async () => ({ default: (await extras()).LegalNoticePage }));
const PersonalDataPage = lazy(async () => ({ default: (await extras()).PersonalDataPage }));
const SiteMapPage = lazy(async () => ({ default: (await extras()).SiteMapPage }));
const ContactPage = lazy(async () => ({ default: (await extras()).ContactPage }));
const CourtFinderPage = lazy(async () => ({ default: (await extras()).CourtFinderPage }));

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
  ['/trouver-un-tribunal', () => <CourtFinderPage />],
  ['/affaires', () => <MyCasesPage />],
  ['/avis', () => <NoticesPage />],
  ['/affaires/:id', (m) => <CasePage caseId={m.id as string} />],
  ['/affaires/:id/visio', (m) => <VideoRoomPage caseId={m.id as string} />],
  ['/affaires/:id/actions/:event', (m) => <ActionPage caseId={m.id as string} event={m.event as string} />],
  ['/bureau', () => <BackOfficePage />],
  ['/bureau/envois', () => <DeadLettersPage />],
  ['/statistiques', () => <StatsPage />],
  ['/accessibilite', () => <AccessibilityPage />],
  ['/mentions-legales', () => <LegalNoticePage />],
  ['/donnees-personnelles', () => <PersonalDataPage />],
  ['/plan-du-site', () => <SiteMapPage />],
  ['/contact', () => <ContactPage />],
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
            <li>
              <a className="fr-link" href="#pied-de-page">
                Aller au pied de page
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <Header path={path} />
      <main id="contenu" className="fr-container greffe-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{route(path)}</Suspense>
      </main>
      <Footer />
    </>
  );
}
