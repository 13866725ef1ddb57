/**
 * Sign-in. In development mode the server lists sample users, one per role;
 * in production the identification methods of the procedure apply
 * (FranceConnect, certificate…) and this page says so.
 */
import { useState } from 'react';
import { ErrorAlert, Loading, PageTitle } from '../components/page.tsx';
import { api, ApiError } from '../lib/api.ts';
import type { User } from '../lib/api-schema.gen.ts';
import { navigate, queryParam, usePath } from '../lib/router.ts';
import { isCourtUser, useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function LoginPage() {
  const path = usePath();
  const { refresh } = useSession();
  const [users] = useAsync(() => api.devUsers(), []);
  const [error, setError] = useState<ApiError | null>(null);
  const back = queryParam(path, 'retour');

  const login = async (u: User) => {
    setError(null);
    try {
      const { user } = await api.devLogin(u.id);
      await refresh();
      navigate(back?.startsWith('/') ? back : isCourtUser(user) ? '/bureau' : '/affaires');
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    }
  };

  return (
    <>
      <PageTitle>Se connecter</PageTitle>
      {error && <ErrorAlert error={error} />}
      {users.status === 'loading' && <Loading />}
      {users.status === 'error' &&
        (users.error.status === 404 ? (
          <p>
            Identifiez-vous avec le moyen proposé par votre tribunal (FranceConnect, certificat de signature
            électronique ou identifiants reçus par courrier).
          </p>
        ) : (
          <ErrorAlert error={users.error} />
        ))}
      {users.status === 'done' && (
        <>
          <div className="fr-alert fr-alert--info fr-mb-3w">
            <h2 className="fr-alert__title">Mode de démonstration</h2>
            <p>Ce serveur fonctionne en mode développement : choisissez une personne d’exemple.</p>
          </div>
          <ul className="greffe-user-list">
            {users.value.map((u) => (
              <li key={u.id}>
                <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => void login(u)}>
                  {u.name}
                  <span className="fr-sr-only"> : se connecter</span>
                </button>
                <span className="fr-hint-text">
                  {u.id}
                  {u.court ? ` — ${u.court}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
