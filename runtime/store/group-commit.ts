/**
 * Group commit: the events that reach their commit step during one turn of
 * the event loop (concurrent requests) share one SQLite transaction, hence
 * one WAL sync, instead of one sync each. Each event still runs in its own
 * SAVEPOINT — it is written whole or not at all, and one refused event
 * (version conflict, failed write) leaves the others untouched — and no
 * caller is answered before the COMMIT that makes its event durable has
 * returned. If that COMMIT fails, every event of the batch fails.
 *
 * This is what databases call group commit (PostgreSQL's commit_delay,
 * InnoDB's binlog group commit); here it costs no delay: the batch is what
 * arrived while the previous turn ran, flushed at the next `setImmediate`.
 *
 * A savepoint per event costs ~15–20 µs (SAVEPOINT, RELEASE, and the
 * statement journal of the pages it may roll back), a tenth of an event's
 * work, while events almost never fail at this step (the decision was taken
 * before). So a batch first runs without savepoints; if an event throws, the
 * whole transaction is rolled back and the batch is run again with a
 * savepoint per event, as above. Jobs are therefore run twice in that case:
 * they must only write to the database (the store's event writes do).
 */
import type Database from 'better-sqlite3';

interface Job {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A job threw in a batch run without savepoints (the transaction is rolled back). */
class JobFailed extends Error {
  constructor(readonly error: unknown) {
    super('job failed');
  }
}

export class GroupCommit {
  #queue: Job[] = [];
  #scheduled = false;
  /**
   * Batches committed and events in them, and batches run again with a savepoint per event
   * because one of their events failed; for the bench and the tests.
   */
  readonly stats = { batches: 0, events: 0, largest: 0, redone: 0 };
  readonly #whole: Database.Transaction<(jobs: readonly Job[]) => unknown[]>;
  readonly #batch: Database.Transaction<(jobs: readonly Job[]) => Outcome[]>;

  /**
   * `one` is the store's transaction function (it refuses a job that returns a promise); called
   * inside the batch's open transaction, better-sqlite3 runs it as a SAVEPOINT. `direct` runs a
   * job with the same check and no savepoint.
   */
  constructor(
    sqlite: Database.Database,
    one: (fn: () => unknown) => unknown,
    direct: (fn: () => unknown) => unknown,
  ) {
    this.#whole = sqlite.transaction((jobs: readonly Job[]) =>
      jobs.map((job) => {
        try {
          return direct(job.fn);
        } catch (error: unknown) {
          throw new JobFailed(error);
        }
      }),
    );
    this.#batch = sqlite.transaction((jobs: readonly Job[]) =>
      jobs.map((job): Outcome => {
        try {
          return { ok: true, value: one(job.fn) };
        } catch (error: unknown) {
          // Rolled back to the job's savepoint; the error goes to its caller once the batch ends.
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `fn` (synchronous) in the next batch; resolves once the batch is durably committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const jobs = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    let outcomes: Outcome[];
    try {
      outcomes = this.#whole.immediate(jobs).map((value) => ({ ok: true, value }));
    } catch (error: unknown) {
      if (!(error instanceof JobFailed) || jobs.length === 1) {
        // BEGIN or COMMIT failed, or the batch's only event did: nothing of the batch is stored.
        for (const job of jobs) job.reject(error instanceof JobFailed ? error.error : error);
        return;
      }
      // One event failed: rolled back whole; again, each event in its own savepoint.
      this.stats.redone++;
      try {
        outcomes = this.#batch.immediate(jobs);
      } catch (again: unknown) {
        for (const job of jobs) job.reject(again);
        return;
      }
    }
    this.stats.batches++;
    this.stats.events += jobs.length;
    this.stats.largest = Math.max(this.stats.largest, jobs.length);
    outcomes.forEach((o, i) => {
      const job = jobs[i] as Job;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }
}
