/**
 * RFC 3161 timestamps. `TimestampConnector` is what the seal calls; the real
 * one (`HttpTsaClient`) posts an `application/timestamp-query` to a TSA URL
 * from configuration (a qualified provider in production). `LocalTsa` is a
 * working authority in pure JS (pkijs) for development and the tests;
 * `serveTsa` puts it behind HTTP on loopback so the client's real protocol
 * path is what runs.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, signCms } from './cms.ts';
import { commonName, type KeyPairWithChain, OID } from './pki.ts';

export interface TimestampToken {
  /** DER ContentInfo(SignedData(TSTInfo)), as embedded in the signature. */
  readonly tokenDer: Uint8Array;
  readonly genTime: Date;
  readonly tsa: string;
}

export interface TimestampConnector {
  stamp(sha256Digest: Uint8Array): Promise<TimestampToken>;
}

/** A development policy OID under 2.999, the arc ITU-T X.660 reserves for examples. */
export const DEV_TSA_POLICY = '2.999.3161.1';

const randomSerial = () => {
  const b = randomBytes(8);
  b[0] = (b[0] as number) & 0x7f;
  return new asn1js.Integer({ valueHex: b });
};

/** A timestamp authority that signs with a local key (never a qualified one). */
export class LocalTsa {
  constructor(private readonly signer: KeyPairWithChain) {}

  /** Answers one DER TimeStampReq with a DER TimeStampResp. */
  async respond(requestDer: Uint8Array): Promise<Uint8Array> {
    let req: pkijs.TimeStampReq;
    try {
      req = pkijs.TimeStampReq.fromBER(new Uint8Array(requestDer));
    } catch (err: unknown) {
      const reason = err instanceof Error ? err.message : String(err);
      const status = new pkijs.PKIStatusInfo({
        status: 2,
        statusStrings: [new asn1js.Utf8String({ value: reason })],
      });
      return new Uint8Array(new pkijs.TimeStampResp({ status }).toSchema().toBER(false));
    }
    const genTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: DEV_TSA_POLICY,
      messageImprint: req.messageImprint,
      serialNumber: randomSerial(),
      genTime,
      ...(req.nonce && { nonce: req.nonce }),
    });
    const content = new Uint8Array(info.toSchema().toBER(false));
    const token = await signCms({
      signer: this.signer,
      contentType: OID.tstInfo,
      digest: sha256(content),
      content,
    });
    const parsed = asn1js.fromBER(token);
    const resp = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: new pkijs.ContentInfo({ schema: parsed.result }),
    });
    return new Uint8Array(resp.toSchema().toBER(false));
  }

  /** In-process connector (no HTTP): for `npm start` without a TSA URL. */
  connector(): TimestampConnector {
    return { stamp: (digest) => stampWith((der) => this.respond(der), digest, commonName(this.signer.cert)) };
  }
}

function request(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER(false));
}

/** Sends a request through `exchange`, then checks the answer: granted, same imprint, same nonce. */
async function stampWith(
  exchange: (der: Uint8Array) => Promise<Uint8Array>,
  digest: Uint8Array,
  tsaName: string,
): Promise<TimestampToken> {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] as number) & 0x7f;
  const resp = pkijs.TimeStampResp.fromBER(new Uint8Array(await exchange(request(digest, nonce))));
  if (resp.status.status > 1 || !resp.timeStampToken) {
    const why = resp.status.statusStrings?.map((s) => s.valueBlock.value).join(' ') ?? '';
    throw new Error(`Horodatage refusé par l’autorité (statut ${resp.status.status}) ${why}`.trim());
  }
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new Error('Jeton d’horodatage sans TSTInfo.');
  const info = pkijs.TSTInfo.fromBER(eContent.getValue());
  const imprint = info.messageImprint.hashedMessage.valueBlock.valueHexView;
  if (Buffer.compare(Buffer.from(imprint), Buffer.from(digest)) !== 0)
    throw new Error('Le jeton d’horodatage ne porte pas l’empreinte demandée.');
  if (!info.nonce || Buffer.compare(Buffer.from(info.nonce.valueBlock.valueHexView), nonce) !== 0)
    throw new Error('Le jeton d’horodatage ne porte pas le nonce de la demande.');
  const tokenDer = new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
  return { tokenDer, genTime: info.genTime, tsa: tsaName };
}

/** The real protocol: RFC 3161 over HTTP (section 3.4). */
export class HttpTsaClient implements TimestampConnector {
  constructor(
    private readonly url: string,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}
  stamp(digest: Uint8Array): Promise<TimestampToken> {
    return stampWith(
      async (der) => {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query', ...this.headers },
          body: new Uint8Array(der),
        });
        if (!res.ok) throw new Error(`Autorité d’horodatage ${this.url} : HTTP ${res.status}.`);
        return new Uint8Array(await res.arrayBuffer());
      },
      digest,
      new URL(this.url).host,
    );
  }
}

/** Serves a LocalTsa over HTTP (POST /, application/timestamp-query → application/timestamp-reply). */
export async function serveTsa(
  tsa: LocalTsa,
  port = 0,
  host = '127.0.0.1',
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      tsa.respond(new Uint8Array(Buffer.concat(chunks))).then(
        (der) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(der),
        (err: unknown) => {
          console.error('greffe TSA :', err);
          res.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((ok) => server.listen(port, host, ok));
  return { url: `http://${host}:${(server.address() as AddressInfo).port}/`, server };
}
