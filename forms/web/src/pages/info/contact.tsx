/** Whom to ask: about one's case (the court's registry, through the case), about the platform. */
import { PageTitle } from '../../components/page.tsx';
import { Link } from '../../lib/router.ts';

export function ContactPage() {
  return (
    <div className="greffe-prose">
      <PageTitle>Contact</PageTitle>
      <h2>Une question sur votre affaire</h2>
      <p>
        Le greffe du tribunal qui traite votre affaire répond à vos questions. Ouvrez votre affaire depuis{' '}
        <Link to="/affaires">Mes affaires</Link> : la page indique où elle en est, ce que vous pouvez faire et
        les délais en cours. Vous pouvez aussi vous rendre au greffe de ce tribunal, ou dans un point-justice
        près de chez vous, où l’on vous aidera gratuitement.
      </p>
      <h2>Une question sur une procédure</h2>
      <p>
        Chaque procédure en ligne est expliquée étape par étape depuis l’<Link to="/">accueil</Link>. Le bloc
        « Besoin d’aide ? » de chaque page répond à « Que dois-je faire maintenant ? » et explique les mots de
        la justice. Pour saisir un tribunal judiciaire sur papier,{' '}
        <Link to="/trouver-un-tribunal">trouvez le tribunal compétent</Link> à partir du code postal du
        défendeur : son adresse, et le formulaire à remplir.
      </p>
      <h2>Un problème sur la plateforme</h2>
      <p>
        Si une page ne fonctionne pas, ou si vous n’arrivez pas à accéder à un contenu (voir la{' '}
        <Link to="/accessibilite">déclaration d’accessibilité</Link>), signalez-le au greffe du tribunal qui
        traite votre affaire : il vous indiquera un autre moyen d’accomplir votre démarche, au besoin sur
        papier.
      </p>
    </div>
  );
}
