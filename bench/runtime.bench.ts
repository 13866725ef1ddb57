/**
 * Runtime throughput, each figure against its limit measured in the same run:
 * 1. durable events/s through the engine (transition + one synchronous commit of
 *    journal, projection, deadline, outbox, idempotency record and stored
 *    answer) vs raw better-sqlite3 inserts, one per transaction, same pragmas
 *    (WAL, synchronous=FULL);
 * 2. GET case view req/s vs a bare hono JSON route, each server in a child
 *    process, autocannon on loopback (p99 latency too), in alternating rounds
 *    (the median of the per-round ratios).
 * Goal: at least half of each limit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startServer } from '../runtime/index.ts';
import { fireEvent } from '../runtime/service/fire-event.ts';
import { openCaseFor } from '../runtime/service/open-case.ts';
import { rawInserts, sameWrites } from '../runtime/store/sqlite-limits.ts';
import { SqliteCaseStore } from '../runtime/store/sqlite-store.ts';
import type { BenchModule, Log } from './run.ts';
import { fmt } from './stats.ts';
import { filing } from '../test/helpers/annex.ts';
import { localRuntime, MEDIATRICE } from '../test/helpers/runtime.ts';

const FIXTURE = 'test/fixtures/procedures/mediation/1.0.0';
const ANNEX = 'spec/procedures/petits-litiges/1.0.0';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/**
 * Events through the runtime (service layer, no HTTP) over 200 cases.
 * `fire(k)` keeps k events in flight, each on a case of its own (as k
 * parties acting at once would), until `ms` have passed; returns how many
 * were committed. With k > 1 the events that reach their commit in the same
 * turn share one group commit.
 */
function sqliteOnly(store: unknown): SqliteCaseStore {
  if (!(store instanceof SqliteCaseStore))
    throw new Error('Ce banc mesure le magasin SQLite (GREFFE_TEST_DB à retirer).');
  return store;
}

async function engineEvents(
  dir: string,
): Promise<{ fire: (k: number, ms: number) => Promise<number>; store: SqliteCaseStore; close: () => void }> {
  const local = await localRuntime(FIXTURE, dir);
  const { rt } = local;
  const caller = MEDIATRICE;
  const cases: { id: string; version: number }[] = [];
  for (let i = 0; i < 200; i++)
    cases.push({ id: await openCaseFor(rt, caller, { procedure: 'mediation' }), version: 0 });
  return {
    async fire(k, ms) {
      const t0 = performance.now();
      let n = 0;
      const worker = async (w: number) => {
        for (let i = w; performance.now() - t0 < ms; i += k) {
          const c = cases[i % cases.length] as { id: string; version: number };
          const req = { event: 'inviter_voisin', data: {}, expectedVersion: c.version };
          await fireEvent(rt, caller, c.id, req, randomUUID());
          c.version++;
          n++;
        }
      };
      await Promise.all(Array.from({ length: k }, (_, w) => worker(w)));
      return n;
    },
    store: sqliteOnly(local.store),
    close: () => void local.close(),
  };
}

/** Events in flight at once in the concurrent measure: parties acting at the same moment. */
const IN_FLIGHT = 32;
/** Rounds of alternating slices (limit, same rows, engine one at a time, engine 32 at a time). */
const ROUNDS = 9;

/**
 * All measured in alternating slices, so that the load of a shared machine
 * (fsync latency varies a lot) weighs on each alike.
 */
async function durableEvents(dir: string, log: Log): Promise<void> {
  const raw = rawInserts(dir);
  const same = sameWrites(dir);
  const engine = await engineEvents(dir);
  const totals = {
    raw: { n: 0, ms: 0 },
    same: { n: 0, ms: 0 },
    one: { n: 0, ms: 0 },
    many: { n: 0, ms: 0 },
  };
  const SLICE = 400;
  const slice = (fn: () => unknown, into: { n: number; ms: number }) => {
    const t0 = performance.now();
    while (performance.now() - t0 < SLICE) {
      fn();
      into.n++;
    }
    into.ms += performance.now() - t0;
  };
  const engineSlice = async (k: number, into: { n: number; ms: number }) => {
    const t0 = performance.now();
    into.n += await engine.fire(k, SLICE);
    into.ms += performance.now() - t0;
  };
  await engineSlice(IN_FLIGHT, { n: 0, ms: 0 }); // warm-up: compiled validators, prepared statements
  const g = engine.store.groupStats;
  const grouped = { events: 0, batches: 0 };
  // Per round, each engine figure over the limit measured just before it: the machine's load
  // drifts (fsync latency most), so the median of these ratios says more than a ratio of totals.
  const rounds: { one: number; many: number }[] = [];
  const rateOf = (t: { n: number; ms: number }) => (t.n * 1000) / t.ms;
  for (let k = 0; k < ROUNDS; k++) {
    const r = { raw: { n: 0, ms: 0 }, one: { n: 0, ms: 0 }, many: { n: 0, ms: 0 } };
    slice(raw.commit, r.raw);
    slice(same.commit, totals.same);
    await engineSlice(1, r.one);
    const before = { ...g };
    await engineSlice(IN_FLIGHT, r.many);
    grouped.events += g.events - before.events;
    grouped.batches += g.batches - before.batches;
    for (const key of ['raw', 'one', 'many'] as const) {
      totals[key].n += r[key].n;
      totals[key].ms += r[key].ms;
    }
    rounds.push({ one: rateOf(r.one) / rateOf(r.raw), many: rateOf(r.many) / rateOf(r.raw) });
  }
  const perBatch = grouped.events / grouped.batches;
  raw.close();
  same.close();
  engine.close();
  const rate = (t: { n: number; ms: number }) => (t.n * 1000) / t.ms;
  const [rawRate, sameRate, oneRate, manyRate] = [totals.raw, totals.same, totals.one, totals.many].map(rate);
  const row = (label: string, r: number | undefined) =>
    log(`${label.padEnd(78)} ${fmt(r ?? 0).padStart(7)} /s`);
  row('raw better-sqlite3 insert, 1 row per transaction (WAL, synchronous=FULL)', rawRate);
  row('raw statements, the same rows as an event, 1 event per transaction', sameRate);
  row('events through the engine, 1 in flight (a commit each)', oneRate);
  row(
    `events through the engine, ${IN_FLIGHT} in flight (group commit, ${fmt(perBatch, 1)} per commit)`,
    manyRate,
  );
  for (const [label, key, value] of [
    ['1 in flight', 'one', oneRate],
    [`${IN_FLIGHT} in flight`, 'many', manyRate],
  ] as const) {
    const ratio = (value ?? 0) / (rawRate ?? 1);
    const perRound = rounds.map((r) => r[key]).sort((a, b) => a - b);
    const median = perRound[Math.floor(perRound.length / 2)] ?? 0;
    log(
      `engine ${label} vs the limit (1-row insert): ratio ${fmt(ratio, 2)}; per round median ` +
        `${fmt(median, 2)} (${fmt(perRound[0] ?? 0, 2)}–${fmt(perRound.at(-1) ?? 0, 2)}) (goal ≥ 0.50)` +
        (median >= 0.5 ? ' OK' : ' BELOW GOAL'),
    );
  }
  // One event at a time can do no better than writing its rows by hand, one event per commit.
  log(
    `the same rows by hand vs the limit: ratio ${fmt((sameRate ?? 0) / (rawRate ?? 1), 2)} ` +
      '(the ceiling for events one at a time, whatever the engine)',
  );
}

/** CPU time (user + system) the process used so far, in µs. */
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Child process: serves either greffe (a case at the conciliation stage) or a bare hono route; prints what to load. */
async function child(mode: string, dir: string): Promise<void> {
  if (mode === 'bare' || mode === 'bare-payload') {
    // bare-payload: the same JSON as the case view, gzipped once and served as a constant (the HTTP
    // stack's limit for that answer).
    const payload = mode === 'bare-payload' ? gzipSync(readFileSync(join(dir, 'view.json'))) : undefined;
    const app = new Hono();
    app.get('/x', (c) =>
      payload
        ? c.body(new Uint8Array(payload), 200, {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          })
        : c.json({ ok: true }),
    );
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}/x` }));
    });
    answerCpu();
    process.on('SIGTERM', () => s.close(() => process.exit(0)));
    return;
  }
  const server = await startServer({
    db: join(dir, 'view.sqlite'),
    spec: ANNEX,
    port: 0,
    dev: true,
    log: () => undefined,
  });
  const as = async (user: string) => {
    const r = await fetch(`${server.url}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    if (!r.ok) throw new Error(`connexion de ${user} : ${r.status} ${await r.text()}`);
    return ((await r.json()) as { token: string }).token;
  };
  const call = async (token: string, path: string, body?: unknown) => {
    const r = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${path} : ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string; caseVersion: number };
  };
  const demandeur = await as('demandeur');
  let view = await call(demandeur, '/api/cases', { procedure: 'petits-litiges' });
  for (const [role, event, data] of CASE_STEPS) {
    view = await call(await as(role), `/api/cases/${view.id}/events`, {
      event,
      data,
      expectedVersion: view.caseVersion,
    });
  }
  console.log(JSON.stringify({ url: `${server.url}/api/cases/${view.id}`, token: demandeur }));
  answerCpu();
  process.on('SIGTERM', () => {
    server.close().then(() => process.exit(0));
  });
}

/** In a child: tells the parent, on request, the CPU time it used so far (user + system, µs). */
function answerCpu(): void {
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: cpuMicros() });
  });
}

/** A case taken to conciliation with an exchange: a realistic view (timeline, documents, deadlines). */
const CASE_STEPS: [string, string, unknown][] = [
  ['demandeur', 'deposer_demande', filing()],
  ['greffe', 'convoquer_defendeur', {}],
  [
    'defendeur',
    's_identifier',
    {
      moyen_identification: 'franceconnect',
      courriel: 'x@example.fr',
      consentement_signification_electronique: true,
    },
  ],
  [
    'defendeur',
    'deposer_defense',
    {
      position: 'conteste_partiellement',
      montant_reconnu: 600,
      declarations: 'Produit retourné endommagé.',
      contestations: 'Coût de remise en état retenu.',
      demande_reconventionnelle: false,
      preference_procedure: 'en_ligne',
      consentement_signification_electronique: true,
    },
  ],
  ['juge', 'orienter', { orientation: 'en_ligne' }],
  ['demandeur', 'echanger_conciliation', { message: 'Je peux accepter 700 euros.' }],
];

interface ChildInfo {
  url: string;
  token?: string;
}

interface Child {
  readonly info: ChildInfo;
  /** CPU µs (user + system) the child has used so far. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(mode: string, dir: string): Promise<Child> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, dir];
  const proc: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const info = await new Promise<ChildInfo>((resolve, reject) => {
    const timer = setInterval(() => {
      const first = out.split('\n').find((l) => l.startsWith('{'));
      if (!first) return;
      clearInterval(timer);
      resolve(JSON.parse(first) as ChildInfo);
    }, 20);
    proc.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`serveur de bench arrêté (${code})`));
    });
  });
  return {
    info,
    cpu: () =>
      new Promise<number>((resolve) => {
        proc.once('message', (m) => resolve((m as { cpu: number }).cpu));
        proc.send('cpu');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** What a browser's request says it accepts. */
const ACCEPT = 'gzip, deflate, br';

/** GET with node:http (fetch would decompress): the answer's encoding and size on the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ encoding?: string; size: number }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
      });
      res.on('end', () =>
        resolve({
          ...(res.headers['content-encoding'] && { encoding: res.headers['content-encoding'] }),
          size,
        }),
      );
    }).once('error', reject);
  });
}

interface Measured {
  readonly rps: number;
  readonly p99: number;
  /** Server CPU (user + system) per request, µs: what the server spends, whatever the load generator gets. */
  readonly cpuPerRequest: number;
}

/** One load of `seconds` on a child; as a browser asks, every request says it takes gzip. */
async function load(child: Child, seconds: number): Promise<Measured> {
  const headers = {
    'accept-encoding': ACCEPT,
    ...(child.info.token && { authorization: `Bearer ${child.info.token}` }),
  };
  const before = await child.cpu();
  const r = await autocannon({ url: child.info.url, connections: 10, headers, duration: seconds });
  const used = (await child.cpu()) - before;
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${child.info.url} : ${r.non2xx} réponses non 2xx, ${r.errors} erreurs`);
  }
  return { rps: r.requests.average, p99: r.latency.p99, cpuPerRequest: used / r.requests.total };
}

/** Rounds of alternating loads (case view, same-size bare route, bare route), so that drift weighs on each alike. */
const HTTP_ROUNDS = 5;
const HTTP_SECONDS = 3;

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function httpBench(dir: string, log: Log): Promise<void> {
  const children: Child[] = [];
  try {
    const view = await startChild('greffe', dir);
    children.push(view);
    const headers = { authorization: `Bearer ${view.info.token}` };
    const json = await (await fetch(view.info.url, { headers })).text();
    writeFileSync(join(dir, 'view.json'), json);
    const gz = await rawGet(view.info.url, { ...headers, 'accept-encoding': ACCEPT });
    if (gz.encoding !== 'gzip') throw new Error('la vue d’affaire n’est pas servie compressée');
    const same = await startChild('bare-payload', dir);
    children.push(same);
    const bare = await startChild('bare', dir);
    children.push(bare);
    const servers = { view, same, bare };
    const rounds: Record<keyof typeof servers, Measured[]> = { view: [], same: [], bare: [] };
    for (const c of children) await load(c, 1); // warm-up
    for (let k = 0; k < HTTP_ROUNDS; k++) {
      for (const key of ['view', 'same', 'bare'] as const)
        rounds[key].push(await load(servers[key], HTTP_SECONDS));
    }
    const line = (label: string, ms: Measured[]) =>
      log(
        `${label.padEnd(50)} ${fmt(median(ms.map((m) => m.rps))).padStart(7)} req/s  ` +
          `p99 ${fmt(median(ms.map((m) => m.p99)), 1).padStart(4)} ms  ` +
          `server CPU ${fmt(median(ms.map((m) => m.cpuPerRequest))).padStart(4)} µs/req`,
      );
    log(`(medians of ${HTTP_ROUNDS} alternating loads of ${HTTP_SECONDS} s, 10 connections)`);
    line('bare hono JSON route ({"ok":true})', rounds.bare);
    line(
      `bare hono route, the view's ${fmt(json.length / 1024, 1)} kB as ${fmt(gz.size / 1024, 1)} kB gzip`,
      rounds.same,
    );
    line('GET case view (session, access check, view)', rounds.view);
    for (const [label, key] of [
      ['bare route', 'bare'],
      ['same-size bare route', 'same'],
    ] as const) {
      const ratios = rounds.view.map((v, i) => v.rps / (rounds[key][i] as Measured).rps);
      const cpu =
        median(rounds[key].map((m) => m.cpuPerRequest)) / median(rounds.view.map((m) => m.cpuPerRequest));
      const m = median(ratios);
      log(
        `vs ${label}: req/s ratio per round, median ${fmt(m, 2)} (${fmt(Math.min(...ratios), 2)}–` +
          `${fmt(Math.max(...ratios), 2)}) (goal ≥ 0.50) ${m >= 0.5 ? 'OK' : 'BELOW GOAL'}; server CPU ratio ${fmt(cpu, 2)}`,
      );
    }
  } finally {
    for (const c of children) await c.stop();
  }
}

export const bench: BenchModule = {
  title: 'Runtime: durable events and case views',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'greffe-bench-'));
    try {
      await durableEvents(dir, log);
      await httpBench(dir, log);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === '--child'
) {
  await child(process.argv[3] ?? 'bare', process.argv[4] ?? tmpdir());
}
