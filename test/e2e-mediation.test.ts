/**
 * The second procedure (test fixture: three states, two roles) runs on the
 * same runtime with no code change, over real HTTP and a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsOf, rows } from './helpers/db.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const SPEC = 'test/fixtures/procedures/mediation';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ spec: SPEC });
});
afterAll(async () => {
  await t.close();
});

describe('mediation fixture on the generic runtime', () => {
  it('runs a case to agreement: open, invite, deadline and reminder, agreement with its form', async () => {
    const med = await t.as('mediateur');
    const opened = await med.open('mediation');
    expect(opened.state.id).toBe('ouverte');
    expect(opened.actions.map((a) => a.event).sort()).toEqual([
      'constater_accord',
      'constater_echec',
      'inviter_voisin',
    ]);

    const invited = await med.ok(opened.id, 'inviter_voisin');
    expect(invited.caseVersion).toBe(1);
    expect(invited.deadlines).toHaveLength(1);
    // 2027-03-01 + 15 days = Tuesday 16 March 2027, a working day.
    expect(invited.deadlines[0]).toMatchObject({
      id: 'delai_reponse',
      due: '2027-03-16',
      dueAt: '2027-03-16T23:00:00.000Z',
    });
    expect(invited.deadlines[0]?.explanation).toMatch(/641/);

    const voisin = await t.as('requerant_voisin');
    const seen = await voisin.view(opened.id);
    expect(seen.status).toBe(200);
    expect(seen.body.myRoles).toEqual(['requerant_voisin']);
    expect(seen.body.actions.map((a) => a.event)).toEqual(['constater_echec']);

    const bad = await med.fire(opened.id, 'constater_accord', { termes: 'court' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_FORM' } });

    const done = await med.ok(opened.id, 'constater_accord', {
      termes: 'Le voisin taille la haie chaque printemps.',
    });
    expect(done.state).toMatchObject({ id: 'close_accord', final: true, outcome: 'accord' });
    expect(done.deadlines).toEqual([]);
    expect(done.actions).toEqual([]);
  });

  it('fires the automatic transition when the response deadline expires (clock moved), with the reminder sent first', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'inviter_voisin');
    // The neighbour has an e-mail address (the mailer refuses a message with none: outbox-worker.ts).
    const set = await rows<{ id: string }>(
      t,
      'UPDATE users SET email = ? WHERE id = ? RETURNING id',
      'voisin@exemple.invalid',
      'requerant_voisin',
    );
    expect(set).toEqual([{ id: 'requerant_voisin' }]);
    // Reminder 3 days before the 2027-03-16 due date: Friday 12 March, 08:00 Paris.
    const r1 = await med.post('/api/dev/clock', { set: '2027-03-12T07:30:00Z' });
    expect(r1.status).toBe(200);
    const sent = await med.get<{ now: string }>('/api/dev/clock');
    expect(sent.body.now).toBe('2027-03-12T07:30:00.000Z');
    const before = (await med.view(c.id)).body;
    expect(before.state.id).toBe('ouverte');
    const reminders = await rows<{ subject: string; recipient: string }>(
      t,
      "SELECT d.subject, d.recipient FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.case_id = ? AND o.kind = 'reminder'",
      c.id,
    );
    expect(reminders).toEqual([
      {
        subject: `[${c.reference}] Rappel : Délai de réponse`,
        recipient: expect.stringContaining('requerant_voisin'),
      },
    ]);
    const r2 = await med.post('/api/dev/clock', { advance: 'P5D' });
    expect(r2.status).toBe(200);
    const after = (await med.view(c.id)).body;
    expect(after.state.id).toBe('close_echec');
    const last = after.timeline.filter((item) => item.kind !== 'connecteur').at(-1);
    expect(last).toMatchObject({ kind: 'transition', event: 'expirer_delai_reponse' });
    expect((await countsOf(t)).cases).toBeGreaterThanOrEqual(2);
  });
});
