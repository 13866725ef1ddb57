/**
 * Takes the log's signed checkpoints: shortly after each batch of events
 * (`kick`, debounced) and on a schedule (even with no new event: a fresh
 * timestamp shows the log was not rolled back in between). Each checkpoint
 * extends the tree from the previous one's frontier, is signed (Ed25519,
 * checkpoint.ts), timestamped (RFC 3161) and exported where the operator does
 * not write (export.ts); `greffe audit verify` checks the journal against it.
 */
import { createHash } from 'node:crypto';
import type { TimestampConnector } from '../connectors/seal/tsa.ts';
import type { CaseStore, CheckpointRow } from '../store/case-store.ts';
import { type NoteSigner, signCheckpoint } from './checkpoint.ts';
import type { CheckpointExport } from './export.ts';
import { EMPTY_FRONTIER, extend, frontierRoot } from './merkle.ts';

export interface CheckpointerOptions {
  readonly signer: NoteSigner;
  /** RFC 3161 authority; without one, checkpoints are signed but not timestamped. */
  readonly timestamp?: TimestampConnector;
  readonly exportTo: CheckpointExport;
  /** Checkpoint at least this often (default 1 h). */
  readonly intervalMs?: number;
  /** Wait this long after a batch of events before checkpointing (default 1 s): later events join it. */
  readonly debounceMs?: number;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

export class Checkpointer {
  #chain: Promise<unknown> = Promise.resolve();
  #debounce: NodeJS.Timeout | undefined;
  #interval: NodeJS.Timeout | undefined;
  #stopped = false;
  readonly #log: (line: string) => void;

  constructor(
    private readonly store: CaseStore,
    private readonly o: CheckpointerOptions,
  ) {
    this.#log = o.log ?? ((l) => console.error(l));
  }

  start(): void {
    this.#interval = setInterval(() => void this.take(true), this.o.intervalMs ?? 3_600_000);
    this.#interval.unref();
  }

  /** A batch of events was committed: checkpoint soon. */
  kick(): void {
    if (this.#debounce || this.#stopped) return;
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      void this.take(false);
    }, this.o.debounceMs ?? 1000);
  }

  /**
   * Takes a checkpoint now (unless nothing was appended since the last one and
   * `force` is false). A failure is logged, and the next checkpoint covers the
   * same leaves; resolves to undefined then.
   */
  take(force = true): Promise<CheckpointRow | undefined> {
    const run = this.#chain
      .then(() => this.#take(force))
      .catch((err: unknown) => {
        this.#log(
          `greffe : point de contrôle du journal impossible : ${err instanceof Error ? err.message : String(err)}`,
        );
        return undefined;
      });
    this.#chain = run;
    return run;
  }

  async #take(force: boolean): Promise<CheckpointRow | undefined> {
    const size = await this.store.extendLog();
    const [last] = await this.store.latestCheckpoints(1);
    if (last && last.size === size && !force) return undefined;
    const from = last
      ? { size: last.size, hashes: (JSON.parse(last.frontier) as string[]).map((h) => Buffer.from(h, 'hex')) }
      : EMPTY_FRONTIER;
    const leaves = await this.store.logLeaves(from.size, size);
    const f = extend(
      from,
      leaves.map((l) => Buffer.from(l.leafHash, 'hex')),
    );
    const root = frontierRoot(f).toString('hex');
    const note = signCheckpoint({ origin: this.o.signer.name, size, root }, this.o.signer);
    let stamp: Awaited<ReturnType<TimestampConnector['stamp']>> | undefined;
    if (this.o.timestamp) {
      try {
        stamp = await this.o.timestamp.stamp(createHash('sha256').update(note, 'utf8').digest());
      } catch (err: unknown) {
        // The checkpoint is still signed and exported; the next one will be timestamped.
        this.#log(
          `greffe : horodatage du point de contrôle impossible : ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const row = await this.store.saveCheckpoint({
      size,
      root,
      frontier: JSON.stringify(f.hashes.map((h) => h.toString('hex'))),
      note,
      takenAt: (this.o.now?.() ?? new Date()).toISOString(),
      timestampToken: stamp ? Buffer.from(stamp.tokenDer).toString('base64') : null,
      timestampTime: stamp ? stamp.genTime.toISOString() : null,
      timestampAuthority: stamp ? stamp.tsa : null,
    });
    await this.o.exportTo.export(row, (a, b) => this.store.logLeaves(a, b), this.o.signer);
    return row;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#debounce);
    clearInterval(this.#interval);
  }

  /** Resolves once the checkpoints under way are taken. */
  async idle(): Promise<void> {
    await this.#chain;
  }
}
