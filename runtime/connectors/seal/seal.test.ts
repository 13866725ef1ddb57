/**
 * The court's seal, checked by outside tools: poppler's pdfsig (with an NSS
 * database trusting the development CA for S/MIME signing) reports the PAdES
 * signature valid and the document unmodified, and a changed byte as a digest
 * mismatch; `openssl ts -verify` accepts the local TSA's RFC 3161 tokens.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderActPdf } from '../../acts/render-pdf.ts';
import { sampleActData } from '../../acts/sample.ts';
import { loadActTemplates } from '../../../spec/acts.ts';
import { loadProcedure } from '../../../spec/index.ts';
import { ANNEX_ACTS_DIR } from '../../../test/helpers/spec-copy.ts';
import { sha256 } from './cms.ts';
import { certPem, type DevelopmentPki, generateDevelopmentPki, OID } from './pki.ts';
import { DEV_SEAL_NOTICE, sealFromConfig, sealPdf } from './seal.ts';
import { HttpTsaClient, LocalTsa, serveTsa } from './tsa.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'greffe-seal-'));
let pki: DevelopmentPki;
let tsa: Awaited<ReturnType<typeof serveTsa>>;

/** pdfsig's verdict lines (it exits 0 even on a digest mismatch: parse its output). */
async function pdfsig(file: string) {
  const { stdout } = await run('pdfsig', ['-nssdir', `sql:${join(dir, 'nss')}`, file]);
  const line = (label: string) => new RegExp(`${label}: (.*)`).exec(stdout)?.[1]?.trim();
  return {
    signature: line('Signature Validation'),
    certificate: line('Certificate Validation'),
    type: line('Signature Type'),
    stdout,
  };
}

beforeAll(async () => {
  pki = await generateDevelopmentPki('tribunal judiciaire de Lyon');
  writeFileSync(join(dir, 'ca.pem'), certPem(pki.ca.cert));
  writeFileSync(join(dir, 'tsa.pem'), certPem(pki.tsa.cert));
  await run('mkdir', ['-p', join(dir, 'nss')]);
  await run('certutil', ['-N', '-d', `sql:${join(dir, 'nss')}`, '--empty-password']);
  await run('certutil', [
    '-A',
    '-d',
    `sql:${join(dir, 'nss')}`,
    '-n',
    'greffe-dev',
    '-t',
    ',C,',
    '-i',
    join(dir, 'ca.pem'),
  ]);
  tsa = await serveTsa(new LocalTsa(pki.tsa));
}, 60_000);

afterAll(() => tsa?.server.close());

describe('court seal (PAdES B-T)', () => {
  it('pdfsig: valid and unmodified; one changed byte → digest mismatch', async () => {
    const { procedure } = loadProcedure(ANNEX_ACTS_DIR);
    if (!procedure) throw new Error('annexe non chargée');
    const act = loadActTemplates(procedure).acts.find((a) => a.id === 'jugement_definitif');
    if (!act) throw new Error('modèle absent');
    const pdf = await renderActPdf(act, procedure, sampleActData(act, procedure), {
      notice: DEV_SEAL_NOTICE,
    });
    const seal = { signer: pki.seal, timestamp: new HttpTsaClient(tsa.url), development: true };
    const { pdf: signed, evidence } = await sealPdf(pdf, seal, {
      reason: 'Cachet de la juridiction',
      location: 'Lyon',
    });
    expect(evidence.sha256Signed).toBe(Buffer.from(sha256(signed)).toString('hex'));
    expect(evidence.timestamp?.tsa).toBe(new URL(tsa.url).host);
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);

    const ok = await pdfsig(file);
    expect(ok.signature).toBe('Signature is Valid.');
    expect(ok.certificate).toBe('Certificate is Trusted.');
    expect(ok.type).toBe('ETSI.CAdES.detached');
    expect(ok.stdout).toContain('Total document signed');
    // PAdES B-T: ESS signing-certificate-v2 signed, the RFC 3161 token unsigned.
    const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(signed.toString('latin1'))?.[1] ?? '';
    const cms = asn1js.fromBER(Buffer.from(hex, 'hex'));
    const info = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: cms.result }).content })
      .signerInfos[0];
    expect(info?.signedAttrs?.attributes.map((a) => a.type)).toContain(OID.signingCertificateV2);
    expect(info?.unsignedAttrs?.attributes.map((a) => a.type)).toEqual([OID.timeStampToken]);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text.replace(/\s+/g, ' ')).toContain(DEV_SEAL_NOTICE);

    const tampered = Buffer.from(signed);
    // A digit of the act's date in the document information (a signed range; the PDF still parses).
    const at = tampered.indexOf('(D:20270315');
    expect(at).toBeGreaterThan(0);
    tampered[at + 10] = '4'.charCodeAt(0);
    writeFileSync(join(dir, 'tampered.pdf'), tampered);
    expect((await pdfsig(join(dir, 'tampered.pdf'))).signature).toBe('Digest Mismatch.');
  }, 120_000);

  it('an untrusted root is reported as such (the NSS trust is what makes it trusted)', async () => {
    const other = await generateDevelopmentPki();
    const seal = { signer: other.seal, timestamp: new LocalTsa(other.tsa).connector(), development: true };
    const { procedure } = loadProcedure(ANNEX_ACTS_DIR);
    const act = procedure && loadActTemplates(procedure).acts[0];
    if (!procedure || !act) throw new Error('annexe non chargée');
    const pdf = await renderActPdf(act, procedure, sampleActData(act, procedure));
    writeFileSync(
      join(dir, 'other.pdf'),
      (await sealPdf(pdf, seal, { reason: 'Cachet', location: 'Lyon' })).pdf,
    );
    const r = await pdfsig(join(dir, 'other.pdf'));
    expect(r.signature).toBe('Signature is Valid.');
    expect(r.certificate).not.toBe('Certificate is Trusted.');
  }, 120_000);

  it('openssl ts -verify accepts a token of the local TSA over HTTP', async () => {
    const digest = sha256(Buffer.from('acte'));
    const token = await new HttpTsaClient(tsa.url).stamp(digest);
    writeFileSync(join(dir, 'token.der'), token.tokenDer);
    const { stdout } = await run('openssl', [
      'ts',
      '-verify',
      '-token_in',
      '-in',
      join(dir, 'token.der'),
      '-digest',
      Buffer.from(digest).toString('hex'),
      '-CAfile',
      join(dir, 'ca.pem'),
      '-untrusted',
      join(dir, 'tsa.pem'),
    ]);
    expect(stdout).toContain('Verification: OK');
    await expect(
      run('openssl', [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        join(dir, 'token.der'),
        '-digest',
        '00'.repeat(32),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-untrusted',
        join(dir, 'tsa.pem'),
      ]),
    ).rejects.toThrow();
  }, 60_000);

  it('generates the development chain once, then reuses it', async () => {
    const devDir = join(dir, 'dev-pki');
    const a = await sealFromConfig({ devDir });
    const b = await sealFromConfig({ devDir });
    expect(a.development).toBe(true);
    expect(certPem(b.signer.cert)).toBe(certPem(a.signer.cert));
    expect(readFileSync(join(devDir, 'seal.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    await expect(sealFromConfig({ certFile: join(devDir, 'seal.pem') })).rejects.toThrow(/GREFFE_SEAL_KEY/);
    const real = await sealFromConfig({
      certFile: join(devDir, 'seal.pem'),
      keyFile: join(devDir, 'seal.key'),
      tsaUrl: tsa.url,
    });
    expect(real.development).toBe(false);
  }, 60_000);
});
