/**
 * Content-addressed storage of documents on disk, next to the database:
 * `documents/ab/cdef…` where `abcdef…` is the SHA-256 of the bytes. The same
 * bytes are stored once; a stored file is never rewritten. Uploads stream to
 * a temporary file while hashing and counting, so a 250 MB recording never
 * sits in memory and an oversized one is cut off at the limit.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, type ReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SNIFF_BYTES } from './sniff.ts';

export const pathOf = (dir: string, sha256: string): string => join(dir, sha256.slice(0, 2), sha256.slice(2));

export interface Received {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for `sniff`. */
  readonly head: Uint8Array;
}

/** The upload went over `maxBytes`; nothing was kept. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super('too large');
  }
}

/** Streams `body` to a temporary file under `dir`, hashing it; throws TooLarge past `maxBytes`. */
export async function receive(
  body: ReadableStream<Uint8Array>,
  dir: string,
  maxBytes: number,
): Promise<Received> {
  const tmpDir = join(dir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const tempPath = join(tmpDir, randomUUID());
  const file = await open(tempPath, 'wx');
  const hash = createHash('sha256');
  let size = 0;
  const head: number[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) throw new TooLarge(maxBytes);
      if (head.length < SNIFF_BYTES) head.push(...value.subarray(0, SNIFF_BYTES - head.length));
      hash.update(value);
      await file.write(value);
    }
    await file.sync();
  } catch (err: unknown) {
    await reader.cancel().catch((e: unknown) => console.error('greffe : annulation du téléversement :', e));
    await file.close();
    await rm(tempPath, { force: true });
    throw err;
  }
  await file.close();
  return { tempPath, sha256: hash.digest('hex'), size, head: Uint8Array.from(head) };
}

/**
 * Makes a folder's entries durable (a rename or a new file is an entry of its
 * folder: without this, a power cut after the commit that cites the file
 * could leave the commit and lose the name).
 */
export async function syncDirectory(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** Creates the two-letter folder of `sha256`, its creation synced into `dir`. */
async function shardOf(dir: string, sha256: string): Promise<string> {
  const shard = join(dir, sha256.slice(0, 2));
  if (!existsSync(shard)) {
    mkdirSync(shard, { recursive: true });
    await syncDirectory(dir);
  }
  return shard;
}

/**
 * Moves a received file (already synced by `receive`) to its content address,
 * or drops it when those bytes are already stored, and syncs the folder:
 * once this resolves, the bytes and their name survive a power cut, so the
 * commit that cites them may follow.
 */
export async function keep(dir: string, r: Received): Promise<string> {
  const target = pathOf(dir, r.sha256);
  if (existsSync(target)) {
    await rm(r.tempPath, { force: true });
    return target;
  }
  const shard = await shardOf(dir, r.sha256);
  await rename(r.tempPath, target);
  await syncDirectory(shard);
  return target;
}

export async function discard(r: Received): Promise<void> {
  await rm(r.tempPath, { force: true });
}

/** Stores bytes the platform produced (an act), under their SHA-256, synced like `keep` before the commit. */
export async function storeBytes(dir: string, sha256: string, content: string | Uint8Array): Promise<void> {
  const target = pathOf(dir, sha256);
  if (existsSync(target)) return;
  const shard = await shardOf(dir, sha256);
  const tmp = join(shard, `.${randomUUID()}`);
  const f = await open(tmp, 'wx');
  try {
    await f.writeFile(content);
    await f.sync();
  } finally {
    await f.close();
  }
  await rename(tmp, target);
  await syncDirectory(shard);
}

export function readStream(dir: string, sha256: string): ReadStream {
  return createReadStream(pathOf(dir, sha256));
}
