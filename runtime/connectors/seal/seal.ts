/**
 * The court's electronic seal on every act it issues: a PAdES signature
 * (ETSI.CAdES.detached, baseline B-T: ESS signing-certificate-v2 and an
 * RFC 3161 timestamp) added to the PDF with @signpdf, verifiable by poppler's
 * `pdfsig`. Keys and certificates come from configuration (sealFromConfig);
 * without them a development chain is generated once and kept, and every act
 * says plainly that its seal has no legal value (DEV_SEAL_NOTICE).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdfModule from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { sha256, signCms } from './cms.ts';
import {
  certPem,
  commonName,
  generateDevelopmentPki,
  importKey,
  type KeyPairWithChain,
  keyPem,
  OID,
  parseCertificates,
} from './pki.ts';
import { HttpTsaClient, LocalTsa, type TimestampConnector, type TimestampToken } from './tsa.ts';

/** The CommonJS default export arrives wrapped or not depending on the loader (vitest vs node + tsx). */
const signpdf = ((signpdfModule as unknown as { default?: typeof signpdfModule }).default ??
  signpdfModule) as typeof signpdfModule;

export const DEV_SEAL_NOTICE =
  'Cachet électronique de développement : certificat généré localement, sans valeur juridique. ' +
  'Ce document n’est pas un acte authentique.';

export interface Seal {
  readonly signer: KeyPairWithChain;
  readonly timestamp: TimestampConnector;
  /** True for the generated development certificate: acts then carry DEV_SEAL_NOTICE. */
  readonly development: boolean;
}

export interface SealEvidence {
  readonly signer: string;
  readonly sha256Unsigned: string;
  readonly sha256Signed: string;
  readonly timestamp?: { readonly genTime: string; readonly tsa: string };
}

/** @signpdf's Signer: CMS over the PDF's byte ranges, timestamped. */
class PadesSigner extends Signer {
  token: TimestampToken | undefined;
  constructor(private readonly seal: Seal) {
    super();
  }
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const der = await signCms({
      signer: this.seal.signer,
      contentType: OID.data,
      digest: sha256(pdfBuffer),
      signingTime: signingTime ?? new Date(),
      timestamp: async (digest) => {
        this.token = await this.seal.timestamp.stamp(digest);
        return this.token.tokenDer;
      },
    });
    return Buffer.from(der);
  }
}

export interface SealOptions {
  readonly reason: string;
  readonly location: string;
  readonly contactInfo?: string;
}

/** Seals a PDF; returns the signed bytes and what the case's journal records about it. */
export async function sealPdf(
  pdf: Uint8Array,
  seal: Seal,
  o: SealOptions,
): Promise<{ pdf: Buffer; evidence: SealEvidence }> {
  const doc = await PDFDocument.load(pdf);
  const name = commonName(seal.signer.cert);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: o.reason,
    contactInfo: o.contactInfo ?? '',
    name,
    location: o.location,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 16384,
    appName: 'greffe',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new PadesSigner(seal);
  const signed = await signpdf.sign(prepared, signer);
  const hex = (b: Uint8Array) => Buffer.from(sha256(b)).toString('hex');
  return {
    pdf: signed,
    evidence: {
      signer: name,
      sha256Unsigned: hex(pdf),
      sha256Signed: hex(signed),
      ...(signer.token && {
        timestamp: { genTime: signer.token.genTime.toISOString(), tsa: signer.token.tsa },
      }),
    },
  };
}

export interface SealConfig {
  /** PEM: the seal's certificate first, then its chain. */
  readonly certFile?: string;
  /** PEM PKCS#8 private key of the seal. */
  readonly keyFile?: string;
  /** RFC 3161 TSA endpoint; without it, a local TSA signs with the development TSA key. */
  readonly tsaUrl?: string;
  /** Where the development chain is generated and kept (default data/dev-pki). */
  readonly devDir?: string;
}

/** Reads the development chain from `dir`, generating it on first use. */
async function developmentSigners(dir: string): Promise<{ seal: KeyPairWithChain; tsa: KeyPairWithChain }> {
  const file = (n: string) => join(dir, n);
  if (!existsSync(file('seal.key'))) {
    const pki = await generateDevelopmentPki();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file('ca.pem'), certPem(pki.ca.cert));
    writeFileSync(file('seal.pem'), certPem(pki.seal.cert) + certPem(pki.ca.cert));
    writeFileSync(file('tsa.pem'), certPem(pki.tsa.cert) + certPem(pki.ca.cert));
    writeFileSync(file('tsa.key'), await keyPem(pki.tsa.key), { mode: 0o600 });
    writeFileSync(file('seal.key'), await keyPem(pki.seal.key), { mode: 0o600 });
  }
  const load = async (n: string): Promise<KeyPairWithChain> => {
    const [cert, ...chain] = parseCertificates(readFileSync(file(`${n}.pem`), 'utf8'));
    if (!cert) throw new Error(`${file(`${n}.pem`)} : aucun certificat.`);
    return { cert, chain, key: await importKey(readFileSync(file(`${n}.key`), 'utf8'), cert) };
  };
  return { seal: await load('seal'), tsa: await load('tsa') };
}

export async function sealFromConfig(c: SealConfig): Promise<Seal> {
  if (Boolean(c.certFile) !== Boolean(c.keyFile))
    throw new Error('Cachet : indiquez à la fois GREFFE_SEAL_CERT et GREFFE_SEAL_KEY, ou aucun des deux.');
  const dev = c.certFile && c.keyFile ? undefined : await developmentSigners(c.devDir ?? 'data/dev-pki');
  let signer: KeyPairWithChain;
  if (c.certFile && c.keyFile) {
    const [cert, ...chain] = parseCertificates(readFileSync(c.certFile, 'utf8'));
    if (!cert) throw new Error(`${c.certFile} : aucun certificat PEM.`);
    signer = { cert, chain, key: await importKey(readFileSync(c.keyFile, 'utf8'), cert) };
  } else signer = (dev as { seal: KeyPairWithChain }).seal;
  const timestamp = c.tsaUrl
    ? new HttpTsaClient(c.tsaUrl)
    : dev
      ? new LocalTsa(dev.tsa).connector()
      : undefined;
  if (!timestamp) throw new Error('Cachet configuré sans autorité d’horodatage : indiquez GREFFE_TSA_URL.');
  return { signer, timestamp, development: dev !== undefined };
}
