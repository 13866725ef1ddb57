/**
 * Issue 14 findings on input size: a 100 MB body is refused (413) in under a
 * second, from Content-Length before it is read or while it streams, on the
 * unauthenticated eligibility route and on uploads, with the server's memory
 * flat; 10,000-deep JSON is a 400, never a 500; a JSON route requires a JSON
 * content type.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filing } from '../helpers/annex.ts';
import { type PlainServer, startPlainServer } from '../helpers/plain-server.ts';

let s: PlainServer;
let token: string;
let caseId: string;
beforeAll(async () => {
  s = await startPlainServer();
  const alice = await s.login('alice');
  token = alice.token as string;
  caseId = (await alice.open('petits-litiges')).id;
});
afterAll(async () => {
  await s.close();
});

const MB = 1024 * 1024;

/**
 * Streams `total` bytes to `path` in 64 kB chunks (declared in Content-Length, or
 * chunked), stopping when the answer comes; resolves with its status, time and
 * the bytes actually sent.
 */
function stream(
  path: string,
  total: number,
  o: { declare: boolean; type?: string },
): Promise<{ status: number; ms: number; sent: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${s.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': o.type ?? 'application/json',
        ...(o.declare ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, sent, body });
        req.destroy();
      });
    });
    // Writing after the server closed the connection fails; the answer already came (or the test fails on it).
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    pump();
  });
}

describe('body size limits', () => {
  for (const declare of [true, false]) {
    const how = declare ? 'Content-Length' : 'chunked';
    it(`refuses 100 MB on /eligibility in under a second (${how})`, async () => {
      const before = process.memoryUsage().rss;
      const r = await stream('/api/procedures/petits-litiges/eligibility', 100 * MB, { declare });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe('BODY_TOO_LARGE');
      expect(r.ms).toBeLessThan(1000);
      expect(r.sent).toBeLessThan(20 * MB);
      expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB);
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    });

    it(`refuses a 100 MB upload of a 20 MB document kind in under a second (${how})`, async () => {
      const before = process.memoryUsage().rss;
      const r = await stream(`/api/cases/${caseId}/documents?kind=pieces`, 100 * MB, {
        declare,
        type: 'application/octet-stream',
      });
      expect(r.status).toBe(413);
      expect(r.ms).toBeLessThan(1000 + (declare ? 0 : 2000)); // chunked: read up to the kind's 20 MB first
      expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB);
    });
  }

  it('refuses an oversized event body and an oversized join body', async () => {
    const big = {
      event: 'deposer_demande',
      expectedVersion: 1,
      data: { ...filing(), description_litige: 'x'.repeat(2 * MB) },
    };
    const r = await fetch(`${s.url}/api/cases/${caseId}/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': 'k-12345678',
      },
      body: JSON.stringify(big),
    });
    expect(r.status).toBe(413);
  });
});

describe('JSON bodies', () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepObject = `{"a":${deep}}`;
  const post = (path: string, body: string, type = 'application/json', method = 'POST') =>
    fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'idempotency-key': 'k-deep-0001' },
      body,
    });

  it('answers 400 to JSON nested 10,000 deep, on eligibility, drafts and events', async () => {
    for (const [path, method] of [
      ['/api/procedures/petits-litiges/eligibility', 'POST'],
      [`/api/cases/${caseId}/draft`, 'PUT'],
      [`/api/cases/${caseId}/events`, 'POST'],
    ] as const) {
      const r = await post(path, deepObject, 'application/json', method);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('JSON_TOO_DEEP');
    }
  });

  it('answers 415 to a JSON route sent another content type, 400 to broken JSON or UTF-8', async () => {
    expect((await post('/api/procedures/petits-litiges/eligibility', '{}', 'text/plain')).status).toBe(415);
    expect((await post('/api/procedures/petits-litiges/eligibility', '{"a":')).status).toBe(400);
    const bad = await fetch(`${s.url}/api/procedures/petits-litiges/eligibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(bad.status).toBe(400);
  });
});
