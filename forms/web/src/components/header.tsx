/**
 * The DSFR header, with its responsive behaviour done in React (the app does
 * not load the DSFR's script): below 992 px the navigation and the account
 * links sit in a menu opened by the "Menu" button, as the DSFR's own header
 * does (same markup: `fr-header__navbar`, `fr-header__menu fr-modal`,
 * `fr-header__menu-links`); from 992 px the DSFR's CSS shows them inline.
 */
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { Link, navigate } from '../lib/router.ts';
import { useUnreadNotices } from '../lib/notices.ts';
import { isCourtUser, useSession } from '../lib/session.tsx';

const MENU_ID = 'menu-principal';

/** The DSFR "République française" block of the header and the footer. */
export function Logo() {
  return (
    <p className="fr-logo">
      République
      <br />
      française
    </p>
  );
}

/** The account links: shown in the header's tools on a wide screen, in the menu on a narrow one. */
function AccountLinks({ path }: { path: string }) {
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
  if (user === undefined) return null;
  return (
    <ul className="fr-btns-group">
      {user ? (
        <>
          <li>
            <span className="greffe-user-name">
              <span className="fr-icon-account-circle-line" aria-hidden="true" /> {user.name}
            </span>
          </li>
          <li>
            <button type="button" className="fr-btn fr-icon-logout-box-r-line" onClick={() => void logout()}>
              Se déconnecter
            </button>
          </li>
        </>
      ) : (
        <li>
          <Link
            to={path.startsWith('/connexion') ? path : `/connexion?retour=${encodeURIComponent(path)}`}
            className="fr-btn fr-icon-account-circle-line"
          >
            Se connecter
          </Link>
        </li>
      )}
    </ul>
  );
}

function NavItems({ path, unread }: { path: string; unread: number | undefined }) {
  const { user } = useSession();
  const court = isCourtUser(user);
  const items: { to: string; label: ReactNode }[] = [{ to: '/', label: 'Accueil' }];
  if (user && !court) items.push({ to: '/affaires', label: 'Mes affaires' });
  if (court)
    items.push(
      { to: '/bureau', label: 'Bureau' },
      { to: '/bureau/envois', label: 'Envois en échec' },
      { to: '/statistiques', label: 'Statistiques' },
    );
  if (user)
    items.push({
      to: '/avis',
      label: (
        <>
          Mes avis
          {unread !== undefined && unread > 0 && (
            <span className="fr-badge fr-badge--sm fr-badge--new fr-ml-1w" data-testid="avis-non-lus">
              {unread} non {unread > 1 ? 'lus' : 'lu'}
            </span>
          )}
        </>
      ),
    });
  const current = (to: string) =>
    to === '/'
      ? path === '/'
      : path === to ||
        (path.startsWith(`${to}/`) && !items.some((i) => i.to !== to && path.startsWith(i.to)));
  return (
    <ul className="fr-nav__list">
      {items.map((i) => (
        <li className="fr-nav__item" key={i.to}>
          <Link to={i.to} className="fr-nav__link" aria-current={current(i.to) ? 'page' : undefined}>
            {i.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function Header({ path, children }: { path: string; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const { user } = useSession();
  const unread = useUnreadNotices(Boolean(user), path);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu.
  useEffect(() => setOpen(false), [path]);
  useLayoutEffect(() => {
    // Focus goes into the menu when it opens, and back to its button when it closes (DSFR's modal does the same).
    if (open) closeButton.current?.focus();
    else if (wasOpen.current) menuButton.current?.focus();
    wasOpen.current = open;
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <Logo />
                </div>
                <div className="fr-header__navbar">
                  <button
                    ref={menuButton}
                    type="button"
                    className="fr-btn--menu fr-btn"
                    aria-controls={MENU_ID}
                    aria-expanded={open}
                    title="Menu"
                    onClick={() => setOpen(true)}
                  >
                    Menu
                    {unread !== undefined && unread > 0 && (
                      <span className="fr-sr-only">
                        {' '}
                        ({unread} {unread > 1 ? 'avis non lus' : 'avis non lu'})
                      </span>
                    )}
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link to="/">
                  <span className="fr-header__service-title">Greffe en ligne</span>
                </Link>
                <p className="fr-header__service-tagline">Saisir la justice et suivre son affaire</p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                {children}
                <AccountLinks path={path} />
              </div>
            </div>
          </div>
        </div>
      </div>
      <div
        className={open ? 'fr-header__menu fr-modal fr-modal--opened' : 'fr-header__menu fr-modal'}
        id={MENU_ID}
        {...(open ? { role: 'dialog', 'aria-modal': true, 'aria-label': 'Menu' } : {})}
      >
        <div className="fr-container">
          <button
            ref={closeButton}
            type="button"
            className="fr-btn--close fr-btn"
            aria-controls={MENU_ID}
            title="Fermer le menu"
            onClick={() => setOpen(false)}
          >
            Fermer
          </button>
          <div className="fr-header__menu-links">
            {children}
            <AccountLinks path={path} />
          </div>
          <nav className="fr-nav" aria-label="Menu principal">
            <NavItems path={path} unread={unread} />
          </nav>
        </div>
      </div>
    </header>
  );
}
