/**
 * CMS SignedData for PAdES (ETSI EN 319 142-1 baseline B-T): signed
 * attributes contentType, messageDigest, signingTime and the ESS
 * signing-certificate-v2 (RFC 5035) that binds the signer's certificate, and
 * the RFC 3161 timestamp token over the signature value as the unsigned
 * attribute id-aa-timeStampToken. The same builder signs the TSA's tokens.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type KeyPairWithChain, OID } from './pki.ts';

export const sha256 = (data: Uint8Array | ArrayBuffer): Uint8Array =>
  new Uint8Array(
    createHash('sha256')
      .update(data instanceof Uint8Array ? data : new Uint8Array(data))
      .digest(),
  );

const attr = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** ESSCertIDv2 with SHA-256 (the default algorithm, so omitted in DER) and the issuer and serial. */
function signingCertificateV2(cert: pkijs.Certificate): pkijs.Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] }),
        ],
      }),
      cert.serialNumber,
    ],
  });
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(cert.toSchema().toBER(false)) }), issuerSerial],
  });
  return attr(
    OID.signingCertificateV2,
    new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] }),
  );
}

export interface SignOptions {
  readonly signer: KeyPairWithChain;
  /** The encapsulated content type: id-data for a detached PDF signature, id-ct-TSTInfo for a token. */
  readonly contentType: string;
  /** Digest of the signed content (the PDF's byte ranges, or the TSTInfo). */
  readonly digest: Uint8Array;
  /** Encapsulated content (a TSA token carries its TSTInfo); absent for a detached signature. */
  readonly content?: Uint8Array;
  readonly signingTime?: Date;
  /** Adds the RFC 3161 token over the signature value (PAdES B-T). */
  readonly timestamp?: (signatureDigest: Uint8Array) => Promise<Uint8Array>;
}

/** DER ContentInfo(SignedData). */
export async function signCms(o: SignOptions): Promise<Uint8Array> {
  const attributes = [
    attr(OID.contentType, new asn1js.ObjectIdentifier({ value: o.contentType })),
    ...(o.signingTime ? [attr(OID.signingTime, new asn1js.UTCTime({ valueDate: o.signingTime }))] : []),
    attr(OID.messageDigest, new asn1js.OctetString({ valueHex: o.digest })),
    signingCertificateV2(o.signer.cert),
  ];
  const signedData = new pkijs.SignedData({
    version: o.content ? 3 : 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: o.contentType,
      ...(o.content && { eContent: new asn1js.OctetString({ valueHex: o.content }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: o.signer.cert.issuer,
          serialNumber: o.signer.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [o.signer.cert, ...o.signer.chain],
  });
  await signedData.sign(o.signer.key, 0, 'SHA-256');
  const info = signedData.signerInfos[0] as pkijs.SignerInfo;
  if (o.timestamp) {
    const token = await o.timestamp(sha256(info.signature.valueBlock.valueHexView));
    const parsed = asn1js.fromBER(token);
    if (parsed.offset === -1) throw new Error('Jeton d’horodatage illisible.');
    info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [parsed.result] })],
    });
  }
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER(false));
}
