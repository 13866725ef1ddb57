/** A small history router: the runtime serves index.html for every non-API path, so URLs stay readable. */
import { createElement, type MouseEvent, type ReactNode, useSyncExternalStore } from 'react';

/** The event `navigate` sends (with `popstate`, what a page change is). */
export const CHANGE = 'greffe:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const currentPath = (): string => window.location.pathname + window.location.search;

/** The current path with its query string; re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Goes to `to` inside the app without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(CHANGE));
}

/** `match('/affaires/:id', '/affaires/42?x=1')` → `{ id: '42' }`; null when the path does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const bare = path.split('?')[0]?.replace(/\/+$/, '') || '/';
  const want = pattern.split('/');
  const got = bare.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

/** A query-string parameter of the current URL. */
export function queryParam(path: string, name: string): string | undefined {
  return new URLSearchParams(path.split('?')[1] ?? '').get(name) ?? undefined;
}

interface LinkProps {
  readonly to: string;
  readonly className?: string;
  readonly children: ReactNode;
  readonly 'aria-current'?: 'page' | undefined;
}

/** An ordinary link (middle-click and "open in new tab" keep working) that navigates in-app on a plain click. */
export function Link({ to, className, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return createElement('a', { href: to, className, onClick, ...rest }, children);
}
