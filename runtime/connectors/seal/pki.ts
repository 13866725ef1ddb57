/**
 * Keys and X.509 certificates for the court's seal and the timestamp
 * authority, with pkijs over Node's WebCrypto: reading PEM files from
 * configuration, and generating a development chain (a local CA, a seal
 * certificate, a TSA certificate) when none is configured.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

export const OID = {
  rsa: '1.2.840.113549.1.1.1',
  ec: '1.2.840.10045.2.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** A private key with its certificate and the chain up to (and including) its root. */
export interface KeyPairWithChain {
  readonly key: CryptoKey;
  readonly cert: pkijs.Certificate;
  readonly chain: readonly pkijs.Certificate[];
}

export const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export function toPem(label: 'CERTIFICATE' | 'PRIVATE KEY', der: ArrayBuffer | Uint8Array): string {
  const b64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** Every PEM block of `label` in `text`, as DER. */
export function fromPem(text: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): Uint8Array<ArrayBuffer>[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map(
    (m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')),
  );
}

export const certPem = (c: pkijs.Certificate): string => toPem('CERTIFICATE', c.toSchema().toBER(false));
export const keyPem = async (k: CryptoKey): Promise<string> =>
  toPem('PRIVATE KEY', await subtle.exportKey('pkcs8', k));

export function parseCertificates(pem: string): pkijs.Certificate[] {
  return fromPem(pem, 'CERTIFICATE').map((der) => pkijs.Certificate.fromBER(der));
}

/** Imports a PKCS#8 key for signing, RSA or ECDSA P-256, as the certificate's public key says. */
export async function importKey(pem: string, cert: pkijs.Certificate): Promise<CryptoKey> {
  const [der] = fromPem(pem, 'PRIVATE KEY');
  if (!der) throw new Error('Clé privée PEM (PKCS#8, « BEGIN PRIVATE KEY ») introuvable.');
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg !== OID.rsa && alg !== OID.ec) throw new Error(`Algorithme de clé non pris en charge : ${alg}.`);
  return subtle.importKey('pkcs8', der, alg === OID.rsa ? RSA : EC, true, ['sign']);
}

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.6',
        value: new asn1js.PrintableString({ value: 'FR' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.10',
        value: new asn1js.Utf8String({ value: 'greffe' }),
      }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

/** keyUsage bits, DER (trailing zero bits counted as unused). */
function keyUsage(bits: readonly number[]): pkijs.Extension {
  const byte = bits.reduce((b, i) => b | (0x80 >> i), 0);
  const unused = Math.min(...bits.map((i) => 7 - i));
  const value = new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: unused });
  return new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: value.toBER(false) });
}

interface Issue {
  readonly cn: string;
  readonly ca?: boolean;
  readonly eku?: string;
  readonly issuer?: KeyPairWithChain;
  readonly days: number;
}

async function issue(o: Issue): Promise<KeyPairWithChain> {
  const keys = (await subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = name(o.cn);
  cert.issuer = o.issuer ? o.issuer.cert.subject : name(o.cn);
  // Back-dated a minute: pdfsig checks the certificate at the signature's time (notes on poppler).
  cert.notBefore.value = new Date(Date.now() - 60_000);
  cert.notAfter.value = new Date(Date.now() + o.days * 86_400_000);
  const basic = new pkijs.BasicConstraints({ cA: o.ca === true });
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER(false) }),
    keyUsage(o.ca ? [5, 6] : [0, 1]),
  ];
  if (o.eku) {
    const eku = new pkijs.ExtKeyUsage({ keyPurposes: [o.eku] });
    cert.extensions.push(
      new pkijs.Extension({
        extnID: '2.5.29.37',
        critical: o.eku === OID.timeStamping,
        extnValue: eku.toSchema().toBER(false),
      }),
    );
  }
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(o.issuer?.key ?? keys.privateKey, 'SHA-256');
  return { key: keys.privateKey, cert, chain: o.issuer ? [o.issuer.cert, ...o.issuer.chain] : [] };
}

export interface DevelopmentPki {
  readonly ca: KeyPairWithChain;
  readonly seal: KeyPairWithChain;
  readonly tsa: KeyPairWithChain;
}

/** A development chain: a local root, the court's seal (S/MIME signing usage) and a TSA (timeStamping). */
export async function generateDevelopmentPki(
  court = 'Juridiction de développement',
): Promise<DevelopmentPki> {
  const ca = await issue({ cn: 'greffe — autorité de développement (sans valeur)', ca: true, days: 3650 });
  const seal = await issue({
    cn: `Cachet de développement — ${court}`,
    eku: OID.emailProtection,
    issuer: ca,
    days: 825,
  });
  const tsa = await issue({
    cn: 'greffe — horodatage de développement',
    eku: OID.timeStamping,
    issuer: ca,
    days: 825,
  });
  return { ca, seal, tsa };
}

/** The common name of a certificate's subject (for the signature's name and the evidence). */
export function commonName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : '';
}
