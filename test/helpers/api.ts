/** A small HTTP client for the API contract, over real fetch on loopback. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** What tests read from a case view. */
export interface View {
  id: string;
  reference: string | null;
  caseVersion: number;
  state: { id: string; label: string; final: boolean; outcome: string | null };
  myRoles: string[];
  actions: { event: string; label: string; form?: string; roles: string[] }[];
  deadlines: {
    id: string;
    party?: string;
    due: string;
    dueAt: string;
    explanation: string;
    daysLeft: number;
  }[];
  timeline: {
    seq: number;
    kind: string;
    event: string | null;
    label: string;
    data?: Record<string, unknown>;
    documents?: { id: string; kind: string; sha256: string }[];
  }[];
  documents: { id: string; kind: string; sha256: string; mediaType: string; size: number; origin: string }[];
  participants: { role: string; name: string; joined: boolean }[];
  facts: Record<string, unknown>;
}

/** What an accepted event answers (runtime/service/fire-event.ts). */
export interface EventAnswer {
  id: string;
  caseVersion: number;
  state: { id: string; label: string; final: boolean; outcome: string | null };
  event: { seq: number; event: string; at: string; hash: string };
  view: string;
}

export class Api {
  token: string | undefined;
  user: { id: string; roles: string[] } | undefined;

  constructor(readonly base: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array) payload = body as Uint8Array<ArrayBuffer>;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: h,
      ...(payload !== undefined && { body: payload }),
    });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  async login(user: string): Promise<void> {
    const r = await this.post<{ token: string; user: { id: string; roles: string[] } }>('/api/dev/login', {
      user,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    this.token = r.body.token;
    this.user = r.body.user;
  }

  async open(procedure: string, extra: Record<string, unknown> = {}): Promise<View> {
    const r = await this.post<View>('/api/cases', { procedure, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  view(caseId: string) {
    return this.get<View>(`/api/cases/${caseId}`);
  }

  /** Fires an event at the case's current version (read first) unless `expectedVersion` is given. */
  async fire(
    caseId: string,
    event: string,
    data: Record<string, unknown> = {},
    o: { key?: string; expectedVersion?: number; signatureCode?: string } = {},
  ) {
    let expectedVersion = o.expectedVersion;
    if (expectedVersion === undefined) {
      const v = await this.view(caseId);
      expectedVersion = v.body.caseVersion;
    }
    return this.post<EventAnswer>(
      `/api/cases/${caseId}/events`,
      {
        event,
        data,
        expectedVersion,
        ...(o.signatureCode !== undefined && { signatureCode: o.signatureCode }),
      },
      { 'idempotency-key': o.key ?? randomUUID() },
    );
  }

  /** Fires and expects success; returns the new view, read as the answer says (GET at its address). */
  async ok(caseId: string, event: string, data: Record<string, unknown> = {}): Promise<View> {
    const r = await this.fire(caseId, event, data);
    expect(r.status, `${event} : ${JSON.stringify(r.body)}`).toBe(200);
    const answer = r.body;
    expect(answer.event.event).toBe(event);
    const view = await this.get<View>(answer.view);
    expect(view.status).toBe(200);
    expect(view.body.caseVersion).toBe(answer.caseVersion);
    return view.body;
  }

  async upload(caseId: string, kind: string, bytes: Uint8Array, filename = 'piece.pdf') {
    return this.post<{ id: string; sha256: string; size: number; mediaType: string }>(
      `/api/cases/${caseId}/documents?kind=${encodeURIComponent(kind)}`,
      bytes,
      { 'content-type': 'application/octet-stream', 'x-filename': encodeURIComponent(filename) },
    );
  }
}
