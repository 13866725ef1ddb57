/**
 * An outbox an operator can trust: a message that fails is retried with a
 * growing, jittered delay (runtime/connectors/outbox-worker.test.ts); one
 * that can never be delivered as it stands (no address for its recipient) is
 * not retried but shown at once to the registry staff as a dead letter with
 * its French reason; « Réessayer » sends it once the cause is fixed. Its status is on the case's history, the citizen's view included.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfigFromEnv } from '../runtime/connectors/config.ts';
import { retryDelayMs } from '../runtime/connectors/outbox-worker.ts';
import { type RunningServer, startServer } from '../runtime/index.ts';
import { Api } from './helpers/api.ts';
import { filing } from './helpers/annex.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-dead-'));
let s: RunningServer;
beforeAll(async () => {
  s = await startServer({
    db: join(dir, 'g.sqlite'),
    spec: 'spec/procedures',
    port: 0,
    dev: true,
    clockStart: new Date('2027-03-01T09:00:00Z'),
    connectors: connectorConfigFromEnv(
      { GREFFE_MAIL_DIR: join(dir, 'mail'), GREFFE_DEV_PKI_DIR: join(dir, 'pki') },
      dir,
    ),
    log: () => undefined,
  });
}, 60_000);
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const login = async (user: string) => {
  const api = new Api(s.url);
  await api.login(user);
  return api;
};

describe('retries', () => {
  it('waits between half and all of min(1 min × 2^(n−1), 6 h)', () => {
    expect(retryDelayMs(1, () => 0)).toBe(30_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(60_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(180_000);
    expect(retryDelayMs(20, () => 0)).toBe(3 * 3_600_000);
  });
});

describe('dead letters', () => {
  it('dead-letters at once a message with no address, with its reason, and « Réessayer » delivers it', async () => {
    const demandeur = await login('demandeur');
    const greffe = await login('greffe');
    const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
    // The sample claimant has no e-mail address: the e-mail of the filing cannot go.
    const filed = await demandeur.ok(opened.id, 'deposer_demande', filing());
    // Not retried: one attempt, and the next drains (a day later) leave it alone.
    await s.outbox.drain();
    expect((await greffe.post('/api/dev/clock', { advance: 'P1D' })).status).toBe(200);
    await s.outbox.drain();
    const dead = await greffe.get<{
      deadLetters: { id: number; connector: string; error: string; attempts: number; reference: string }[];
    }>('/api/outbox/dead-letters');
    expect(dead.status).toBe(200);
    const letter = dead.body.deadLetters.find((d) => d.connector === 'courriel');
    expect(letter).toMatchObject({ attempts: 1, reference: filed.reference });
    expect(letter?.error).toMatch(/Aucune adresse électronique/);
    // The citizen sees it on the case's history.
    const history = async (api: Api) =>
      (await api.view(opened.id)).body.timeline.filter((t) => t.kind === 'connecteur').map((t) => t.label);
    expect(
      (await history(demandeur)).filter((l) =>
        /^Courriel \(demandeur\) : non envoyé, échec définitif sans nouvelle tentative — Aucune adresse électronique connue pour /.test(
          l,
        ),
      ),
    ).toHaveLength(1);
    // Not for the parties to see or retry.
    expect((await demandeur.get('/api/outbox/dead-letters')).status).toBe(403);
    expect((await demandeur.post(`/api/outbox/${letter?.id}/retry`)).status).toBe(403);

    // The cause fixed, « Réessayer »: sent once, the history says so, the list is empty.
    const me = s.runtime.sampleUsers.find((u) => u.id === 'demandeur');
    if (!me) throw new Error('utilisateur exemple manquant');
    await s.runtime.store.upsertUser({ ...me, email: 'claire.martin@exemple.test' }, new Date());
    expect((await greffe.post(`/api/outbox/${letter?.id}/retry`)).status).toBe(200);
    expect((await greffe.post(`/api/outbox/${letter?.id}/retry`)).status).toBe(409);
    await s.outbox.drain();
    await s.outbox.idle();
    expect(
      (await history(demandeur)).filter(
        (l) => l === 'Courriel envoyé (demandeur) — à claire.martin@exemple.test',
      ),
    ).toHaveLength(1);
    expect(readdirSync(join(dir, 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const after = await greffe.get<{ deadLetters: { connector: string }[] }>('/api/outbox/dead-letters');
    expect(after.body.deadLetters.filter((d) => d.connector === 'courriel')).toEqual([]);
  }, 120_000);
});
