/**
 * Where the access code travels (issue 16, point 2): a defendant nobody represents yet is convened under
 * annex 1.2.0; the convocation e-mail addressed to the defendant carries the code, the convocation act
 * (a document of the case, which the claimant reads too) never does: its box says where the code is.
 * Real server, SMTP server on loopback, the act read back with poppler's pdftotext.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_CODE_WHERE } from '../runtime/acts/render-pdf.ts';
import { connectorConfigFromEnv } from '../runtime/connectors/config.ts';
import { type RunningServer, startServer } from '../runtime/index.ts';
import { loadProcedure } from '../spec/index.ts';
import { Api } from './helpers/api.ts';
import { CLAIM } from './helpers/annex-1-1.ts';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.ts';
import { ANNEX_ACTS_DIR } from './helpers/spec-copy.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'greffe-access-code-'));
const CODE = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/;
let sink: SmtpSink;
let s: RunningServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  const { procedure } = loadProcedure(ANNEX_ACTS_DIR);
  if (!procedure) throw new Error('annexe 1.2.0 illisible');
  s = await startServer({
    db: join(dir, 'greffe.sqlite'),
    spec: [procedure],
    port: 0,
    dev: true,
    clockStart: new Date('2027-07-05T09:00:00Z'),
    connectors: connectorConfigFromEnv({
      GREFFE_SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
      GREFFE_MAIL_FROM: 'Greffe du tribunal <greffe@tj-lyon.example>',
      GREFFE_DEV_PKI_DIR: join(dir, 'pki'),
    }),
    log: () => undefined,
  });
  // Development mode lets a sample person take a summoned role at once: without the defendant's, the
  // defendant is a stranger to the platform, as in production, and is sent an access code.
  const samples = s.runtime.sampleUsers as unknown as { id: string }[];
  samples.splice(
    samples.findIndex((u) => u.id === 'defendeur'),
    1,
  );
}, 120_000);

afterAll(async () => {
  await s?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the access code of a convened defendant', () => {
  it('is in the e-mail to the defendant, never on the convocation act', async () => {
    const demandeur = new Api(s.url);
    await demandeur.login('demandeur');
    const greffe = new Api(s.url);
    await greffe.login('greffe');
    const { id } = await demandeur.open('petits-litiges', { version: '1.2.0' });
    await demandeur.ok(id, 'deposer_demande', CLAIM);
    await greffe.ok(id, 'convoquer_defendeur');
    await s.outbox.drain();
    await s.outbox.idle();

    const mails = sink.inbox.filter((m) => m.rcptTo.includes('contact@boutique-electro.example'));
    expect(mails).toHaveLength(1);
    const code = CODE.exec(mails[0]?.mail.text ?? '')?.[0];
    expect(code, mails[0]?.mail.text).toBeDefined();

    await s.connectors.issuer.issuePending(id);
    const act = (await demandeur.view(id)).body.documents.find(
      (d) => d.kind === 'convocation' && d.origin === 'acte',
    );
    if (!act) throw new Error('convocation non émise');
    const res = await fetch(`${s.url}/api/cases/${id}/documents/${act.id}`, {
      headers: { authorization: `Bearer ${demandeur.token}` },
    });
    expect(res.status).toBe(200);
    writeFileSync(join(dir, 'convocation.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = (
      await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'convocation.pdf'), '-'])
    ).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Défendeur : Boutique Électro SARL');
    expect(text).toContain(`Code d’accès : ${ACCESS_CODE_WHERE.slice(0, 40)}`);
    expect(text).not.toContain(code as string);
    expect(text).not.toMatch(CODE);
  }, 120_000);
});
