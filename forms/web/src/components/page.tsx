/** Page scaffolding: the title that takes focus after navigation, loading and error states. */
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import type { ApiError } from '../lib/api.ts';
import type { Async } from '../lib/use-async.ts';
import { Link } from '../lib/router.ts';

let firstPage = true;

/**
 * The page's h1, which also names the browser tab. After an in-app navigation
 * it takes the focus, so a screen reader announces the new page (the whole
 * document is not reloaded, so nothing else would tell).
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useLayoutEffect(() => {
    if (text) document.title = `${text} — Greffe en ligne`;
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1} className="greffe-page-title">
      {children}
    </h1>
  );
}

export function Loading({ what = 'Chargement' }: { what?: string }) {
  return (
    <p className="greffe-loading" role="status">
      {what}…
    </p>
  );
}

export function ErrorAlert({ error, title }: { error: ApiError; title?: string }) {
  const needsLogin = error.status === 401;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w">
      <h2 className="fr-alert__title">
        {title ?? (needsLogin ? 'Vous devez vous identifier' : 'Une erreur est survenue')}
      </h2>
      <p>{error.message}</p>
      {needsLogin && (
        <p>
          <Link to={`/connexion?retour=${encodeURIComponent(window.location.pathname)}`}>Se connecter</Link>
        </p>
      )}
    </div>
  );
}

/** Renders `children(value)` once loaded; a status line while loading; the error otherwise. */
export function Loaded<T>({
  state,
  children,
  what,
}: {
  state: Async<T>;
  children: (v: T) => ReactNode;
  what?: string;
}) {
  if (state.status === 'loading') return <Loading {...(what ? { what } : {})} />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  return <>{children(state.value)}</>;
}
