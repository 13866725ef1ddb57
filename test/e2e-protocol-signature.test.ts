/**
 * The parties' simple electronic signature of the settlement protocol (issue
 * 16, point 2) over real HTTP, a real SQLite file, a real SMTP server on
 * loopback and the SMS simulator: a signing act without a code is refused;
 * the code reaches the SMTP server (or the phone); five wrong codes lock it;
 * the right code signs once; the evidence is in the signing event's journal
 * item (protocol's SHA-256, signer, channel, masked address, code id — never
 * the code) and the history says it in French to the parties and the judge.
 */

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmsSimulator, type SmsSimulator } from '../runtime/connectors/sms/simulator.ts';
import { toConciliation } from './helpers/annex.ts';
import { ANNEX } from './helpers/annex.ts';
import { rows } from './helpers/db.ts';
import { mailSmsEnv, ovhCredentials } from './helpers/connector-env.ts';
import { Cast } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.ts';

const creds = ovhCredentials('signature');
let env: Record<string, string> = {};
let sink: SmtpSink;
let sms: SmsSimulator;
let t: TestServer;
let cast: Cast;

beforeAll(async () => {
  sink = await startSmtpSink();
  sms = await startSmsSimulator(creds);
  env = mailSmsEnv(sink, sms, creds);
  Object.assign(process.env, env);
  t = await startTestServer({ spec: ANNEX });
  cast = new Cast(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sms?.close();
  await sink?.close();
  for (const k of Object.keys(env)) delete process.env[k];
});

/** The code of the newest signature-code message the SMTP server received for `to` (parsed as it arrives). */
const codeMailedTo = (to: string, not?: string): Promise<string> =>
  vi.waitFor(
    () => {
      const codes = sink.inbox
        .filter((x) => x.rcptTo.includes(to))
        .flatMap((x) => /code de signature est : (\d{6})/.exec(x.mail.text ?? '')?.[1] ?? []);
      const code = codes.at(-1);
      if (!code || (not !== undefined && codes.length < 2 && code === not))
        throw new Error(`aucun code de signature reçu pour ${to}`);
      return code;
    },
    { timeout: 10_000 },
  );

describe('signing the protocol with a one-time code', () => {
  it('refuses without a code, locks after five wrong codes, signs with the code mailed over SMTP or sent by SMS, and journals the evidence', async () => {
    const id = await toConciliation(cast);
    const conciliateur = await cast.as('conciliateur');
    const demandeur = await cast.as('demandeur');
    const defendeur = await cast.as('defendeur');
    const juge = await cast.as('juge');
    const accord = await conciliateur.ok(id, 'constater_accord', {
      termes: 'Le vendeur rembourse sept cents euros sous quinzaine.',
      montant_convenu: 700,
      fin_du_litige: true,
    });
    const protocol = accord.documents.find((d) => d.kind === 'protocole_accord');
    expect(protocol).toBeDefined();

    // No code: refused, in French, and nothing recorded.
    const bare = await defendeur.fire(id, 'signer_protocole_defendeur', { approbation: true });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ error: { code: 'SIGNATURE_CODE_REQUIRED' } });
    expect((bare.body as unknown as { error: { message: string } }).error.message).toContain(
      'Recevoir un code',
    );
    // A code asked before any code was sent.
    const none = await defendeur.fire(
      id,
      'signer_protocole_defendeur',
      { approbation: true },
      { signatureCode: '123456' },
    );
    expect(none.body).toMatchObject({ error: { code: 'SIGNATURE_CODE_ABSENT' } });
    // The judge has nothing to sign.
    expect((await juge.post(`/api/cases/${id}/signature/code`, {})).status).toBe(409);

    // The defendant's code by e-mail: its address is the one the claim gave; it reaches the SMTP server.
    const sent = await defendeur.post<{ codeId: string; canal: string; destinataire: string }>(
      `/api/cases/${id}/signature/code`,
      { canal: 'courriel' },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({ canal: 'courriel', destinataire: 'c***@boutique-electro.example' });
    const code = await codeMailedTo('contact@boutique-electro.example');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await defendeur.fire(
        id,
        'signer_protocole_defendeur',
        { approbation: true },
        { signatureCode: wrong },
      );
      expect(r.body, `essai ${i + 1}`).toMatchObject({ error: { code: 'SIGNATURE_CODE_INEXACT' } });
    }
    const locked = await defendeur.fire(
      id,
      'signer_protocole_defendeur',
      { approbation: true },
      { signatureCode: code },
    );
    expect(locked.status).toBe(422);
    expect(locked.body).toMatchObject({ error: { code: 'SIGNATURE_CODE_BLOQUE' } });
    expect((await defendeur.view(id)).body.state.id).toBe('signature_protocole');

    // A new code signs; the same code again is refused (the act is done, and the code used up).
    const again = await defendeur.post<{ codeId: string }>(`/api/cases/${id}/signature/code`, {
      canal: 'courriel',
    });
    const fresh = await vi.waitFor(
      async () => {
        const n = sink.inbox.filter((x) => /code de signature/.test(x.mail.text ?? '')).length;
        if (n < 2) throw new Error('second code pas encore reçu');
        return codeMailedTo('contact@boutique-electro.example');
      },
      { timeout: 10_000 },
    );
    const signed = await defendeur.fire(
      id,
      'signer_protocole_defendeur',
      { approbation: true },
      { signatureCode: fresh },
    );
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(await t.server.runtime.store.pendingSignatureCode(id, 'defendeur')).toBeUndefined();

    // The claimant chooses SMS: its mobile number is the one its claim gave.
    const bySms = await demandeur.post<{ destinataire: string; canal: string }>(
      `/api/cases/${id}/signature/code`,
      {
        canal: 'sms',
      },
    );
    expect(bySms.status, JSON.stringify(bySms.body)).toBe(202);
    expect(bySms.body).toMatchObject({ canal: 'sms', destinataire: '+33 6 ** ** ** 78' });
    const text = sms.sent.at(-1);
    expect(text?.to).toBe('+33612345678');
    const smsCode = /est (\d{6})/.exec(text?.text ?? '')?.[1] ?? '';
    const done = await demandeur.fire(
      id,
      'signer_protocole_demandeur',
      { approbation: true },
      { signatureCode: smsCode },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await demandeur.view(id)).body.state.id).toBe('homologation');

    // The evidence: in the signing event's journal item, the address sealed with the case's key.
    const raw = await rows<{ event: string; data: string }>(
      t,
      "SELECT event, data FROM journal_events WHERE case_id = ? AND event LIKE 'signer_protocole_%' ORDER BY seq",
      id,
    );
    expect(raw).toHaveLength(2);
    expect(raw[0]?.data).not.toContain('c***@boutique-electro.example');
    for (const r of raw) expect(r.data).not.toMatch(new RegExp(`${code}|${fresh}|${smsCode}`));
    const record = await t.server.runtime.store.caseRecord(id, 'juge');
    const opened = record.journal.filter((j) => j.event?.startsWith('signer_protocole_'));
    const evidence = opened.map(
      (j) => (JSON.parse(j.data) as { preuve_signature: Record<string, unknown> }).preuve_signature,
    );
    expect(evidence[0]).toMatchObject({
      niveau: 'signature électronique simple',
      methode: 'code à usage unique',
      codeId: (again.body as { codeId: string }).codeId,
      canal: 'courriel',
      destinataire: 'c***@boutique-electro.example',
      document: { type: 'protocole_accord', sha256: protocol?.sha256 },
      signataire: { utilisateur: 'defendeur', role: 'defendeur' },
      tentatives: 1,
    });
    expect(evidence[1]).toMatchObject({ canal: 'sms', destinataire: '+33 6 ** ** ** 78' });

    // The history says it, in French, to the parties and to the judge.
    for (const api of [juge, demandeur, defendeur]) {
      const timeline = (await api.view(id)).body.timeline as { event: string | null; signature?: string }[];
      const line = timeline.find((e) => e.event === 'signer_protocole_defendeur')?.signature;
      expect(line).toMatch(
        /^Signé par code à usage unique envoyé à c\*\*\*@boutique-electro\.example, le \d+ \S+ 2027 à \d\d:\d\d$/,
      );
      expect(timeline.find((e) => e.event === 'signer_protocole_demandeur')?.signature).toContain(
        'envoyé par SMS au +33 6 ** ** ** 78',
      );
    }
  }, 120_000);
});
