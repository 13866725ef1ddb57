/** Loads data for a page and keeps the loading/error state with it. */
import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import { loadFontsOnce } from './fonts.ts';

export type Async<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'done'; readonly value: T };

const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, 'CLIENT', e instanceof Error ? e.message : String(e));

/** Runs `load` when `deps` change; `reload()` runs it again (e.g. after an action changed the case). */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): [Async<T>, () => void] {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    let live = true;
    load().then(
      (value) => {
        if (live) setState({ status: 'done', value });
        // The page is usable: now the fonts may come.
        setTimeout(loadFontsOnce, 0);
      },
      (e: unknown) => live && setState({ status: 'error', error: asApiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}
