/** Who is signed in: loaded once from /api/me, refreshed after a login. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ApiError } from './api.ts';
import type { User } from './api-schema.gen.ts';

export interface Session {
  /** undefined while loading, null when nobody is signed in. */
  readonly user: User | null | undefined;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session>({ user: undefined, refresh: async () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setUser(await api.me());
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) setUser(null);
      else {
        console.warn(e);
        setUser(null);
      }
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ user, refresh }}>{children}</SessionContext.Provider>;
}

export const useSession = (): Session => useContext(SessionContext);

/** Court actors (judge, registry, conciliator…) belong to a court; parties do not. */
export const isCourtUser = (user: User | null | undefined): boolean => Boolean(user?.court);
