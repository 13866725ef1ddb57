/**
 * Delivery reports on a real server (issue 16: « each answer comes back as an
 * event of the case »), annex 1.1.0 on a loopback stack:
 * - e-mail: the convocation goes over SMTP (smtp-server on loopback) with an
 *   envelope sender and a DSN envelope id of its own (VERP); the bounce the
 *   recipient's server would send (RFC 3464) is posted raw, signed, to
 *   /api/webhooks/courriel/dsn: `courriel.echec` on the case, the message a
 *   dead letter with the server's reason, and the cascade's step fails — the
 *   simple letter goes at once, not after the e-mail's 12 days;
 * - SMS: the server's OVH-shaped simulator reports each SMS at the callback
 *   URL, as OVH does: `sms.distribue`, or `sms.echec` and a dead letter — but
 *   a failed SMS that was not its addressee's only means ends no step;
 * - a forged, unsigned, replayed or stale report → 401 and nothing recorded;
 *   a repeated report → recorded once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure } from '../spec/index.ts';
import { connectorConfigFromEnv } from '../runtime/connectors/config.ts';
import { signWebhook } from '../runtime/connectors/webhooks/signature.ts';
import { type RunningServer, startServer } from '../runtime/index.ts';
import { freshDatabase, type TestDatabase, testPgUrl } from '../runtime/store/pg-testing.ts';
import type { Api, View } from './helpers/api.ts';
import { Cast } from './helpers/journeys.ts';
import type { TestServer } from './helpers/server.ts';
import { CLAIM } from './helpers/annex-1-1.ts';
import { dsnFor } from './helpers/dsn.ts';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.ts';
import { ANNEX_DIR, copyAnnexWithActs } from './helpers/spec-copy.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-reports-'));
const PIPE = { id: 'mta-1', secret: 'secret-du-tuyau-des-retours-0123' };
const BOUNCE_SECRET = 'secret-des-jetons-verp-0123456789abcdef';
const smsLog = join(dir, 'sms.jsonl');
let sink: SmtpSink;
let s: RunningServer;
/** The store: a SQLite file, or a fresh PostgreSQL database under GREFFE_TEST_DB. */
let pg: TestDatabase | undefined;
let cast: Cast<Pick<TestServer, 'as'>>;
const as = (role: string): Promise<Api> => cast.as(role);

beforeAll(async () => {
  sink = await startSmtpSink();
  pg = testPgUrl() ? await freshDatabase() : undefined;
  const procedures = [ANNEX_DIR, 'spec/procedures/petits-litiges/1.1.0'].map((src) => {
    const { procedure } = loadProcedure(copyAnnexWithActs(src));
    if (!procedure) throw new Error(`annexe illisible : ${src}`);
    return procedure;
  });
  s = await startServer({
    db: pg?.url ?? join(dir, 'greffe.sqlite'),
    spec: procedures,
    port: 0,
    dev: true,
    clockStart: new Date('2027-07-05T09:00:00Z'),
    // No OVH account: the server's SMS simulator, which reports at the server's callback URL.
    connectors: connectorConfigFromEnv({
      GREFFE_SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
      GREFFE_MAIL_FROM: 'Greffe du tribunal <greffe@tj-lyon.example>',
      GREFFE_MAIL_BOUNCE: 'retours@tj-lyon.example',
      GREFFE_MAIL_BOUNCE_SECRET: BOUNCE_SECRET,
      GREFFE_WEBHOOK_KEYS_COURRIEL: `${PIPE.id}:${PIPE.secret}`,
      GREFFE_SMS_LOG: smsLog,
      GREFFE_DEV_PKI_DIR: join(dir, 'pki'),
    }),
    log: () => undefined,
  });
  cast = Cast.at(s.url);
  for (const u of s.runtime.sampleUsers)
    if (u.id !== 'defendeur')
      await s.runtime.store.upsertUser({ ...u, email: `${u.id}@exemple.test` }, new Date());
}, 120_000);

afterAll(async () => {
  await s?.close();
  await sink?.close();
  await pg?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const view = async (caseId: string): Promise<View> => (await (await as('greffe')).view(caseId)).body;
const connecteur = async (caseId: string) =>
  (await view(caseId)).timeline.filter((t) => t.kind === 'connecteur').map((t) => t.label);
const settle = async () => {
  await s.outbox.drain();
  await s.outbox.idle();
};
const deadLetters = async () =>
  (
    await (
      await as('greffe')
    ).get<{ deadLetters: { id: number; connector: string; error: string }[] }>('/api/outbox/dead-letters')
  ).body.deadLetters;

async function postDsn(raw: string, headers: Record<string, string> = signWebhook(raw, [PIPE])) {
  const res = await fetch(`${s.url}/api/webhooks/courriel/dsn`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', ...headers },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function fileAndConvoke(defendant: Record<string, unknown> = {}): Promise<string> {
  const { id } = await (await as('demandeur')).open('petits-litiges');
  await (await as('demandeur')).ok(id, 'deposer_demande', {
    ...CLAIM,
    defendeur: { ...CLAIM.defendeur, ...defendant },
  });
  await (await as('greffe')).ok(id, 'convoquer_defendeur');
  await settle();
  return id;
}

describe('e-mail bounces (RFC 3464 DSN)', () => {
  it('a bounced convocation: courriel.echec on the case, a dead letter, and the simple letter at once', async () => {
    const id = await fileAndConvoke();
    expect((await view(id)).state.id).toBe('identification_courriel');
    const sent = sink.inbox.filter((m) => m.rcptTo.includes('contact@boutique-electro.example'));
    expect(sent).toHaveLength(1);
    const mail = sent[0] as SmtpSink['inbox'][number];
    // Its own envelope sender (VERP) and DSN envelope id: the token names the outbox message, with its HMAC.
    expect(mail.mailFrom).toMatch(/^retours\+outbox-\d+\.[0-9a-f]{16}@tj-lyon\.example$/);
    const token = mail.mailFrom.slice('retours+'.length, mail.mailFrom.indexOf('@'));
    expect(mail.envid).toBe(token);
    const outboxId = Number(/^outbox-(\d+)\./.exec(token)?.[1]);

    const dsn = dsnFor(mail);
    // Forged, unsigned, signed with another key, stale: 401 and nothing recorded.
    const forged = { ...signWebhook(dsn, [PIPE]), 'x-greffe-signature': `${PIPE.id}=${'0'.repeat(64)}` };
    expect((await postDsn(dsn, forged)).status).toBe(401);
    expect((await postDsn(dsn, {})).status).toBe(401);
    expect(
      (await postDsn(dsn, signWebhook(dsn, [{ id: PIPE.id, secret: 'autre-secret-0123456789' }]))).status,
    ).toBe(401);
    expect((await postDsn(dsn, signWebhook(dsn, [PIPE], new Date(Date.now() - 600_000)))).status).toBe(401);
    // Signed, but its token's HMAC made up (somebody mailing the bounce address): not matched.
    const madeUp = dsn.replaceAll(token, `outbox-${outboxId}.${'a'.repeat(16)}`);
    expect((await postDsn(madeUp)).body.result).toBe('unknown');
    expect((await view(id)).timeline.filter((t) => t.event === 'courriel.echec')).toEqual([]);
    expect((await view(id)).state.id).toBe('identification_courriel');
    expect((await deadLetters()).filter((d) => d.id === outboxId)).toEqual([]);

    const headers = signWebhook(dsn, [PIPE]);
    const first = await postDsn(dsn, headers);
    expect(first).toMatchObject({ status: 202, body: { result: 'recorded' } });
    expect((await postDsn(dsn, headers)).status).toBe(401); // the same signed request again: a replay
    // The pipe delivers it again, signed anew a little later: recorded once.
    const later = signWebhook(dsn, [PIPE], new Date(Date.now() + 2000));
    expect((await postDsn(dsn, later)).body.result).toBe('duplicate');

    const v = await view(id);
    expect(v.state.id).toBe('identification_lettre_simple'); // at once, not after 12 days
    const bounced = v.timeline.filter((t) => t.event === 'courriel.echec');
    expect(bounced).toHaveLength(1);
    expect(bounced[0]?.label).toMatch(
      /^Courriel \(défendeur\) : non distribué — refusé par le serveur de messagerie du destinataire \(5\.1\.1\) : 550 5\.1\.1 <contact@boutique-electro\.example>/,
    );
    const dead = (await deadLetters()).filter((d) => d.id === outboxId);
    expect(dead.map((d) => d.connector)).toEqual(['courriel']);
    expect(dead[0]?.error).toMatch(/^Non distribué \(avis du prestataire\) : refusé par le serveur/);
    // The next step's letter leaves through the post simulator.
    await settle();
    await expect.poll(() => s.connectors.simulators.post?.letters.length, { timeout: 30_000 }).toBe(1);
  }, 120_000);

  it('a message that is no DSN, or a delay notice, is acknowledged and ignored', async () => {
    const autoReply =
      'From: a@example.org\r\nTo: retours@tj-lyon.example\r\nSubject: Absent\r\n\r\nJe suis absent.\r\n';
    expect(await postDsn(autoReply)).toMatchObject({ status: 200, body: { result: 'ignored' } });
  });
});

describe('SMS delivery reports (OVH callback)', () => {
  const smsSent = () =>
    readFileSync(smsLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; to: string });
  const callback = (token: string, q: Record<string, string>) =>
    fetch(`${s.url}/api/webhooks/sms/ovh/${token}?${new URLSearchParams(q)}`);

  it('delivered and undelivered SMS come back on the case, once; a failed notice ends no step', async () => {
    const token = s.connectors.webhooks.reports.smsToken as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    // The simulator's rule: a number ending in 0000 does not exist.
    const ok = await fileAndConvoke({ telephone: '06 98 76 54 32' });
    const ko = await fileAndConvoke({ telephone: '06 12 34 00 00' });
    for (const id of [ok, ko])
      await (await as('defendeur')).ok(id, 's_identifier', {
        moyen_identification: 'franceconnect',
        courriel: 'gerant@boutique-electro.example',
        consentement_signification_electronique: true,
      });
    await settle();
    await expect
      .poll(async () => (await view(ok)).timeline.some((t) => t.event === 'sms.distribue'), {
        timeout: 20_000,
      })
      .toBe(true);
    await expect
      .poll(async () => (await view(ko)).timeline.some((t) => t.event === 'sms.echec'), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await connecteur(ok)).toContain('SMS (défendeur) : distribué au destinataire');
    expect(await connecteur(ko)).toContain(
      'SMS (défendeur) : non distribué — numéro invalide, inconnu ou définitivement interdit (code 23)',
    );
    // The SMS was one of three means (platform, e-mail, SMS): the defence period runs on.
    const v = await view(ko);
    expect(v.state.id).toBe('defense');
    expect(v.deadlines.map((d) => d.id)).toContain('delai_defense');
    expect((await deadLetters()).filter((d) => d.connector === 'sms')).toHaveLength(1);

    // OVH calls again with the same report: recorded once.
    const failed = smsSent().find((x) => x.to === '+33612340000');
    const again = await callback(token, { id: String(failed?.id), ptt: '23', description: '2' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { result: string }).result).toBe('duplicate');
    expect((await view(ko)).timeline.filter((t) => t.event === 'sms.echec')).toHaveLength(1);

    // A wrong token: 401, nothing read; an intermediate state or an unknown id: acknowledged, nothing recorded.
    const before = (await view(ko)).timeline.length;
    const delivered = smsSent().find((x) => x.to === '+33698765432');
    const forged = await callback(`${token.slice(0, -1)}x`, { id: String(failed?.id), ptt: '4' });
    expect(forged.status).toBe(401);
    expect(
      ((await (await callback(token, { id: String(delivered?.id), ptt: '3' })).json()) as { result: string })
        .result,
    ).toBe('ignored');
    expect(
      ((await (await callback(token, { id: '999999', ptt: '4' })).json()) as { result: string }).result,
    ).toBe('unknown');
    expect((await callback(token, { ptt: '4' })).status).toBe(400);
    expect((await view(ko)).timeline.length).toBe(before);
  }, 120_000);
});
