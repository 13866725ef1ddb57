/**
 * What typed remedies (spec language v2) make the reducer do:
 * - it keeps, for each party, whether he was summoned to his person and whether he acted
 *   (`PARTIES_FACT`); a party is heard only by his own act, never by a deadline's expiry;
 * - a judgment with `decision.character` records its character (CPC art. 473–474) and, when by
 *   default or deemed contradictory, starts the six months within which it must be served (art. 478);
 * - an act of service (`service:`) states the remedies (art. 680), stops those six months once served
 *   to the defaulting party, and starts the time of each remedy it opens to the party served;
 * - a remedy is filed only while it is open (its character, its time), and marks itself pending
 *   until its decision is recorded;
 * - a transition with `after:` waits for those deadlines (the others' time to answer, CPC art. 16; a suspensive remedy's time, art. 539).
 * Procedures in language v1 are untouched: nothing here runs for them.
 */
import {
  type CharacterRule,
  type Condition,
  decisionRemedies,
  isLanguageV2,
  type JudgmentCharacter,
  type Procedure,
  type Transition,
} from '../../spec/index.ts';
import { conditionHolds } from './conditions.ts';
import type { CaseSnapshot, EngineEffect, EngineError } from './types.ts';

/** The engine's own fact: per party role, how he was summoned and whether he acted. Not a spec identifier. */
export const PARTIES_FACT = '_parties';

export interface Presence {
  /** `personne`: summoned to his person (CPC art. 654); `autre`: otherwise. */
  readonly appele?: 'personne' | 'autre';
  readonly entendu?: boolean;
}

type Parties = Readonly<Record<string, Presence>>;

export function presenceOf(snapshot: Pick<CaseSnapshot, 'facts'>): Parties {
  const v = snapshot.facts[PARTIES_FACT]?.value;
  return v && typeof v === 'object' ? (v as Parties) : {};
}

/** CPC art. 473–474: contradictoire if he acted; réputé contradictoire if summoned to his person or open to appeal; else par défaut. */
export function characterOf(rule: CharacterRule, parties: Parties): JudgmentCharacter {
  const p = parties[rule.party] ?? {};
  if (p.entendu) return 'contradictoire';
  if (p.appele === 'personne' || !rule.lastResort) return 'reputee_contradictoire';
  return 'par_defaut';
}

/** The decision whose document `document` is (the decision that produced it). */
function decisionOf(p: Procedure, document: string): Transition | undefined {
  return p.transitions.find(
    (t) => t.decision !== undefined && t.effects.some((e) => e.kind === 'produce' && e.document === document),
  );
}

/** The recorded character of the judgment that produced `document`, if it computes one. */
export function recordedCharacter(
  p: Procedure,
  snapshot: Pick<CaseSnapshot, 'facts'>,
  document: string,
): JudgmentCharacter | undefined {
  const fact = decisionOf(p, document)?.decision?.character?.fact;
  const v = fact ? snapshot.facts[fact]?.value : undefined;
  return typeof v === 'string' ? (v as JudgmentCharacter) : undefined;
}

/** What the remedy checks read of a case: its facts and the deadlines running (by spec id). */
type RemedySnapshot = Pick<CaseSnapshot, 'facts'> & {
  readonly runningDeadlines: readonly { readonly deadline: string }[];
};

const running = (s: Pick<RemedySnapshot, 'runningDeadlines'>, d: string) =>
  s.runningDeadlines.some((x) => x.deadline === d);

/** Refusals of v2: a deadline of `after:` still runs (409 DEADLINE_RUNNING), a remedy filed while closed (422). */
export function remedyRefusal(
  p: Procedure,
  snapshot: RemedySnapshot,
  t: Transition,
): EngineError | undefined {
  const waiting = t.after.filter((d) => running(snapshot, d));
  if (waiting.length > 0) {
    const labels = waiting.map((d) => `« ${p.deadlines[d]?.label ?? d} »`).join(', ');
    return {
      status: 409,
      code: 'DEADLINE_RUNNING',
      message: `L’action « ${t.label} » n’est possible qu’à l’expiration du délai ${labels}, qui court encore.`,
      details: { event: t.event, running: waiting },
    };
  }
  for (const r of Object.values(p.remedies)) {
    if (r.filedBy !== t.event) continue;
    const decision = p.transitions.find((x) => x.decision?.remedies?.includes(r.id));
    const document = decision?.effects.find((e) => e.kind === 'produce');
    const character =
      document?.kind === 'produce' ? recordedCharacter(p, snapshot, document.document) : undefined;
    const closedByCharacter =
      character !== undefined && r.characters.length > 0 && !r.characters.includes(character);
    const closedByTime = r.deadline !== undefined && !running(snapshot, r.deadline);
    if (closedByCharacter || closedByTime)
      return {
        status: 422,
        code: 'REMEDY_CLOSED',
        message: closedByCharacter
          ? `« ${r.label} » n’est pas ouvert contre un jugement ${character === 'reputee_contradictoire' ? 'réputé contradictoire' : character === 'par_defaut' ? 'par défaut' : 'contradictoire'}.`
          : `Le délai pour former « ${r.label} » n’est pas ouvert ou est expiré.`,
        details: {
          remedy: r.id,
          ...(character && { character }),
          ...(r.deadline && { deadline: r.deadline }),
        },
      };
  }
  return undefined;
}

export interface RemedyContext {
  readonly procedure: Procedure;
  readonly snapshot: CaseSnapshot;
  readonly transition: Transition;
  /** The facts a condition reads (recorded facts, form data, context facts). */
  readonly facts: Readonly<Record<string, unknown>>;
  /** Starts a deadline (effects.ts startDeadline): against a party, from an act's civil date, or from the day after an instant. */
  readonly start: (
    deadline: string,
    options?: { readonly party?: string; readonly startDate?: string; readonly dayAfter?: string },
  ) => EngineEffect;
  /** The effects the transition's own spec effects gave (an act of service's explicit starts). */
  readonly built: readonly EngineEffect[];
  /** The form data (the act of service's date field). */
  readonly data: Readonly<Record<string, unknown>>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `e` starts `deadline` against `party`. */
const starts = (e: EngineEffect, deadline: string, party: string) =>
  e.type === 'deadline.start' && e.deadline === deadline && (e.party === undefined || e.party === party);

/**
 * The effects v2 adds to a transition's own. An act of service starts, against each party served, the
 * time of each remedy open to him, unless the spec's own effects start it already; cassation time
 * against a party who may still oppose starts the day opposition closes (CPC art. 613): an explicit
 * start of it is replaced. `replaced` lists the spec effects to drop.
 */
export function remedyEffects(ctx: RemedyContext): { add: EngineEffect[]; replaced: Set<EngineEffect> } {
  const replaced = new Set<EngineEffect>();
  const add = remedyAdditions(ctx, replaced);
  return { add, replaced };
}

function remedyAdditions(ctx: RemedyContext, replaced: Set<EngineEffect>): EngineEffect[] {
  const { procedure: p, snapshot, transition: t } = ctx;
  if (!isLanguageV2(p)) return [];
  const out: EngineEffect[] = [];
  const parties: Record<string, Presence> = { ...presenceOf(snapshot) };
  let changed = false;
  if (t.summons.length > 0) {
    const inPerson =
      t.summonsInPerson === true ||
      (typeof t.summonsInPerson === 'object' && conditionHolds(t.summonsInPerson as Condition, ctx.facts, p));
    for (const r of t.summons) {
      const before = parties[r] ?? {};
      const appele = before.appele === 'personne' || inPerson ? 'personne' : 'autre';
      if (before.appele !== appele) {
        parties[r] = { ...before, appele };
        changed = true;
      }
    }
  }
  // Heard only by his own act: an automatic transition (a deadline's expiry) hears nobody.
  if (!t.automatic) {
    for (const r of t.hears) {
      if (parties[r]?.entendu) continue;
      parties[r] = { ...(parties[r] ?? {}), entendu: true };
      changed = true;
    }
  }
  if (changed) out.push({ type: 'fact.record', fact: PARTIES_FACT, value: parties, visibleTo: [] });
  const rule = t.decision?.character;
  if (rule) {
    const character = characterOf(rule, parties);
    out.push({ type: 'fact.record', fact: rule.fact, value: character, visibleTo: [] });
    if (rule.voidUnlessServed && character !== 'contradictoire') out.push(ctx.start(rule.voidUnlessServed));
  }
  if (t.service) {
    const decision = decisionOf(p, t.service.document);
    const character = recordedCharacter(p, snapshot, t.service.document);
    const c = decision?.decision?.character;
    if (c?.voidUnlessServed && t.service.to.includes(c.party) && running(snapshot, c.voidUnlessServed))
      out.push({ type: 'deadline.stop', deadline: c.voidUnlessServed });
    if (decision) {
      const field = t.service.date ? ctx.data[t.service.date] : undefined;
      const startDate = typeof field === 'string' && ISO_DATE.test(field) ? field : undefined;
      const open = decisionRemedies(p, decision, character).filter(
        (r) => r.deadline !== undefined && r.startsOn === 'signification',
      );
      for (const party of t.service.to) {
        const mine = open.filter((r) => r.by.includes(party));
        // CPC art. 613: against a judgment by default, cassation time runs only once opposition is closed.
        let oppositionDue: string | undefined;
        for (const r of mine.filter((x) => x.kind === 'opposition')) {
          const e = ctx.start(r.deadline as string, { party, ...(startDate && { startDate }) });
          out.push(e);
          if (e.type === 'deadline.start') oppositionDue = e.dueAt;
        }
        for (const r of mine.filter((x) => x.kind !== 'opposition')) {
          const d = r.deadline as string;
          const explicit = ctx.built.filter((e) => starts(e, d, party));
          const shift = r.kind === 'pourvoi_cassation' && oppositionDue !== undefined;
          if (explicit.length > 0 && !shift) continue;
          for (const e of explicit) replaced.add(e);
          out.push(
            ctx.start(d, {
              party,
              ...(shift ? { dayAfter: oppositionDue } : startDate ? { startDate } : {}),
            }),
          );
        }
      }
    }
  }
  for (const r of Object.values(p.remedies)) {
    if (!r.pending) continue;
    if (r.filedBy === t.event) out.push({ type: 'fact.record', fact: r.pending, value: true, visibleTo: [] });
    else if (r.decidedBy === t.event)
      out.push({ type: 'fact.record', fact: r.pending, value: false, visibleTo: [] });
  }
  return out;
}
