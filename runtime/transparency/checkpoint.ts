/**
 * Checkpoints of the transparency log in the C2SP tlog-checkpoint format (a
 * signed note, as Go's sumdb, Sigstore and the transparency-dev witnesses
 * read it): the body `<origin>\n<size>\n<base64 root>\n`, a blank line, then
 * one line per signature `— <key name> <base64(key id ‖ Ed25519 signature)>`,
 * the key id being the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface NoteSigner {
  /** The key's name in the note (the log's origin). */
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Generated for development: the checkpoints prove nothing to anyone else. */
  readonly development: boolean;
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  /** Hex. */
  readonly root: string;
}

/** The 32 raw bytes of an Ed25519 public key. */
const rawPublic = (k: KeyObject): Buffer => k.export({ format: 'der', type: 'spki' }).subarray(-32);

export function keyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([1]), rawPublic(publicKey)]))
    .digest()
    .subarray(0, 4);
}

export const noteBody = (c: Checkpoint): string =>
  `${c.origin}\n${c.size}\n${Buffer.from(c.root, 'hex').toString('base64')}\n`;

export function signCheckpoint(c: Checkpoint, signer: NoteSigner): string {
  const body = noteBody(c);
  const sig = sign(null, Buffer.from(body, 'utf8'), signer.privateKey);
  const blob = Buffer.concat([keyId(signer.name, signer.publicKey), sig]).toString('base64');
  return `${body}\n— ${signer.name} ${blob}\n`;
}

/** The checkpoint a note states, if `publicKey` (named `name`) signed it; else a French reason. */
export function openNote(
  note: string,
  name: string,
  publicKey: KeyObject,
): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const cut = note.indexOf('\n\n');
  if (cut < 0) return { ok: false, reason: 'point de contrôle mal formé (pas de ligne de signature).' };
  const body = note.slice(0, cut + 1);
  const lines = body.split('\n');
  const [origin, size, root] = lines;
  if (lines.length < 4 || !origin || !/^\d+$/.test(size ?? '') || !root)
    return { ok: false, reason: 'point de contrôle mal formé (origine, taille, racine).' };
  const id = keyId(name, publicKey);
  const signed = note
    .slice(cut + 2)
    .split('\n')
    .filter((l) => l.startsWith(`— ${name} `))
    .some((l) => {
      const blob = Buffer.from(l.slice(`— ${name} `.length), 'base64');
      return (
        blob.length === 68 &&
        blob.subarray(0, 4).equals(id) &&
        verify(null, Buffer.from(body, 'utf8'), publicKey, blob.subarray(4))
      );
    });
  if (!signed)
    return { ok: false, reason: `signature du point de contrôle invalide pour la clé « ${name} ».` };
  return {
    ok: true,
    checkpoint: { origin, size: Number(size), root: Buffer.from(root, 'base64').toString('hex') },
  };
}

export const publicKeyPem = (k: KeyObject): string => k.export({ format: 'pem', type: 'spki' }).toString();

export const parsePublicKey = (pem: string): KeyObject => createPublicKey(pem);

/**
 * The log's signing key: the PKCS#8 PEM Ed25519 key at `keyFile` (configuration),
 * or else a development key generated once at `devKeyFile` and said so.
 */
export function loadNoteSigner(o: { name: string; keyFile?: string; devKeyFile: string }): NoteSigner {
  let development = false;
  let pem: string;
  if (o.keyFile) pem = readFileSync(o.keyFile, 'utf8');
  else {
    development = true;
    if (!existsSync(o.devKeyFile)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      mkdirSync(dirname(o.devKeyFile), { recursive: true, mode: 0o700 });
      writeFileSync(o.devKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    }
    pem = readFileSync(o.devKeyFile, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${o.keyFile ?? o.devKeyFile} : une clé Ed25519 (PKCS#8 PEM) est attendue.`);
  return { name: o.name, privateKey, publicKey: createPublicKey(privateKey), development };
}
