/** The count of unread platform notices for the header, refreshed on each page and when a notice is read. */
import { useEffect, useState } from 'react';
import { api } from './api.ts';

const CHANGED = 'greffe:avis';

/** Tells the header the unread count changed (a notice was marked read). */
export const noticesChanged = (): void => {
  window.dispatchEvent(new Event(CHANGED));
};

/** Unread notices of the signed-in user; undefined when nobody is signed in or while unknown. */
export function useUnreadNotices(signedIn: boolean, path: string): number | undefined {
  const [unread, setUnread] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new page asks again.
  useEffect(() => {
    if (!signedIn) {
      setUnread(undefined);
      return;
    }
    let live = true;
    const load = () =>
      api.unreadNotices().then(
        (n) => {
          if (live) setUnread(n.unread);
        },
        (e: unknown) => console.warn('Avis', e),
      );
    void load();
    window.addEventListener(CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(CHANGED, load);
    };
  }, [signedIn, path]);
  return unread;
}
