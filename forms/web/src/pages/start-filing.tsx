/**
 * "Commencer ma demande": creates the case (once) and opens its filing form,
 * pre-filled with the eligibility answers. Reached by a link, after signing in
 * if need be, so the claim starts where the person left off. The questionnaire
 * without JavaScript sends its answers in the address (`?reponses=`).
 */
import { useEffect, useState } from 'react';
import { ErrorAlert, Loading, PageTitle } from '../components/page.tsx';
import { ApiError } from '../lib/api.ts';
import { rememberAnswersFromQuery, startFiling } from '../lib/filing.ts';
import { Link } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';

// One creation per page visit, even if React runs the effect twice.
const started = new Set<string>();

export function StartFilingPage({ id, version }: { id: string; version: string }) {
  const { user } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const here = `/procedures/${id}/${version}/deposer`;
  // Before the case is created (the next effect), and kept through the sign-in.
  useEffect(() => {
    rememberAnswersFromQuery(id, version, window.location.search);
  }, [id, version]);
  useEffect(() => {
    if (!user || started.has(here)) return;
    started.add(here);
    startFiling(id, version).then(
      () => started.delete(here),
      (e: unknown) => {
        started.delete(here);
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
      },
    );
  }, [user, id, version, here]);
  return (
    <>
      <PageTitle>Commencer ma demande</PageTitle>
      {user === undefined && <Loading />}
      {user === null && (
        <>
          <p>
            Pour déposer une demande, identifiez-vous d’abord : votre demande sera enregistrée à votre nom.
          </p>
          <Link to={`/connexion?retour=${encodeURIComponent(here)}`} className="fr-btn">
            Se connecter
          </Link>
        </>
      )}
      {user && !error && <Loading what="Création de votre demande" />}
      {error && <ErrorAlert error={error} title="La demande n’a pas pu être créée" />}
    </>
  );
}
