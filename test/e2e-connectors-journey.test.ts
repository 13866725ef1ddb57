/**
 * Acceptance of the connectors (issue 16) on a real loopback stack, under
 * annex 1.2.0, the version that ships the act templates (spec language v2:
 * the reducer computes the judgment's character; the case names the draft
 * version, since a new case takes the latest published one, 1.1.0): an SMTP server (smtp-server), the OVH-shaped SMS simulator, and
 * the server's own simulators of the hybrid-mail provider, the commissaire de
 * justice and the bank, answering by signed webhooks; the local TSA
 * timestamps the court's seal. The dev clock starts after 1.1.0's effective
 * date. Filing → convocation e-mail with the case
 * link → letter cascade moved by tracking events (a returned letter ends its
 * step) → service « à domicile » by webhook → the defendant never acts →
 * judgment « par défaut » → act of service as a sealed PDF (pdfsig) stating
 * opposition, its time and its court (CPC art. 680) → execution waits for the
 * opposition time → seizure → the bank's answer → denunciation. Every outside
 * message is received exactly once.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, loadProcedure } from '../spec/index.ts';
import { ACCESS_CODE_WHERE } from '../runtime/acts/render-pdf.ts';
import { connectorConfigFromEnv } from '../runtime/connectors/config.ts';
import { type SmsSimulator, startSmsSimulator } from '../runtime/connectors/sms/simulator.ts';
import { signWebhook } from '../runtime/connectors/webhooks/signature.ts';
import { type RunningServer, startServer } from '../runtime/index.ts';
import type { Api, View } from './helpers/api.ts';
import { Cast } from './helpers/journeys.ts';
import type { TestServer } from './helpers/server.ts';
import { mailSmsEnv, ovhCredentials } from './helpers/connector-env.ts';
import { CLAIM } from './helpers/annex-1-1.ts';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.ts';
import { ANNEX_ACTS_DIR, ANNEX_DIR } from './helpers/spec-copy.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'greffe-journey-'));
const creds = ovhCredentials('journey');
const CJ_KEY = { id: 'cj-1', secret: 'secret-du-commissaire-de-justice' };
let sink: SmtpSink;
let sms: SmsSimulator;
let s: RunningServer;
let cast: Cast<Pick<TestServer, 'as'>>;
const as = (role: string): Promise<Api> => cast.as(role);

beforeAll(async () => {
  sink = await startSmtpSink();
  sms = await startSmsSimulator(creds);
  const procedures = [ANNEX_DIR, 'spec/procedures/petits-litiges/1.1.0', ANNEX_ACTS_DIR].map((src) => {
    const { procedure } = loadProcedure(src);
    if (!procedure) throw new Error(`annexe illisible : ${src}`);
    return procedure;
  });
  const connectors = connectorConfigFromEnv({
    ...mailSmsEnv(sink, sms, creds),
    GREFFE_DEV_PKI_DIR: join(dir, 'pki'),
    GREFFE_WEBHOOK_KEYS_COMMISSAIRE: `${CJ_KEY.id}:${CJ_KEY.secret}`,
    // The sample commissaire de justice is the partner: its messages reach its system, its webhooks act as it.
    GREFFE_PARTNER_USER_COMMISSAIRE: 'commissaire_de_justice',
    GREFFE_VIDEO_URL: 'https://visio.tj-lyon.example',
    GREFFE_VIDEO_SECRET: 'secret-des-salles-de-visio-0123',
  });
  s = await startServer({
    db: join(dir, 'greffe.sqlite'),
    spec: procedures,
    port: 0,
    dev: true,
    clockStart: new Date('2027-07-05T09:00:00Z'), // after annex 1.1.0's effective date (2027-07-01)
    connectors,
    bankAccount: { balance: 520_000, protectedBalance: 63_552 },
    log: () => undefined,
  });
  cast = Cast.at(s.url);
  // Sample people with an e-mail address, as real accounts have — but the defendant, who has no account
  // yet (dev mode lets its sample person take the role at once): its address is the one the claim gives.
  for (const u of s.runtime.sampleUsers)
    if (u.id !== 'defendeur')
      await s.runtime.store.upsertUser({ ...u, email: `${u.id}@exemple.test` }, new Date());
}, 120_000);

afterAll(async () => {
  await s?.close();
  await sms?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

const view = async (caseId: string, user = 'greffe'): Promise<View> =>
  (await (await as(user)).view(caseId)).body;
const stateOf = async (caseId: string) => (await view(caseId)).state.id;
const labels = async (caseId: string, user = 'greffe') =>
  (await view(caseId, user)).timeline.filter((t) => t.kind === 'connecteur').map((t) => t.label);
const advance = async (duration: string) => {
  const r = await (await as('greffe')).post('/api/dev/clock', { advance: duration });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};
/** Every message due so far handed to its connector. */
const settle = async () => {
  await s.outbox.drain();
  await s.outbox.idle();
};

/** How long a poll waits for what the server does in the background (a bound, not a measure: the machine may be busy). */
const WAIT = { timeout: 30_000 };
/** The dev clock's civil date (YYYY-MM-DD). */
const today = async () =>
  (await (await as('greffe')).get<{ now: string }>('/api/dev/clock')).body.now.slice(0, 10);
/** The text of a PDF, as poppler reads it, with its line breaks and spacing made single spaces. */
const pdfText = async (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return (await run('pdftotext', ['-enc', 'UTF-8', join(dir, name), '-'])).stdout
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ');
};

/** The name of a sample user (dev mode): the clerk or judge who signs an act. */
const userName = (id: string) => s.runtime.sampleUsers.find((u) => u.id === id)?.name ?? id;
const euros = (n: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(n)
    .replace(/[\u202f\u00a0]/g, ' ');
/** The text of the case's latest issued act of `kind` (its sealed PDF, as the API serves it). */
const actText = async (caseId: string, kind: string) => {
  await s.connectors.issuer.issuePending(caseId);
  const doc = (await view(caseId)).documents.filter((d) => d.kind === kind && d.origin === 'acte').at(-1);
  if (!doc) throw new Error(`acte « ${kind} » non émis`);
  const res = await fetch(`${s.url}/api/cases/${caseId}/documents/${doc.id}`, {
    headers: { authorization: `Bearer ${(await as('greffe')).token}` },
  });
  expect(res.status).toBe(200);
  return pdfText(`${kind}.pdf`, Buffer.from(await res.arrayBuffer()));
};

describe('connectors journey on a loopback stack (annex 1.2.0)', () => {
  it('filing → e-mail → letters moved by tracking → service à domicile → judgment par défaut → sealed act of service stating opposition → seizure → bank → denunciation', async () => {
    const sim = s.connectors.simulators;
    const post = sim.post;
    const cj = sim.commissaire;
    const bank = sim.banque;
    if (!post || !cj || !bank) throw new Error('simulateurs attendus');

    // After 2027-07-01, a new case takes annex 1.1.0 (spec language v2).
    const listing = await (await as('demandeur')).get<
      { id: string; version: string; forNewCases: boolean }[]
    >('/api/procedures');
    expect(
      listing.body.filter((p) => p.id === 'petits-litiges').map((p) => [p.version, p.forNewCases]),
    ).toEqual(
      expect.arrayContaining([
        ['1.0.0', false],
        ['1.1.0', true],
      ]),
    );

    // Filing, then the convocation by e-mail, with the case's link.
    const demandeur = await as('demandeur');
    const opened = await demandeur.open('petits-litiges', { version: '1.2.0' });
    const id = opened.id;
    // The defendant's mobile number is known: every notice has a channel that can reach it.
    // The docket number comes with the filing (issue 15): none on the draft.
    expect(opened.reference).toBeNull();
    const { reference } = await demandeur.ok(id, 'deposer_demande', {
      ...CLAIM,
      defendeur: { ...CLAIM.defendeur, telephone: '+33698765432' },
    });
    if (reference === null) throw new Error('la demande déposée n’a pas de numéro de rôle');
    const c = await s.runtime.store.getCase(id);
    expect(c?.procedureVersion).toBe('1.2.0');
    await (await as('greffe')).ok(id, 'convoquer_defendeur');
    expect(await stateOf(id)).toBe('identification_courriel');
    await settle();
    const convocations = sink.inbox.filter((m) => m.rcptTo.includes('contact@boutique-electro.example'));
    expect(convocations).toHaveLength(1);
    expect(convocations[0]?.mail.text).toContain('Une demande en justice est formée contre vous');
    expect(convocations[0]?.mail.text).toContain(`${s.url}/affaires/${encodeURIComponent(id)}`);
    expect(await labels(id)).toContain('Courriel envoyé (défendeur) — à contact@boutique-electro.example');

    // The convocation issued through the runtime (not sample data): the claim's object and amount, the
    // parties, the RG, the court, the clerk who convened, the act's date; the access code is never on the
    // act (a document of the case, which the claimant reads too): its box says where the code is.
    const convocation = await actText(id, 'convocation');
    const claimant = CLAIM.demandeur as { prenom?: string; nom?: string };
    expect(convocation).toContain(`RG n° ${reference.replace(/^RG\s+/, '')}`);
    expect(convocation).toContain('Tribunal judiciaire');
    expect(convocation).toContain('Objet de la demande : Le paiement d’une somme d’argent ;');
    expect(convocation).toContain(`montant demandé : ${euros(CLAIM.montant as number)}`);
    expect(convocation).toContain(`Demandeur : ${[claimant.prenom, claimant.nom].filter(Boolean).join(' ')}`);
    expect(convocation).toContain('Défendeur : Boutique Électro SARL');
    expect(convocation).toContain(`Fait le ${formatDate(await today())}.`);
    expect(convocation).toContain(`Greffe ${userName('greffe')}`);
    expect(convocation).toContain(ACCESS_CODE_WHERE.slice(0, 40));
    expect(convocation).not.toMatch(/Objet de la demande : ;|montant demandé : \./);
    expect(convocation).not.toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    // The case's document list shows the act once, as its PDF (not the text it was rendered from).
    const listed = (await view(id, 'demandeur')).documents.filter((d) => d.kind === 'convocation');
    expect(listed.map((d) => d.mediaType)).toEqual(['application/pdf']);

    // No identification: the simple letter, print-ready, through the hybrid-mail provider.
    await advance('P12D');
    await settle();
    expect(await stateOf(id)).toBe('identification_lettre_simple');
    expect(post.letters).toHaveLength(1);
    const simple = post.letters[0];
    expect(simple?.request.service).toBe('simple');
    const simpleText = await pdfText('simple.pdf', simple?.pdf ?? Buffer.alloc(0));
    expect(simpleText).toContain('5 avenue Jean Jaurès');
    expect(simpleText).toContain(reference);

    // Returned to the sender: the step failed, the registered letter goes at once (not after 15 days).
    await post.track(simple?.id as string, 'retourne');
    expect(await stateOf(id)).toBe('identification_lettre_recommandee');
    await settle();
    await expect.poll(() => post.letters.length, WAIT).toBe(2);
    const registered = post.letters[1];
    expect(registered?.request.service).toBe('recommande_ar');
    expect(registered?.trackingNumber).toMatch(/^1A\d+$/);
    const arText = await pdfText('ar.pdf', registered?.pdf ?? Buffer.alloc(0));
    expect(arText).toContain('Lettre recommandée avec avis de réception');
    expect(arText).toMatch(/identifiants/i); // the enclosed act
    await post.track(registered?.id as string, 'avise_non_reclame');
    expect(await stateOf(id)).toBe('identification_lettre_recommandee');
    await post.track(registered?.id as string, 'retourne');
    expect(await stateOf(id)).toBe('signification_identifiants');
    expect(await labels(id)).toEqual(
      expect.arrayContaining([
        'Suivi postal : lettre retournée à l’expéditeur',
        `Suivi postal : lettre avisée et non réclamée (pli n° ${registered?.trackingNumber})`,
      ]),
    );

    // The commissaire de justice receives the request, serves « à domicile » (not to the person) and
    // answers by signed webhook.
    await settle();
    await expect
      .poll(
        () =>
          cj.received.some((r) => String(r.payload.body).includes('Signifier au défendeur ses identifiants')),
        WAIT,
      )
      .toBe(true);
    await cj.act(id, 'signifier_identifiants', {
      date_signification: await today(),
      modalite: 'a_domicile',
      reference_acte: 'CJ-2027-0001',
      consentement_signification_electronique: false,
    });
    const served = await view(id);
    expect(served.state.id).toBe('defense');
    expect(served.timeline.find((t) => t.event === 'signifier_identifiants')?.data).toMatchObject({
      modalite: 'a_domicile',
    });
    expect(await labels(id)).toContain(
      'Retour du commissaire de justice reçu — Modalité de la signification : à domicile ou à résidence',
    );

    // The defendant never acts: orientation, failed conciliation, provisional then final judgment.
    await advance('P20D');
    expect(await stateOf(id)).toBe('orientation');
    await (await as('juge')).ok(id, 'orienter', {
      orientation: 'en_ligne',
      matiere: 'consommation',
      partie_faible: 'demandeur',
    });
    await (await as('conciliateur')).ok(id, 'constater_echec_conciliation', { cause: 'absence_partie' });
    await (await as('juge')).ok(id, 'clore_instruction');
    await (await as('juge')).ok(id, 'rendre_jugement_provisoire', {
      motifs: 'Le remboursement n’est pas justifié.',
      dispositif: 'Condamnation envisagée au remboursement.',
      montant_condamnation: 800,
      astreinte_envisagee: false,
    });
    await advance('P14D');
    expect(await stateOf(id)).toBe('jugement_definitif_a_rendre');
    const judged = await (await as('juge')).ok(id, 'rendre_jugement_definitif', {
      issue: 'fait_droit',
      motifs: 'Le droit de rétractation a été exercé dans le délai.',
      dispositif: 'Condamne le défendeur à rembourser 800 euros.',
      creancier: 'demandeur',
      montant_condamnation: 800,
      depens: 'defendeur',
      astreinte_prononcee: false,
    });
    // The final judgment prints the judge's reasons and ruling as written, the judge's name and the date.
    const judgment = await actText(id, 'jugement_definitif');
    expect(judgment).toContain('Au nom du peuple français');
    expect(judgment).toContain('Motifs : Le droit de rétractation a été exercé dans le délai.');
    expect(judgment).toContain('Par ces motifs, le tribunal : Condamne le défendeur à rembourser 800 euros.');
    expect(judgment).toContain('Dépens : À la charge du défendeur.');
    expect(judgment).toContain(`Juge ${userName('juge')}`);
    expect(judgment).toContain(`Fait le ${formatDate(await today())}.`);
    expect(judgment).toContain(`RG n° ${reference.replace(/^RG\s+/, '')}`);
    // Served at home and silent since: in last resort, the judgment is by default (CPC art. 473).
    expect(judged.facts.caractere_jugement).toBe('par_defaut');
    await cj.act(id, 'signifier_jugement_demandeur', {
      date_signification: await today(),
      modalite: 'electronique',
      reference_acte: 'CJ-2027-0102',
    });
    await cj.act(id, 'signifier_jugement_defendeur', {
      date_signification: await today(),
      modalite: 'a_domicile',
      reference_acte: 'CJ-2027-0103',
    });
    expect(await stateOf(id)).toBe('jugement_signifie');

    // The act of service to the defendant: a sealed PDF, valid for pdfsig, stating opposition (CPC 680).
    const actsOfService = async () =>
      (await view(id)).documents.filter(
        (d) => d.kind === 'acte_signification_jugement' && d.origin === 'acte',
      );
    await s.connectors.issuer.issuePending(id); // after the acts being issued in the background
    expect(await actsOfService()).toHaveLength(2);
    const doc = (await actsOfService()).at(-1);
    expect(doc?.mediaType).toBe('application/pdf');
    const res = await fetch(`${s.url}/api/cases/${id}/documents/${doc?.id}`, {
      headers: { authorization: `Bearer ${(await as('greffe')).token}` },
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    writeFileSync(join(dir, 'acte.pdf'), pdf);
    const nss = join(dir, 'nss');
    mkdirSync(nss);
    await run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    await run('certutil', [
      '-A',
      '-d',
      `sql:${nss}`,
      '-n',
      'dev',
      '-t',
      ',C,',
      '-i',
      join(dir, 'pki', 'ca.pem'),
    ]);
    const sig = (await run('pdfsig', ['-nssdir', `sql:${nss}`, join(dir, 'acte.pdf')])).stdout;
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toMatch(/Signed Ranges: .*\n.*Total document signed/);
    const text = await pdfText('acte.pdf', pdf);
    expect(text).toContain(`RG n° ${reference.replace(/^RG /, '')}`);
    expect(text).toContain('Boutique Électro SARL');
    expect(text).toContain('Voies de recours (Code de procédure civile, art. 680)');
    expect(text).toContain('Le jugement signifié est par défaut.');
    expect(text).toMatch(
      /Opposition \(Code de procédure civile, art\. 538 et 571 à 578\) : dans le délai de 1 mois à compter de la présente signification, devant le tribunal qui a rendu le jugement/,
    );

    // Judgment by default: execution waits for the opposition time (CPC art. 539).
    const execution = {
      creancier: 'demandeur',
      montant_reclame: 800,
      banque_connue: true,
      banque: { nom: 'Banque de l’Ouest' },
    };
    const early = await demandeur.fire(id, 'demander_execution', execution);
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain('DEADLINE_RUNNING');
    await settle();
    expect(bank.received).toHaveLength(0);
    await advance('P40D');
    expect(await stateOf(id)).toBe('jugement_signifie');

    // Execution: the seizure goes to the bank, whose answer comes back by webhook.
    await demandeur.ok(id, 'demander_execution', execution);
    await settle();
    await expect
      .poll(async () => (await labels(id)).some((l) => l.startsWith('Réponse de la banque')), WAIT)
      .toBe(true);
    const answer = (await labels(id)).find((l) => l.startsWith('Réponse de la banque'));
    expect(answer?.replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Réponse de la banque à la saisie-attribution : solde 5 200,00 €, solde bancaire insaisissable 635,52 €, somme disponible 4 564,48 €',
    );
    expect(bank.received).toHaveLength(1);
    expect(bank.received[0]?.payload.pdf).toBeTypeOf('string'); // the judgment, sealed
    await cj.act(
      id,
      'signifier_saisie_attribution',
      {
        date_acte: await today(),
        banque: 'Banque de l’Ouest',
        solde_declare: 5200,
        montant_saisi: 800,
        solde_laisse: 4400,
      },
      'acte.accompli',
    );
    await cj.act(
      id,
      'denoncer_saisie',
      { date_denonciation: await today(), modalite: 'papier' },
      'acte.accompli',
    );
    expect(await stateOf(id)).toBe('saisie_denoncee');

    // Every outside message received exactly once; nothing left undelivered.
    await settle();
    expect(sink.received()).toBe(sink.inbox.length);
    expect(sink.inbox.length).toBeGreaterThan(5);
    expect(new Set(sink.inbox.map((m) => m.mail.messageId)).size).toBe(sink.inbox.length);
    expect(sms.requests()).toBe(sms.sent.length);
    expect(sms.sent.length).toBeGreaterThan(3);
    expect(post.hits()).toBe(post.letters.length);
    expect(post.letters).toHaveLength(2);
    expect(cj.hits()).toBe(cj.received.length);
    expect(bank.hits()).toBe(1);
    const dead = await (await as('greffe')).get<{ deadLetters: unknown[] }>('/api/outbox/dead-letters');
    expect(dead.body.deadLetters).toEqual([]);

    // A forged or replayed webhook is refused, and nothing is recorded.
    const before = (await view(id)).timeline.length;
    const body = JSON.stringify({ id: 'x', type: 'signification.retour', caseId: id, data: {} });
    const forged = { ...signWebhook(body, [CJ_KEY]), 'x-greffe-signature': `cj-1=${'0'.repeat(64)}` };
    const post401 = (h: Record<string, string>) =>
      fetch(`${s.url}/api/webhooks/commissaire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...h },
        body,
      });
    expect((await post401(forged)).status).toBe(401);
    expect((await post401(signWebhook(body, [CJ_KEY], new Date(Date.now() - 3_600_000)))).status).toBe(401);
    expect((await view(id)).timeline.length).toBe(before);

    // The video room of the case: a Jitsi-compatible link with a signed token.
    const room = await demandeur.get<{ url: string; room: string }>(`/api/visio/${id}`);
    expect(room.status).toBe(200);
    expect(room.body.url).toMatch(
      /^https:\/\/visio\.tj-lyon\.example\/greffe-[0-9a-f]{24}\?jwt=[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    // The journal still replays through the reducer: receipts, acts issued, a step ended by a returned letter.
    const audit = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'cli/main.ts', 'audit', 'verify', '--db', join(dir, 'greffe.sqlite')],
        { encoding: 'utf8' },
        (err, stdout, stderr) => resolve({ code: err ? (err.code as number) : 0, out: stdout + stderr }),
      ),
    );
    expect(audit.out).not.toMatch(/rompu|refuse|ne découle pas|inconnu/);
    expect(audit.code, audit.out).toBe(0);
  }, 240_000);
});
