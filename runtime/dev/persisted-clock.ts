/**
 * The development clock kept beside the database (`<db>.horloge-dev.json`):
 * a server restarted on the same database resumes at the instant it had
 * reached, so the deadlines it computed keep their days left (issue 15, 13).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ManualClock } from '../time/index.ts';

export const devClockFile = (db: string): string => `${db}.horloge-dev.json`;

/** A ManualClock that writes each move to `file`. */
export class PersistedClock extends ManualClock {
  constructor(
    private readonly file: string,
    start: Date,
  ) {
    super(start);
    this.#save();
  }

  override set(instant: Date): void {
    super.set(instant);
    this.#save();
  }

  override advance(iso: string): Date {
    const now = super.advance(iso);
    this.#save();
    return now;
  }

  #save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ now: this.now().toISOString() })}\n`);
    renameSync(tmp, this.file); // whole or not at all
  }
}

/**
 * The clock of a development server on database `db`: `start` when given, else the instant saved with the
 * database, else now.
 */
export function openDevClock(db: string, start?: Date): PersistedClock {
  const file = devClockFile(db);
  if (start) return new PersistedClock(file, start);
  if (!existsSync(file)) return new PersistedClock(file, new Date());
  const saved = new Date((JSON.parse(readFileSync(file, 'utf8')) as { now?: string }).now ?? '');
  if (Number.isNaN(saved.getTime()))
    throw new Error(
      `Horloge de développement illisible dans ${file} : supprimez ce fichier pour repartir de maintenant.`,
    );
  return new PersistedClock(file, saved);
}
