/**
 * Docket numbers (« RG 27/00042 ») are given when a case is filed, never when a
 * draft is merely started (issue 15): a started-then-abandoned draft takes no
 * number, so the register's numbers follow the filings without gaps.
 *
 * The filing is read from the spec, not from an event's name: the first
 * transition that leaves an initial state for a live one (neither initial nor
 * final); a draft withdrawn before filing gets no number. An initial state no
 * transition leaves for a live state is no draft (a mediation the mediator
 * opens is under way at once): the opening itself takes the number.
 *
 * The documents the filing event produces print the number, and the reducer
 * produces them before the transaction: the runtime asks the reducer again
 * with the number the counter would give next (`predicted`), and the
 * transaction takes the counter's next value and checks it is that one. If a
 * concurrent filing took it first, the transaction is rolled back
 * (`ReferenceTaken`) and the event decided again with the following number —
 * the counter moves only with a committed filing: no gap, no duplicate (the
 * column's unique index is the last guard).
 */
import type { Procedure } from '../../spec/index.ts';

/** The counter a filing at instant `at` (ISO) draws from: one per two-digit year. */
export function referenceCounter(at: string): string {
  return `reference:${at.slice(2, 4)}`;
}

/** The docket number `n` of the year of `at`: RG 27/00042. */
export function formatReference(at: string, n: number): string {
  return `RG ${at.slice(2, 4)}/${String(n).padStart(5, '0')}`;
}

const isLive = (p: Procedure, state: string): boolean => {
  const s = p.states[state];
  return s !== undefined && !s.initial && !s.final;
};

/** Whether a case opened in initial state `state` is a draft: a transition of its own files it (leads to a live state). */
export function isDraftState(p: Procedure, state: string): boolean {
  return (
    p.states[state]?.initial === true &&
    p.transitions.some((t) => !t.fromAny && !t.stay && t.from.includes(state) && isLive(p, t.to))
  );
}

/** Whether moving from `from` to `to` files the case: it leaves its draft state for a live one. */
export function isFiling(p: Procedure, from: string, to: string): boolean {
  return isDraftState(p, from) && isLive(p, to);
}

/** How a case is named where its docket number would be: the number, or that it is a draft. */
export function referenceOrDraft(reference: string | null): string {
  return reference ?? 'brouillon non enregistré';
}

/** A concurrent filing took the number this event's documents print: decide it again. */
export class ReferenceTaken extends Error {
  constructor(readonly expected: string | null) {
    super('numéro de rôle déjà attribué');
  }
}
