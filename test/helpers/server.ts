/**
 * Starts the real server (dev mode, random loopback port) for end-to-end
 * tests, on a real SQLite file in a temp folder — or, when GREFFE_TEST_DB
 * names a PostgreSQL server, on a new database there, dropped at `close()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServerOptions, startServer } from '../../runtime/index.ts';
import { freshDatabase, testPgUrl } from '../../runtime/store/pg-testing.ts';
import { Api } from './api.ts';

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  /** The SQLite file (unused on PostgreSQL). */
  readonly dbFile: string;
  /** The PostgreSQL database's URL, when the server runs on one. */
  readonly pgUrl?: string;
  readonly dir: string;
  /** Logs in a sample user and returns a client acting as them. */
  as(user: string): Promise<Api>;
  anonymous(): Api;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly spec: ServerOptions['spec'];
  /** Start of the procedural clock (default 2027-03-01T09:00:00Z, a Monday). */
  readonly clockStart?: string;
  /** The journal's checkpoints; by default signed with a development key, not timestamped. */
  readonly transparency?: ServerOptions['transparency'];
}

export async function startTestServer(o: TestServerOptions): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-e2e-'));
  const dbFile = join(dir, 'greffe.sqlite');
  const pg = testPgUrl() ? await freshDatabase() : undefined;
  const server = await startServer({
    db: pg?.url ?? dbFile,
    dataDir: dir,
    spec: o.spec,
    port: 0,
    host: '127.0.0.1',
    dev: true,
    clockStart: new Date(o.clockStart ?? '2027-03-01T09:00:00Z'),
    log: () => undefined,
    transparency: o.transparency ?? { timestamp: false },
  });
  return {
    server,
    url: server.url,
    dbFile,
    ...(pg && { pgUrl: pg.url }),
    dir,
    async as(user) {
      const api = new Api(server.url);
      await api.login(user);
      return api;
    },
    anonymous: () => new Api(server.url),
    async close() {
      await server.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
