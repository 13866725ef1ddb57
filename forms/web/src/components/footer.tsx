/**
 * The DSFR footer, with the pages a public online service must link to from
 * every page: accessibility statement (with its conformity status, as the
 * DSFR footer shows it), legal notice, personal data, site map, contact.
 */
import { Link } from '../lib/router.ts';
import { Logo } from './header.tsx';

/** The footer's own pages, in the order the footer lists them. Also the site map's "about" section. */
export const INFO_PAGES: readonly { readonly to: string; readonly label: string }[] = [
  { to: '/plan-du-site', label: 'Plan du site' },
  // The status stays "non conforme" until an RGAA audit says otherwise (see pages/info/accessibility.tsx).
  { to: '/accessibilite', label: 'Accessibilité : non conforme' },
  { to: '/mentions-legales', label: 'Mentions légales' },
  { to: '/donnees-personnelles', label: 'Données personnelles' },
  { to: '/contact', label: 'Contact' },
];

/** The public-service sites every DSFR footer links to (plain links: nothing is loaded from them). */
const GOV_SITES = ['info.gouv.fr', 'service-public.fr', 'legifrance.gouv.fr', 'data.gouv.fr'];

export function Footer() {
  return (
    <footer className="fr-footer" id="pied-de-page">
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
            <ul className="fr-footer__content-list">
              {GOV_SITES.map((site) => (
                <li className="fr-footer__content-item" key={site}>
                  <a className="fr-footer__content-link" href={`https://www.${site}`} rel="noopener">
                    {site}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            {INFO_PAGES.map((p) => (
              <li className="fr-footer__bottom-item" key={p.to}>
                <Link to={p.to} className="fr-footer__bottom-link">
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>Greffe en ligne est un logiciel libre, distribué sous la licence EUPL-1.2.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
