/** A real server started as `npm start` would (no --dev), on a temporary SQLite file, with people logged in by the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthSession } from '../../runtime/identity/sessions.ts';
import { type RunningServer, type ServerOptions, startServer } from '../../runtime/index.ts';
import { ANNEX } from './annex.ts';
import { Api } from './api.ts';

export interface PlainServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly dir: string;
  readonly dbFile: string;
  /** A client logged in as a new person (court roles and court for staff). */
  login(id: string, roles?: string[], court?: string): Promise<Api>;
  close(): Promise<void>;
}

export async function startPlainServer(o: Partial<ServerOptions> = {}): Promise<PlainServer> {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-plain-'));
  const dbFile = join(dir, 'greffe.sqlite');
  const server = await startServer({ db: dbFile, spec: ANNEX, port: 0, log: () => undefined, ...o });
  return {
    server,
    url: server.url,
    dir,
    dbFile,
    async login(id, roles = [], court) {
      const store = server.runtime.store;
      await store.upsertUser({ id, name: id, roles, court: court ?? null, source: 'test' }, new Date());
      const api = new Api(server.url);
      api.token = await createAuthSession(store, { userId: id, method: 'test', dev: false });
      return api;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
