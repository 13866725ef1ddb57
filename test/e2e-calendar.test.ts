/**
 * Calendar feeds over the real server (issue 16, point 6), on SQLite or on
 * PostgreSQL (GREFFE_TEST_DB): a person gets a secret address once, a
 * calendar application reads it without logging in and finds each running
 * deadline of his cases and the hearing the registry convened, named by the
 * case's reference; a new address or a revocation ends the old one (404);
 * another person's address never shows these cases. Parsed by ical.js
 * (Mozilla's iCalendar parser), not by looking for strings.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import type { Api, View } from './helpers/api.ts';
import { rows } from './helpers/db.ts';
import { Cast, playJourney } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const DIR = 'spec/procedures/injonction-de-payer/1.0.0';
const p = loadProcedure(DIR).procedure as Procedure;
let t: TestServer;
let cast: Cast;
let convened: View;
/** A case between the same parties whose opposition period runs. */
let served: View;

interface FeedEvent {
  summary: string;
  start: string;
  allDay: boolean;
  location: string | null;
  url: string | null;
  description: string;
}

/** The feed at `url`, fetched as a calendar application does (no session), its events parsed. */
async function feed(url: string): Promise<{ status: number; events: FeedEvent[] }> {
  const res = await fetch(url);
  if (res.status !== 200) return { status: res.status, events: [] };
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      summary: e.summary,
      start: e.startDate.toString(),
      allDay: e.startDate.isDate,
      location: e.location ?? null,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      description: e.description ?? '',
    };
  });
  return { status: 200, events };
}

async function issue(api: Api): Promise<string> {
  const r = await api.post<{ url: string; active: boolean }>('/api/calendar/feed');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.active).toBe(true);
  return r.body.url;
}

beforeAll(async () => {
  t = await startTestServer({ spec: DIR });
  cast = new Cast(t);
  // The drafters' journey with an opposition, up to the convocation to the hearing.
  const j = p.tests
    .flatMap((f) => f.journeys)
    .find((x) => x.steps.some((s) => s.event === 'convoquer_audience'));
  if (!j) throw new Error('Aucun parcours ne convoque à l’audience.');
  const upTo = (event: string, state: string) =>
    playJourney(
      cast,
      p,
      { ...j, steps: j.steps.slice(0, j.steps.findIndex((s) => s.event === event) + 1), expect: { state } },
      `${p.effective}T09:00:00Z`,
    );
  served = await upTo('signifier_ordonnance', 'delai_opposition_en_cours');
  convened = await upTo('convoquer_audience', 'audience');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the hearing’s video room', () => {
  it('is on the case page and in the convocation’s notice; its link is signed on the platform’s clock', async () => {
    const debtor = await cast.as('debiteur');
    const view = (await debtor.get<View & { hearings: unknown[] }>(`/api/cases/${convened.id}`)).body;
    expect(view.hearings).toEqual([
      expect.objectContaining({
        label: 'Audience',
        date: '2027-11-18',
        place: 'Tribunal judiciaire de Strasbourg, 1 quai Finkmatt, salle 3',
      }),
    ]);
    expect((await debtor.get<{ hearings: unknown[] }>(`/api/cases/${served.id}`)).body.hearings).toEqual([]);
    const { now } = (await debtor.get<{ now: string }>('/api/dev/clock')).body;
    const link = await debtor.get<{ url: string; expiresAt: string }>(`/api/visio/${convened.id}`);
    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expiresAt) - Date.parse(now)).toBeLessThanOrEqual(4 * 3600_000);
    expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.parse(now));
    const notices = (
      await debtor.get<{ notices: { caseId: string; body: string }[] }>('/api/notices')
    ).body.notices.filter((n) => n.caseId === convened.id);
    const convocation = notices.find((n) => n.body.includes('Vous êtes convoqué'));
    expect(convocation?.body).toContain('« Rejoindre la salle d’audience en ligne »');
    // Other notices of the case (the service, the opposition) carry no room.
    expect(notices.filter((n) => n.body.includes('Rejoindre la salle'))).toHaveLength(1);
  });
});

describe('« Mes avis »: what became of the messages sent elsewhere', () => {
  it('lists each delivery status of the reader’s own messages, from the case history', async () => {
    type Inbox = { deliveries: { caseId: string; connector: string; status: string; label: string }[] };
    await t.server.outbox.drain();
    const debtor = (await (await cast.as('debiteur')).get<Inbox>('/api/notices')).body.deliveries;
    expect(debtor.length).toBeGreaterThan(0);
    for (const d of debtor) expect([served.id, convened.id]).toContain(d.caseId);
    // The header's badge asks the count alone, and it is the inbox's.
    const api = await cast.as('debiteur');
    const inbox = (await api.get<{ unread: number }>('/api/notices')).body.unread;
    expect(inbox).toBeGreaterThan(0);
    expect((await api.get<{ unread: number }>('/api/notices/non-lus')).body).toEqual({ unread: inbox });
    // The sample debtor has no e-mail address: his e-mails failed for good, and he is told so.
    expect(debtor).toContainEqual(
      expect.objectContaining({
        connector: 'courriel',
        status: 'echec',
        label: expect.stringContaining('(débiteur)'),
      }),
    );
    expect(debtor).toContainEqual(
      expect.objectContaining({ connector: 'lettre_recommandee', status: 'envoye', caseId: convened.id }),
    );
    // The creditor's list holds his own messages only.
    const creditor = (await (await cast.as('creancier')).get<Inbox>('/api/notices')).body.deliveries;
    expect(creditor.length).toBeGreaterThan(0);
    for (const d of creditor) expect(d.label).not.toContain('(débiteur)');
  });
});

describe('calendar feed', () => {
  it('holds each running deadline and the hearing of the person’s cases, by reference, in French', async () => {
    // The debtor: the opposition period is his (a per-party deadline), the hearing both parties'.
    const debtor = await cast.as('debiteur');
    expect((await debtor.get('/api/calendar/feed')).body).toEqual({ active: false });
    const url = await issue(debtor);
    expect(url).toMatch(new RegExp(`^${t.url}/api/calendar/[\\w-]{43}\\.ics$`));
    const status = (await debtor.get<{ active: boolean; createdAt: string }>('/api/calendar/feed')).body;
    expect(status.active).toBe(true);
    // Only the hash is stored, never the address's secret.
    const secret = (/\/([\w-]{43})\.ics$/.exec(url) as RegExpExecArray)[1] as string;
    const stored = await rows<{ token_hash: string }>(t, 'SELECT token_hash FROM calendar_feeds');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(secret);

    const ref = convened.reference as string;
    const { status: code, events } = await feed(url);
    expect(code).toBe(200);
    const deadlines = [];
    for (const id of [served.id, convened.id]) {
      const view = (await debtor.view(id)).body;
      for (const d of view.deadlines)
        deadlines.push({
          summary: `${p.deadlines[d.id]?.label} — affaire ${view.reference}`,
          start: d.due,
          allDay: true,
          url: `${t.url}/affaires/${id}`,
        });
    }
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(events).toContainEqual(expect.objectContaining(d));
    const hearing = events.find((e) => e.summary === `Audience — affaire ${ref}`);
    expect(hearing).toMatchObject({
      start: '2027-11-18',
      allDay: true,
      location: 'Tribunal judiciaire de Strasbourg, 1 quai Finkmatt, salle 3',
      url: `${t.url}/affaires/${convened.id}`,
    });
    expect(hearing?.description).toContain('18 novembre 2027');
    expect(events).toHaveLength(deadlines.length + 1);
    // No party's name: the case is named by its reference (the debtor is « Lemoine », the creditor « Vidal »).
    for (const e of events) expect(`${e.summary} ${e.description}`).not.toMatch(/Lemoine|Vidal|Sébastien/);
  });

  it('shows the registry the hearings of its court', async () => {
    const registry = await cast.as('greffe');
    const { events } = await feed(await issue(registry));
    expect(events.map((e) => e.summary)).toContain(`Audience — affaire ${convened.reference}`);
  });

  it('never shows a person another’s cases, whoever’s address it is', async () => {
    const other = await cast.as('creancier_2');
    const mine = await other.open('injonction-de-payer');
    const { events } = await feed(await issue(other));
    for (const e of events) expect(e.summary).not.toContain(convened.reference as string);
    expect(events.every((e) => e.url === `${t.url}/affaires/${mine.id}`)).toBe(true);
    // The registry of another court sees neither.
    const elsewhere = await cast.as('greffe_autre');
    const far = await feed(await issue(elsewhere));
    expect(far.events.map((e) => e.summary).join()).not.toContain(convened.reference as string);
  });

  it('a new address ends the previous one; a revoked one answers 404 like an unknown address', async () => {
    const creditor = await cast.as('creancier');
    const first = await issue(creditor);
    expect((await feed(first)).events.map((e) => e.summary)).toContain(
      `Audience — affaire ${convened.reference}`,
    );
    const second = await issue(creditor);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    const revoked = await creditor.request<{ active: boolean; revoked: boolean }>(
      'DELETE',
      '/api/calendar/feed',
    );
    expect(revoked.body).toEqual({ active: false, revoked: true });
    expect((await feed(second)).status).toBe(404);
    expect((await feed(`${t.url}/api/calendar/inconnu.ics`)).status).toBe(404);
    expect((await creditor.get('/api/calendar/feed')).body).toEqual({ active: false });
    // Issuing and revoking need a session; the feed itself needs none.
    expect((await t.anonymous().post('/api/calendar/feed')).status).toBe(401);
  });
});
