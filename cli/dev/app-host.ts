/**
 * The platform `greffe dev` runs beside the preview: `greffe serve --dev`'s
 * machinery (runtime/server.ts: sample users, movable clock) on a temporary
 * SQLite file, serving the last good build of every version, drafts
 * included. The runtime loads its catalog once: after a save that changes
 * what loads, it is stopped and started again on the same port and file
 * (cases filed meanwhile are kept, pinned to their version).
 */
import { type RunningServer, startServer } from '../../runtime/index.ts';
import type { Procedure } from '../../spec/index.ts';

export interface SampleUserRef {
  readonly id: string;
  readonly name: string;
}

export interface AppHostOptions {
  readonly db: string;
  readonly port: number;
  readonly webDir?: string;
  readonly log: (line: string) => void;
}

export class AppHost {
  private server?: RunningServer;
  private port: number;
  private lastUrl?: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: AppHostOptions) {
    this.port = o.port;
  }

  /** The application's address (kept across restarts: the port does not change). */
  get url(): string | undefined {
    return this.lastUrl;
  }

  /** The sample users the application offers, one per role. */
  samples(): SampleUserRef[] {
    return (this.server?.runtime.sampleUsers ?? []).map((u) => ({ id: u.id, name: u.name }));
  }

  /** (Re)starts the platform with `procedures`; restarts run one after the other. */
  restart(procedures: readonly Procedure[]): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.server) {
        await this.server.close();
        this.server = undefined;
      }
      if (procedures.length === 0) return;
      this.server = await startServer({
        db: this.o.db,
        spec: procedures,
        port: this.port,
        dev: true,
        ...(this.o.webDir && { webDir: this.o.webDir }),
        log: (line) => this.o.log(line),
        // The preview restarts it on each save: no background checkpoint to wait for.
        transparency: { timestamp: false },
      });
      // Port 0 asks for a free one: restarts keep the one obtained, so the preview's links stay right.
      this.port = this.server.port;
      this.lastUrl = this.server.url;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.server?.close();
    this.server = undefined;
  }
}
