/**
 * The journal's checkpoints over HTTP and in the export folder: taken after a
 * batch of events, signed (Ed25519, C2SP note), timestamped by a local RFC
 * 3161 authority, served at GET /api/transparence/checkpoints; a leaf's
 * inclusion proof and a consistency proof between two checkpoints verify
 * against the served roots.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDevelopmentPki } from '../runtime/connectors/seal/pki.ts';
import { LocalTsa } from '../runtime/connectors/seal/tsa.ts';
import { openNote, parsePublicKey } from '../runtime/transparency/checkpoint.ts';
import { EXPORT_FILES, type ExportedLeaf, readJsonLines } from '../runtime/transparency/export.ts';
import {
  consistencyProof,
  inclusionProof,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../runtime/transparency/merkle.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

let t: TestServer;
let exportDir: string;
beforeAll(async () => {
  const pki = await generateDevelopmentPki();
  exportDir = mkdtempSync(join(tmpdir(), 'greffe-export-'));
  t = await startTestServer({
    spec: 'test/fixtures/procedures/mediation',
    transparency: { timestamp: new LocalTsa(pki.tsa).connector(), exportTarget: exportDir, debounceMs: 50 },
  });
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(exportDir, { recursive: true, force: true });
});

interface Served {
  origin: string;
  publicKey: string;
  development: boolean;
  checkpoints: {
    size: number;
    root: string;
    note: string;
    timestamp: { token: string; time: string; authority: string } | null;
  }[];
}

async function served(): Promise<Served> {
  const r = await t.anonymous().get<Served>('/api/transparence/checkpoints');
  expect(r.status).toBe(200);
  return r.body as unknown as Served;
}

async function until<T>(fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('délai dépassé');
}

describe('checkpoints of the journal', () => {
  it('are taken after a batch of events, signed, timestamped, exported and served', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'inviter_voisin');
    // The event's batch kicks a checkpoint (debounced 50 ms) covering the opening and the event.
    const first = await until(async () => (await served()).checkpoints.find((p) => p.size >= 2));
    const s = await served();
    expect(s.development).toBe(true);
    const key = parsePublicKey(s.publicKey);
    const opened = openNote(first.note, s.origin, key);
    expect(opened).toMatchObject({ ok: true, checkpoint: { size: first.size, root: first.root } });
    // A note changed by one character no longer verifies.
    expect(openNote(first.note.replace(`\n${first.size}\n`, `\n${first.size + 1}\n`), s.origin, key).ok).toBe(
      false,
    );
    // The RFC 3161 token is over SHA-256 of the note.
    const token = first.timestamp?.token as string;
    const ci = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(token, 'base64')));
    const info = pkijs.TSTInfo.fromBER(
      new pkijs.SignedData({ schema: ci.content }).encapContentInfo.eContent?.getValue() as ArrayBuffer,
    );
    expect(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256').update(first.note).digest('hex'),
    );
    // Exported where the operator does not write: key, leaves, checkpoints.
    expect(readFileSync(join(exportDir, EXPORT_FILES.publicKey), 'utf8')).toBe(s.publicKey);
    const leaves = readJsonLines<ExportedLeaf>(join(exportDir, EXPORT_FILES.leaves));
    expect(leaves.length).toBeGreaterThanOrEqual(first.size);
    // The opening and the event, in order; the outbox may already have journaled the invitation's
    // delivery after them (a `connecteur` row, seq 3), in the background.
    const seqs = leaves.filter((l) => l.caseId === c.id).map((l) => l.seq);
    expect(seqs.slice(0, 2)).toEqual([1, 2]);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    // More events, a second checkpoint: the first tree is a prefix of the second (consistency),
    // and the case's opening is in it (inclusion), with the proofs of RFC 9162.
    await med.ok(c.id, 'constater_accord', { termes: 'Le voisin taille la haie chaque printemps.' });
    const second = await until(async () => (await served()).checkpoints.find((p) => p.size > first.size));
    const all = readJsonLines<ExportedLeaf>(join(exportDir, EXPORT_FILES.leaves)).map((l) =>
      Buffer.from(l.leaf, 'hex'),
    );
    const tree = all.slice(0, second.size);
    expect(rootOf(tree).toString('hex')).toBe(second.root);
    const proof = consistencyProof(first.size, tree);
    expect(
      verifyConsistency(
        first.size,
        second.size,
        proof,
        Buffer.from(first.root, 'hex'),
        Buffer.from(second.root, 'hex'),
      ),
    ).toBe(true);
    const idx = leaves.findIndex((l) => l.caseId === c.id && l.seq === 1);
    expect(
      verifyInclusion(
        idx,
        second.size,
        tree[idx] as Buffer,
        inclusionProof(idx, tree),
        Buffer.from(second.root, 'hex'),
      ),
    ).toBe(true);
  }, 60_000);

  it('refuses an out-of-range limit with 400', async () => {
    const r = await t.anonymous().get('/api/transparence/checkpoints?limit=0');
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });
});
