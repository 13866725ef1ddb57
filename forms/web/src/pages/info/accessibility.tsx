/**
 * The accessibility statement (loi n° 2005-102 du 11 février 2005, art. 47;
 * décret n° 2019-768). Its conformity status stays "non conforme" until an
 * RGAA audit is made: the automated checks the tests run (axe-core, keyboard
 * use) cover part of the RGAA's criteria only, and say so.
 */
import { PageTitle } from '../../components/page.tsx';
import { Link } from '../../lib/router.ts';

export function AccessibilityPage() {
  return (
    <div className="greffe-prose">
      <PageTitle>Déclaration d’accessibilité</PageTitle>
      <p>
        L’administration qui met Greffe en ligne à disposition du public s’engage à rendre ses services
        numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique à la plateforme Greffe en ligne.</p>

      <h2>État de conformité</h2>
      <p>
        <strong>
          Greffe en ligne est non conforme avec le RGAA 4.1.2 (référentiel général d’amélioration de
          l’accessibilité)
        </strong>
        , car aucun audit de conformité n’a encore été réalisé. Le taux de critères du RGAA respectés n’est
        donc pas connu.
      </p>

      <h2>Ce que vérifient nos tests automatiques</h2>
      <p>À chaque nouvelle version, avant sa mise en service, des tests automatiques :</p>
      <ul>
        <li>
          passent l’outil axe-core sur chaque page des parcours du demandeur, du défendeur, du greffe, du juge
          et du conciliateur, sur un écran d’ordinateur et sur un écran de téléphone (375 pixels de large) ;
          une seule anomalie détectée bloque la version ;
        </li>
        <li>déposent une demande complète au clavier seul, sans souris ;</li>
        <li>vérifient que les pages ne chargent rien depuis un autre site.</li>
      </ul>
      <p>
        Ces vérifications automatiques ne contrôlent qu’une partie des critères du RGAA : elles ne remplacent
        pas un audit, ni les essais par des personnes utilisant des technologies d’assistance.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>
        Faute d’audit, la liste des critères non respectés n’est pas établie. Les pièces déposées par les
        parties (documents PDF, photos) sont publiées telles qu’elles ont été transmises : leur accessibilité
        ne dépend pas de la plateforme.
      </p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 2 décembre 2026.</p>
      <ul>
        <li>Technologies utilisées : HTML, CSS, JavaScript, WAI-ARIA.</li>
        <li>Outils des tests automatiques : navigateur Chromium et axe-core.</li>
      </ul>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, signalez-le : nous vous indiquerons un
        autre moyen d’y accéder. Voir la page <Link to="/contact">Contact</Link>.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un
        service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits (
          <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener">
            formulaire en ligne
          </a>
          ) ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région (
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues" rel="noopener">
            liste des délégués
          </a>
          ) ;
        </li>
        <li>appeler le 09 69 39 00 00 ;</li>
        <li>
          envoyer un courrier gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris
          CEDEX 07.
        </li>
      </ul>
    </div>
  );
}
