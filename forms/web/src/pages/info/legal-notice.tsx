/** The legal notice (loi n° 2004-575 du 21 juin 2004, art. 6): who publishes, who hosts, under what licence. */
import { PageTitle } from '../../components/page.tsx';
import { Link } from '../../lib/router.ts';

export function LegalNoticePage() {
  return (
    <div className="greffe-prose">
      <PageTitle>Mentions légales</PageTitle>
      <h2>Éditeur</h2>
      <p>
        Greffe en ligne est publié par l’administration qui l’exploite pour les juridictions qui y traitent
        leurs affaires. Son adresse et les moyens de la joindre figurent sur la page{' '}
        <Link to="/contact">Contact</Link>. Le directeur de la publication est le responsable de cette
        administration.
      </p>
      <h2>Hébergement</h2>
      <p>
        La plateforme est hébergée sur les serveurs de l’administration qui l’exploite. Les pages ne chargent
        rien depuis un autre site : les polices, les icônes et les programmes sont servis par la plateforme
        elle-même.
      </p>
      <h2>Logiciel et licences</h2>
      <p>
        Greffe en ligne est un logiciel libre, distribué sous la licence publique de l’Union européenne
        (EUPL-1.2). Son apparence suit le Système de design de l’État (DSFR), réservé aux sites de
        l’administration.
      </p>
      <h2>Responsabilité</h2>
      <p>
        Les textes d’aide de la plateforme expliquent la procédure ; ils ne sont pas un conseil juridique sur
        votre situation. Les textes de loi qui font foi sont publiés sur legifrance.gouv.fr.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Voir la <Link to="/accessibilite">déclaration d’accessibilité</Link>.
      </p>
    </div>
  );
}
