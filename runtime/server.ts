/**
 * Starts the platform: loads the procedure versions, opens (or creates) the
 * store, starts the scheduler and the outbox worker, and serves the HTTP
 * application. Used by `greffe serve`, by the end-to-end tests (random
 * loopback port) and by the bench.
 */
import { createServer, type ServerOptions as HttpServerOptions, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Procedure } from '../spec/index.ts';
import { createApp } from './api/app.ts';
import { mailerFromConfig } from './connectors/mail/mailer.ts';
import { guardRequests } from './api/http-guard.ts';
import { uploadLimit } from './api/limits.ts';
import { type Catalog, catalogOf, describeFailures, loadCatalog } from './catalog.ts';
import { type ConnectorConfig, connectorConfigFromEnv } from './connectors/config.ts';
import { type StartedConnectors, startConnectors } from './connectors/wiring.ts';
import { FeedTokens } from './connectors/calendar/feed-tokens.ts';
import type { BankAccountSample } from './connectors/webhooks/partners.ts';
import { courtById, courtIds } from './identity/courts.ts';
import { purgeExpiredSessions } from './identity/sessions.ts';
import { OutboxWorker } from './connectors/outbox-worker.ts';
import { SAMPLE_COURT, sampleUsers } from './dev/sample-users.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { type Runtime, rulesGuards } from './service/context.ts';
import { openCaseStore } from './store/open-any.ts';
import type { TimestampConnector } from './connectors/seal/tsa.ts';
import { openDevClock } from './dev/persisted-clock.ts';
import { type Clock, type ManualClock, systemClock } from './time/index.ts';
import { publicKeyPem } from './transparency/checkpoint.ts';
import { shredExpired } from './retention/shred.ts';
import { Checkpointer } from './transparency/checkpointer.ts';
import { signerOf, timestampFromEnv, transparencyConfigFromEnv } from './transparency/config.ts';
import { exportTo } from './transparency/export.ts';

export interface ServerOptions {
  /** A SQLite file, or a PostgreSQL URL (`postgres://…`) that several instances may share. */
  readonly db: string;
  /** PostgreSQL: folder of the documents and the server's files, shared by every instance (default `data`). */
  readonly dataDir?: string;
  /** PostgreSQL: this instance's name in the leases it takes (default: a random one). */
  readonly instance?: string;
  /** Folder of procedures (default spec/procedures), or procedures already loaded. */
  readonly spec?: string | readonly Procedure[];
  readonly port?: number;
  readonly host?: string;
  /** Development mode: sample users, movable clock (starts at `clockStart`, default now). */
  readonly dev?: boolean;
  readonly clockStart?: Date;
  readonly webDir?: string;
  /** Court new cases are filed with when the request names none. */
  readonly court?: string;
  readonly schedulerIntervalMs?: number;
  readonly outboxIntervalMs?: number;
  /** A JSON-lines file where local connectors also log what they deliver. */
  readonly deliveryLog?: string;
  /** The connectors' configuration (default: from the environment, runtime/connectors/config.ts). */
  readonly connectors?: ConnectorConfig;
  /** What the simulated bank answers to a seizure (cents). */
  readonly bankAccount?: BankAccountSample;
  readonly log?: (line: string) => void;
  /** Behind an HTTPS reverse proxy (`--trust-proxy`): Secure cookies, HSTS, X-Forwarded-* believed. */
  readonly trustProxy?: boolean;
  /** The journal's checkpoints (runtime/transparency); unset fields come from the environment. */
  readonly transparency?: {
    readonly keyFile?: string;
    readonly exportTarget?: string;
    readonly intervalMs?: number;
    readonly debounceMs?: number;
    /** The RFC 3161 authority; false: checkpoints not timestamped. */
    readonly timestamp?: TimestampConnector | false;
  };
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly runtime: Runtime;
  readonly scheduler: Scheduler;
  readonly outbox: OutboxWorker;
  /** The connectors, their simulators and the act issuer. */
  readonly connectors: StartedConnectors;
  readonly checkpointer: Checkpointer;
  /** The development clock, in dev mode. */
  readonly devClock?: ManualClock;
  close(): Promise<void>;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const log = o.log ?? ((line: string) => console.log(line));
  const catalog: Catalog = Array.isArray(o.spec)
    ? catalogOf(o.spec)
    : loadCatalog((o.spec as string | undefined) ?? 'spec/procedures');
  for (const line of describeFailures(catalog)) log(line);
  if (catalog.procedures.length === 0) throw new Error('Aucune version de procédure valide à servir.');
  if (o.court !== undefined && !courtById(o.court)) {
    throw new Error(`Tribunal inconnu « ${o.court} » (tribunaux connus : ${courtIds().join(', ')}).`);
  }
  const store = await openCaseStore(o.db, {
    server: true,
    ...(o.dataDir !== undefined && { dataDir: o.dataDir }),
    ...(o.instance !== undefined && { instance: o.instance }),
  });
  await purgeExpiredSessions(store);
  // Kept beside the database: a restart resumes at the instant reached (dev/persisted-clock.ts).
  // PostgreSQL: the clock file goes in the instances' shared data folder (the URL is no path).
  const devClock = o.dev
    ? openDevClock(store.shared ? join(store.dataDir, 'greffe-pg') : o.db, o.clockStart)
    : undefined;
  const clock: Clock = devClock ?? systemClock;
  const samples = o.dev ? sampleUsers(catalog.procedures) : [];
  for (const u of samples) await store.upsertUser(u, new Date());
  const tc = transparencyConfigFromEnv(process.env, store.dataDir);
  const to = o.transparency ?? {};
  const signer = signerOf(
    { origin: tc.origin, ...((to.keyFile ?? tc.keyFile) && { keyFile: to.keyFile ?? tc.keyFile }) },
    store.dataDir,
  );
  const exportTarget = to.exportTarget ?? tc.exportTarget;
  if (signer.development) {
    log(
      `greffe : journal signé par une CLÉ DE DÉVELOPPEMENT (${store.dataDir}) : ses points de contrôle ne prouvent rien à un tiers ; indiquez GREFFE_JOURNAL_KEY.`,
    );
  }
  if (store.keyring.development) {
    log(
      `greffe : données personnelles chiffrées par une CLÉ DE DÉVELOPPEMENT (${store.keyring.source}) : indiquez GREFFE_DATA_KEY (fichier de 32 octets en base64).`,
    );
  }
  if (to.exportTarget === undefined && tc.exportIsDefault) {
    log(
      `greffe : points de contrôle exportés dans ${exportTarget}, à côté de la base : indiquez GREFFE_CHECKPOINT_EXPORT (dossier ou URL hors de la main de l’exploitant).`,
    );
  }
  // The configured authority, or the local development one, made at the first checkpoint.
  let authority: Promise<TimestampConnector> | undefined;
  const fromEnv: TimestampConnector = {
    stamp: async (digest) => {
      authority ??= timestampFromEnv(process.env, store.dataDir);
      return (await authority).stamp(digest);
    },
  };
  const timestamp = to.timestamp === false ? undefined : (to.timestamp ?? fromEnv);
  const checkpointer = new Checkpointer(store, {
    signer,
    ...(timestamp && { timestamp }),
    exportTo: exportTo(exportTarget),
    intervalMs: to.intervalMs ?? tc.intervalMs,
    ...(to.debounceMs !== undefined && { debounceMs: to.debounceMs }),
    log,
  });
  const hooks: { kick: (caseId?: string) => void; expire: (caseId: string) => Promise<boolean> } = {
    kick: () => undefined,
    expire: async () => false,
  };
  const runtime: Runtime = {
    store,
    catalog,
    clock,
    dev: o.dev === true,
    sampleUsers: samples,
    defaultCourt: o.court ?? SAMPLE_COURT,
    guards: rulesGuards,
    afterCommit: (caseId) => hooks.kick(caseId),
    expireDue: (caseId) => hooks.expire(caseId),
    transparency: {
      origin: signer.name,
      publicKey: publicKeyPem(signer.publicKey),
      development: signer.development,
    },
  };
  const scheduler = new Scheduler(runtime, o.schedulerIntervalMs);
  const connectorConfig = o.connectors ?? connectorConfigFromEnv(process.env, store.dataDir);
  const connectors = await startConnectors(runtime, connectorConfig, {
    ...(o.deliveryLog && { deliveryLog: o.deliveryLog }),
    ...(o.bankAccount && { bankAccount: o.bankAccount }),
  });
  if (connectors.simulated.length > 0)
    log(`Connecteurs locaux (simulés) : ${connectors.simulated.join(', ')}.`);
  const outbox = new OutboxWorker(store, connectors.connectors, clock, {
    ...(o.outboxIntervalMs !== undefined && { intervalMs: o.outboxIntervalMs }),
    onOutcome: connectors.onOutcome,
  });
  const acts = new Set<Promise<unknown>>();
  hooks.kick = (caseId) => {
    outbox.kick();
    checkpointer.kick();
    if (caseId === undefined) return;
    // The court's acts the event produced: rendered to PDF, sealed, stored on the case (acts/issue.ts).
    const p = connectors.issuer
      .issuePending(caseId)
      .catch((err: unknown) => console.error(`greffe : actes de l’affaire ${caseId} non émis :`, err))
      .finally(() => acts.delete(p));
    acts.add(p);
  };
  hooks.expire = async (caseId) => {
    const r = await scheduler.runDue(caseId);
    return r.fired + r.expired > 0;
  };

  const app = createApp(runtime, {
    ...(o.webDir && { webDir: o.webDir }),
    trustProxy: o.trustProxy === true,
    webhooks: connectors.webhooks,
    // Login and signature codes go through the same mail configuration as the case's messages.
    mailer: mailerFromConfig(connectorConfig.mail),
    smsSender: connectors.smsSender,
    connectors: { video: connectors.video, kick: () => outbox.kick() },
    calendar: { tokens: new FeedTokens(store), publicUrl: () => connectorConfig.publicUrl },
    ...(devClock && {
      dev: {
        clock: devClock,
        afterClockMove: async () => {
          const report = await scheduler.runDue();
          await outbox.drain();
          return report;
        },
      },
    }),
  });
  await scheduler.runDue();
  scheduler.start();
  checkpointer.start();
  void checkpointer.take(false);
  // End of retention: the keys of personal data due are destroyed at start, then once a day.
  const shred = () =>
    shredExpired(store, catalog.procedures, clock.now(), {
      ...(process.env.GREFFE_CONSERVATION_DEFAUT && {
        defaultRetention: process.env.GREFFE_CONSERVATION_DEFAUT,
      }),
    })
      .then((r) => {
        if (r.shredded.length > 0)
          log(
            `greffe : fin de conservation, données personnelles effacées de ${r.shredded.length} affaire(s).`,
          );
      })
      .catch((err: unknown) => log(`greffe : fin de conservation en échec : ${(err as Error).message}`));
  void shred();
  const shredTimer = setInterval(() => void shred(), 24 * 3600_000);
  shredTimer.unref();

  const listening = new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: o.port ?? 3000,
        hostname: o.host ?? '127.0.0.1',
        // Headers, cross-site refusal and body limits before the application (api/http-guard.ts).
        createServer: ((options: HttpServerOptions, listener: RequestListener) =>
          createServer(
            options,
            guardRequests(listener, {
              trustProxy: o.trustProxy === true,
              uploadLimit: uploadLimit(catalog.procedures),
            }),
          )) as typeof createServer,
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await listening;
  } catch (err: unknown) {
    // The port is taken (or refused): stop what was started above, so that the process ends with
    // its error instead of staying alive on its timers without serving anything.
    clearInterval(shredTimer);
    scheduler.stop();
    checkpointer.stop();
    await scheduler.idle();
    await checkpointer.idle();
    await connectors.close();
    await store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = o.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  connectors.setPlatformUrl(url);
  // Acts an event produced but the process did not live to issue (a crash between the commit and the
  // issuing): issued now, in the background, once the acts can print the platform's address; the
  // outbox's timer starts after them (the letters it posts enclose them), events kick it meanwhile.
  let closed = false;
  const missed = connectors.issuer
    .issueMissed()
    .then(({ cases, acts: issued }) => {
      if (issued.length > 0)
        log(
          `Actes émis au démarrage (non émis avant un arrêt) : ${issued.length}, dans ${cases} affaire(s).`,
        );
    })
    .catch((err: unknown) => console.error('greffe : actes non émis au démarrage :', err))
    .finally(() => {
      acts.delete(missed);
      // Delivering starts once the server listens: the simulators answer to its address.
      if (closed) return;
      outbox.start();
      outbox.kick();
    });
  acts.add(missed);
  return {
    url,
    port,
    runtime,
    scheduler,
    outbox,
    connectors,
    checkpointer,
    ...(devClock && { devClock }),
    async close() {
      closed = true;
      clearInterval(shredTimer);
      scheduler.stop();
      outbox.stop();
      checkpointer.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await scheduler.idle();
      await outbox.idle();
      await Promise.all(acts);
      await connectors.close();
      // A last checkpoint covers the events of the last moments.
      await checkpointer.take(false);
      await checkpointer.idle();
      await store.close();
    },
  };
}
