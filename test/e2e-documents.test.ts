/**
 * Uploads and downloads over HTTP: the type read from the bytes and checked
 * against the spec's document kind, the kind's size limit, content-addressed
 * storage next to the database, the SHA-256 in the journal.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX, filing } from './helpers/annex.ts';
import type { Api } from './helpers/api.ts';
import { dump, rows, settledDump } from './helpers/db.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const MP3 = Uint8Array.from([...Buffer.from('ID3'), 4, 0, 0, 0, 0, 0, 0, ...new Array(200).fill(7)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let t: TestServer;
let demandeur: Api;
let caseId: string;
beforeAll(async () => {
  t = await startTestServer({ spec: ANNEX });
  demandeur = await t.as('demandeur');
  caseId = (await demandeur.open('petits-litiges')).id;
  await demandeur.ok(caseId, 'deposer_demande', filing());
});
afterAll(async () => {
  await t.close();
});

describe('documents', () => {
  it('stores a PDF under its SHA-256 next to the database and journals the hash', async () => {
    const r = await demandeur.upload(caseId, 'pieces', PDF, 'Facture n° 12 é.pdf');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sha256: sha(PDF), size: PDF.length, mediaType: 'application/pdf' });
    const file = join(t.dir, 'documents', sha(PDF).slice(0, 2), sha(PDF).slice(2));
    expect(existsSync(file)).toBe(true);
    const [row] = await rows<{ documents: string; actor_role: string }>(
      t,
      "SELECT * FROM journal_events WHERE case_id = ? AND kind = 'piece' ORDER BY seq DESC",
      caseId,
    );
    if (!row) throw new Error('aucune ligne « piece » au journal');
    expect(JSON.parse(row.documents)).toEqual([{ id: r.body.id, kind: 'pieces', sha256: sha(PDF) }]);
    expect(row.actor_role).toBe('demandeur');
    const view = (await demandeur.view(caseId)).body;
    expect(view.documents.find((d) => d.id === r.body.id)).toMatchObject({ kind: 'pieces', origin: 'depot' });

    const res = await fetch(`${t.url}/api/cases/${caseId}/documents/${r.body.id}`, {
      headers: { authorization: `Bearer ${demandeur.token}` },
    });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('Facture n° 12 é.pdf'));
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(PDF));

    // The same bytes again: a second document, one stored file.
    expect((await demandeur.upload(caseId, 'pieces', PDF)).status).toBe(201);
    expect(readdirSync(join(t.dir, 'documents', sha(PDF).slice(0, 2)))).toHaveLength(1);
  });

  it('reads the type from the bytes, not the name, and applies the kind’s allowed types', async () => {
    const before = await settledDump(t);
    const text = await demandeur.upload(
      caseId,
      'pieces',
      new TextEncoder().encode('<html>pas un PDF</html>'),
      'faux.pdf',
    );
    expect(text).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const audio = await demandeur.upload(caseId, 'pieces', MP3, 'plaidoirie.pdf');
    expect(audio).toMatchObject({
      status: 415,
      body: { error: { details: { detected: 'audio/mpeg', accepted: ['pdf', 'image'] } } },
    });
    expect(await dump(t)).toBe(before);
    // Recorded observations (audio, video) go under the kind that admits them.
    expect(await demandeur.upload(caseId, 'observations', MP3, 'plaidoirie.mp3')).toMatchObject({
      status: 201,
      body: { mediaType: 'audio/mpeg' },
    });
  });

  it('refuses a file over the kind’s size limit, keeping nothing', async () => {
    const limit = 20_971_520; // taille_max_piece
    const big = new Uint8Array(limit + 1);
    big.set(PDF);
    const before = await settledDump(t);
    const r = await demandeur.upload(caseId, 'pieces', big);
    expect(r).toMatchObject({
      status: 413,
      body: { error: { code: 'DOCUMENT_TOO_LARGE', details: { maxSize: limit } } },
    });
    expect(await dump(t)).toBe(before);
    expect(readdirSync(join(t.dir, 'documents', 'tmp'))).toEqual([]);
  });

  it('refuses kinds that cannot be uploaded, and empty files', async () => {
    expect(await demandeur.upload(caseId, 'jugement_definitif', PDF)).toMatchObject({
      status: 422,
      body: { error: { code: 'INVALID_DOCUMENT_KIND' } },
    });
    expect(await demandeur.upload(caseId, 'inconnu', PDF)).toMatchObject({
      status: 422,
      body: { error: { code: 'INVALID_DOCUMENT_KIND' } },
    });
    expect((await demandeur.upload(caseId, 'pieces', new Uint8Array(0))).status).toBeGreaterThanOrEqual(415);
  });
});
