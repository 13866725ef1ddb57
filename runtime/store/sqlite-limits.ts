/**
 * What SQLite itself does on this machine with the store's pragmas: the
 * limits the runtime bench (bench/runtime.bench.ts) measures the engine
 * against, in the same run. Here because they are SQLite's own figures:
 * nothing outside runtime/store speaks to better-sqlite3 (store-seam.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyPragmas, openStore } from './open.ts';

/** Raw limit: one durable insert per transaction, the store's pragmas. Returns a function running one commit. */
export function rawInserts(dir: string): { commit: () => void; close: () => void } {
  const db = new Database(join(dir, 'raw.sqlite'));
  applyPragmas(db);
  db.exec('CREATE TABLE ev (id INTEGER PRIMARY KEY, case_id TEXT, seq INTEGER, data TEXT, hash TEXT)');
  const insert = db.prepare('INSERT INTO ev (case_id, seq, data, hash) VALUES (?, ?, ?, ?)');
  let i = 0;
  const tx = db.transaction(() => insert.run('c', i++, '{"a":1}', randomUUID()));
  return { commit: () => tx(), close: () => db.close() };
}

/**
 * A second limit: the same rows an engine event writes (journal item, case
 * projection, deadline stopped and restarted, notification and reminder,
 * access code, idempotency record with a stored answer), written by
 * hand-written statements in one transaction — the I/O an event cannot avoid
 * on this schema, without the engine's decision and hashing.
 */
export function sameWrites(dir: string): { commit: () => void; close: () => void } {
  const store = openStore(join(dir, 'same.sqlite'));
  const db = store.sqlite;
  db.prepare(
    "INSERT INTO users (id, name, roles, source, created_at) VALUES ('m', 'M', '[]', 'bench', 'x')",
  ).run();
  const at = '2027-03-01T09:00:00.000Z';
  const ids = Array.from({ length: 200 }, (_, i) => {
    const id: string = randomUUID();
    db.prepare(
      "INSERT INTO cases (id, reference, procedure_id, procedure_version, court, state, version, journal_seq, last_hash, facts, created_by, created_at, updated_at) VALUES (?, ?, 'p', '1', 'tj', 's', 0, 0, '', '{}', 'm', ?, ?)",
    ).run(id, `RG 27/${i}`, at, at);
    return id;
  });
  const seq = new Map(ids.map((id) => [id, 0]));
  const journal = db.prepare(
    "INSERT INTO journal_events (case_id, seq, kind, event, from_state, to_state, actor_id, actor_role, at, data, data_sha256, documents, visible_to, spec_id, spec_version, case_version, prev_hash, hash) VALUES (?, ?, 'transition', 'e', 's', 's', 'm', 'r', ?, '{}', ?, '[]', '[]', 'p', '1', ?, ?, ?)",
  );
  const moveCase = db.prepare(
    'UPDATE cases SET journal_seq = ?, last_hash = ?, state = ?, version = ?, facts = ?, updated_at = ? WHERE id = ?',
  );
  const stop = db.prepare(
    "UPDATE deadlines SET status = 'stopped', ended_at = ?, ended_seq = ? WHERE case_id = ? AND deadline = 'd' AND status = 'running'",
  );
  const start = db.prepare(
    "INSERT INTO deadlines (case_id, court, deadline, status, duration, started_at, start_date, due, due_at, explanation, started_seq) VALUES (?, 'tj', 'd', 'running', 'P15D', ?, '2027-03-01', '2027-03-16', '2027-03-16T23:00:00.000Z', ?, ?)",
  );
  const message = db.prepare(
    "INSERT INTO outbox (case_id, kind, connector, recipient_role, payload, dedupe_key, available_at, status, attempts, deadline_id, created_at) VALUES (?, ?, 'courriel', 'r', ?, ?, ?, 'pending', 0, ?, ?)",
  );
  const invite = db.prepare(
    "INSERT INTO invitations (code_hash, case_id, role, created_at, created_seq) VALUES (?, ?, 'r', ?, ?)",
  );
  const idem = db.prepare(
    "INSERT INTO idempotency_keys (user_id, key, case_id, request_sha256, status, response, created_at) VALUES ('m', ?, ?, 'x', 200, ?, ?)",
  );
  const explanation = 'x'.repeat(600);
  // The event's short stored answer (fire-event.ts), not the whole case view it once was.
  const answer = 'v'.repeat(260);
  let i = 0;
  const tx = db.transaction(() => {
    const id = ids[i++ % ids.length] as string;
    const n = (seq.get(id) ?? 0) + 1;
    seq.set(id, n);
    const hash = randomUUID();
    const row = Number(journal.run(id, n, at, hash, n, hash, hash).lastInsertRowid);
    stop.run(at, n, id);
    const deadline = Number(start.run(id, at, explanation, n).lastInsertRowid);
    // Dedupe keys led by the journal row id, as the engine writes them (commit.ts).
    message.run(id, 'notify', 'x'.repeat(300), `j${row}:0`, at, null, at);
    message.run(id, 'reminder', 'x'.repeat(300), `j${row}:1`, at, deadline, at);
    invite.run(randomUUID(), id, at, n);
    moveCase.run(n, hash, 's', n, '{}', at, id);
    idem.run(randomUUID(), id, answer, at);
  });
  return { commit: () => tx(), close: () => store.close() };
}
