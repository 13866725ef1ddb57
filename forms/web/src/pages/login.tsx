/**
 * Sign-in. In development mode the server lists sample users, one per role;
 * otherwise a one-time code sent by e-mail (components/email-login.tsx).
 */
import { useState } from 'react';
import { EmailLogin } from '../components/email-login.tsx';
import { ErrorAlert, Loading, PageTitle } from '../components/page.tsx';
import { api, ApiError, request } from '../lib/api.ts';
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

  const enter = async (user: User) => {
    await refresh();
    navigate(
      back?.startsWith('/') && !back.startsWith('//') ? back : isCourtUser(user) ? '/bureau' : '/affaires',
    );
  };
  const login = async (u: User) => {
    setError(null);
    try {
      await enter((await api.devLogin(u.id)).user);
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
          <>
            <ProviderButtons />
            <EmailLogin onLoggedIn={enter} />
          </>
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

/** One button per OpenID provider the server is configured with (FranceConnect, ProConnect…). */
function ProviderButtons() {
  const [methods] = useAsync(
    () => request<{ oidc: readonly { id: string; label: string }[] }>('GET', '/api/auth/methods'),
    [],
  );
  if (methods.status !== 'done' || methods.value.oidc.length === 0) return null;
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md">
      {methods.value.oidc.map((p) => (
        <li key={p.id}>
          <a className="fr-btn" href={`/api/auth/oidc/${encodeURIComponent(p.id)}/login`}>
            Se connecter avec {p.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
