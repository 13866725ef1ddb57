/**
 * What an accepted event makes of the case (runtime/engine/transition.ts):
 * the next snapshot — state, version, journal number, facts recorded under
 * that number, running deadlines with their due dates, documents with their
 * ids — and the documents its journal item references.
 */
import type { Procedure } from '../../spec/index.ts';
import { sha256Hex } from './hash.ts';
import { type InstanceRef, instanceKey, matchesInstance } from './instances.ts';
import type { CaseSnapshot, DocumentRef, EngineEffect, FactRecord, RunningDeadline } from './types.ts';

/** The id of the `i`-th document an event produces: derived from the case and its next version (pure, unique). */
export function producedDocumentId(caseId: string, version: number, i: number): string {
  const h = sha256Hex(`${caseId}\n${version}\n${i}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The case after the event: what every store and every simulation persists. */
export function nextSnapshot(
  procedure: Procedure,
  s: CaseSnapshot,
  to: string,
  effects: readonly EngineEffect[],
  produced: readonly DocumentRef[],
  expired: InstanceRef | undefined,
): CaseSnapshot {
  const seq = s.seq + 1;
  const facts: Record<string, FactRecord> = { ...s.facts };
  const deadlines = new Map<string, RunningDeadline>(s.runningDeadlines.map((d) => [instanceKey(d), d]));
  if (expired !== undefined) deadlines.delete(instanceKey(expired));
  for (const e of effects) {
    if (e.type === 'fact.record') facts[e.fact] = { value: e.value, seq, visibleTo: e.visibleTo };
    else if (e.type === 'deadline.stop') {
      for (const [key, d] of deadlines) if (matchesInstance(d, e)) deadlines.delete(key);
    } else if (e.type === 'deadline.start') {
      const key = instanceKey(e);
      deadlines.delete(key); // a restarted deadline runs again from now: last in start order
      deadlines.set(key, {
        deadline: e.deadline,
        ...(e.party !== undefined && { party: e.party }),
        startDate: e.startDate,
        due: e.due,
        dueAt: e.dueAt,
      });
    }
  }
  return {
    ...s,
    state: to,
    version: s.version + 1,
    seq,
    closed: s.closed || procedure.states[to]?.final === true,
    facts,
    runningDeadlines: [...deadlines.values()],
    documents: produced.length > 0 ? [...s.documents, ...produced] : s.documents,
  };
}

/** The documents the event's journal item references: those it produced, then those its connectors act on. */
export function eventDocuments(
  effects: readonly EngineEffect[],
  produced: readonly DocumentRef[],
): DocumentRef[] {
  const refs = [...produced];
  for (const e of effects) {
    if (e.type === 'call' && e.document && !refs.some((r) => r.sha256 === e.document?.sha256))
      refs.push({ id: e.document.id ?? '', kind: e.document.kind, sha256: e.document.sha256 });
  }
  return refs;
}
