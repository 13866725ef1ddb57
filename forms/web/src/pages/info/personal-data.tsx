/**
 * What the platform does with personal data (RGPD, art. 13): what is
 * collected, why, who sees it, the rights of the person; and the one cookie.
 */
import { PageTitle } from '../../components/page.tsx';
import { Link } from '../../lib/router.ts';

export function PersonalDataPage() {
  return (
    <div className="greffe-prose">
      <PageTitle>Données personnelles</PageTitle>
      <h2>Ce que la plateforme enregistre</h2>
      <ul>
        <li>votre identité et vos coordonnées (adresse postale, téléphone, adresse électronique) ;</li>
        <li>ce que vous déclarez dans vos demandes et réponses, et les pièces que vous déposez ;</li>
        <li>
          l’historique de l’affaire : qui a fait quoi, et quand (par exemple, le dépôt d’une pièce ou une
          décision).
        </li>
      </ul>
      <h2>Pourquoi</h2>
      <p>
        Pour traiter votre affaire devant la juridiction : l’enregistrer, prévenir les autres parties,
        permettre au juge de statuer et faire connaître sa décision. C’est une mission d’intérêt public
        (règlement général sur la protection des données, article 6, paragraphe 1, e).
      </p>
      <h2>Qui y a accès</h2>
      <p>
        Seulement les personnes qui interviennent dans l’affaire, chacune pour ce qui la concerne, selon les
        règles de la procédure : le juge, le greffe, le conciliateur de justice, les parties et leurs avocats,
        et le commissaire de justice chargé de remettre les actes. Par exemple, les échanges de la
        conciliation ne sont pas montrés au juge.
      </p>
      <h2>Combien de temps</h2>
      <p>
        Les dossiers sont conservés, puis archivés, selon les règles applicables aux archives judiciaires.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez demander à consulter les données qui vous concernent et à faire corriger celles qui sont
        inexactes (règlement général sur la protection des données, articles 15 et 16) : voir la page{' '}
        <Link to="/contact">Contact</Link>. Les données traitées par les juridictions dans l’exercice de leur
        fonction juridictionnelle ne relèvent pas du contrôle de la CNIL (article 55, paragraphe 3, du même
        règlement) ; pour le reste, vous pouvez adresser une réclamation à la CNIL.
      </p>
      <h2>Cookies</h2>
      <p>
        La plateforme n’utilise qu’un seul cookie, indispensable à son fonctionnement : celui qui vous garde
        connecté pendant votre visite. Il n’y a ni mesure d’audience, ni publicité, ni traceur d’un autre site
        ; aucun accord de votre part n’est donc demandé.
      </p>
    </div>
  );
}
