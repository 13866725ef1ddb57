/**
 * One act (transition) of the procedure as a paragraph of the legal text:
 * who may do it, on what condition, what it is (decision, recourse), what
 * it starts (deadlines) and how it reaches the parties (service). The
 * drafter's `text.fr` replaces the whole paragraph.
 */
import type { Phase, Procedure, Transition } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import {
  DECISION_FR,
  connectorClause,
  definite,
  definiteList,
  lcFirst,
  ofDefinite,
  sentence,
  stripStop,
  toDefiniteList,
  ucFirst,
  withoutRoleMention,
} from '../french.ts';
import { deadlineDuration, deadlineFiring, homePhase, roleLabels } from '../view.ts';
import { describeCondition, onRecordedFacts } from './conditions-fr.ts';
import { artRef } from './types.ts';

export interface ActContext {
  /** Rulesets stated in the scope article: acts guarded by them refer to it. */
  readonly scopeRulesets: ReadonlySet<string>;
  /** Rulesets already stated in an earlier act's paragraph (mutated as acts are written). */
  readonly statedRulesets: Set<string>;
}

/** Phases an act may be done in, when it spans more than one. */
function phasesSpanned(p: Procedure, t: Transition): Phase[] {
  const ids = [...new Set(t.from.map((s) => p.states[s]?.phase ?? ''))];
  return ids.flatMap((id) => p.phases[id] ?? []).sort((a, b) => a.order - b.order);
}

/**
 * Where the case goes, as a decree says it: a final state ends the case
 * (its article says how), another phase continues in its article, the same
 * phase names the next stage without quoting a screen label.
 */
export function targetClause(p: Procedure, from: Transition | undefined, to: string): string {
  const state = p.states[to];
  const label = lcFirst(stripStop(state?.label ?? to));
  const phase = state?.phase;
  if (state?.final)
    return `l’affaire prend fin sur la plateforme (${label}, voir l’${artRef(`phase:${phase}`)})`;
  const home = from ? homePhase(p, from)?.id : undefined;
  if (phase && phase !== home) return `l’affaire se poursuit selon l’${artRef(`phase:${phase}`)} (${label})`;
  return `l’affaire passe au stade suivant : ${label}`;
}

/** The act's subject ("Le juge peut") and the rest of its main sentence ("homologuer le protocole."). */
function mainSentence(p: Procedure, t: Transition): { roles?: readonly string[]; body: string } {
  const when = t.when && onRecordedFacts(p, t.when) ? `, lorsque ${describeCondition(p, t.when)}` : '';
  if (!t.automatic) {
    const roles = roleLabels(p, t.roles);
    const what = lcFirst(stripStop(withoutRoleMention(t.label, roles)));
    return { roles, body: `${what}${when}.` };
  }
  const d = deadlineFiring(p, t);
  const after = d
    ? `À l’expiration ${ofDefinite(d.label)}, soit ${deadlineDuration(p, d)}`
    : 'Sans intervention d’un acteur';
  if (t.stay)
    return {
      body: `${after}${when}, l’affaire demeure à l’étape où elle se trouve.`,
    };
  return { body: `${after}${when}, ${targetClause(p, t, t.to)}.` };
}

/**
 * Questions of the act's form that become required under the act's own
 * `when` (a form `allOf: [{ if: { properties: { f: { const: v } } }, then: { required } }]`
 * matching `when: { fact: f, operator: equal, value: v }`): the act then asks them.
 */
function conditionalQuestions(p: Procedure, t: Transition): string[] {
  const form = t.form ? p.forms[t.form] : undefined;
  const when = t.when;
  if (!form || !when || !('fact' in when) || when.operator !== 'equal') return [];
  const schema = form.schema as { allOf?: unknown[]; properties?: Record<string, { title?: unknown }> };
  const titles = (schema.allOf ?? []).flatMap((c) => {
    const rule = c as {
      if?: { properties?: Record<string, { const?: unknown }> };
      then?: { required?: unknown };
    };
    if (rule.if?.properties?.[when.fact]?.const !== when.value || !Array.isArray(rule.then?.required))
      return [];
    return rule.then.required.flatMap((f) => {
      const field = schema.properties?.[String(f)] as { title?: unknown; title_legal?: unknown } | undefined;
      // Edition 2: the field's legal words (title_legal) rather than the question the screen asks.
      const legal =
        p.textEdition === 2 && typeof field?.title_legal === 'string' ? field.title_legal : undefined;
      const title = legal ?? field?.title;
      return typeof title === 'string' ? [renderTemplate(title.trim(), p)] : [];
    });
  });
  const questions = titles.filter((x) => x.endsWith('?')).map((x) => `« ${x} »`);
  const sections = titles.filter((x) => !x.endsWith('?')).map((x) => definite(stripStop(x)));
  return [
    ...(questions.length
      ? [
          `L’acte répond alors ${questions.length > 1 ? 'aux questions' : 'à la question'} ${joinFr(questions)}.`,
        ]
      : []),
    ...(sections.length ? [`L’acte mentionne alors ${joinFr(sections)}.`] : []),
  ];
}

function guardSentences(p: Procedure, t: Transition, ctx: ActContext): string[] {
  return t.guard.flatMap((g) => {
    if (ctx.scopeRulesets.has(g) || ctx.statedRulesets.has(g)) {
      return [`Les conditions prévues à l’${artRef(`ruleset:${g}`)} doivent être remplies.`];
    }
    ctx.statedRulesets.add(g);
    const rs = p.rules.rulesets[g];
    return rs?.description ? [sentence(renderTemplate(rs.description, p))] : [];
  });
}

/** Accent-free five-letter stems of a text's words of four letters or more. */
const stems = (s: string): string[] =>
  (
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[a-z]{4,}/g) ?? []
  ).map((w) => w.slice(0, 5));

/** A clause every word of which the main sentence already says ("signer électroniquement le protocole" / "le protocole est signé électroniquement"). */
export const restates = (main: string, clause: string): boolean => {
  const said = new Set(stems(main));
  const words = stems(clause);
  return words.length > 0 && words.every((w) => said.has(w));
};

/**
 * What the act's main sentence says, for `restates`: its body and, in edition 2, its subject, the
 * document it serves and the word "acte" (a paragraph about an act needs not say "par acte de…").
 */
/** All but one of the clause's words said already (a group of alternative acts leaves such a clause out). */
export const restatesMostly = (main: string, clause: string): boolean => {
  const said = new Set(stems(main));
  const words = stems(clause);
  return words.length > 2 && words.filter((w) => !said.has(w)).length <= 1;
};

function said(p: Procedure, t: Transition, body: string): string {
  if (p.textEdition !== 2) return body;
  const doc = t.service ? (p.documents[t.service.document]?.label ?? '') : '';
  return [...roleLabels(p, t.roles), doc, 'acte', body].join(' ');
}

function effectSentences(p: Procedure, t: Transition, main: string): string[] {
  const out: string[] = [];
  for (const e of t.effects) {
    if (e.kind === 'start') {
      const d = p.deadlines[e.deadline];
      if (!d) continue;
      // A per-party time runs against one party (CPC art. 528); an act's date starts it, not its recording.
      const against = e.against ? ` contre ${definite(p.roles[e.against]?.label ?? e.against)}` : '';
      const from = e.from ? ' à compter de la date de l’acte' : '';
      out.push(
        `Cet acte fait courir ${definite(d.label)}${against}, soit ${deadlineDuration(p, d)}${from} (voir l’${artRef(`delai:${d.id}`)}).`,
      );
    } else if (e.kind === 'call') {
      const doc = e.document ? p.documents[e.document]?.label : undefined;
      const clause = sentence(connectorClause(e.connector, doc, toDefiniteList(roleLabels(p, e.to))));
      if (!restates(main, clause)) out.push(clause);
    }
  }
  return out;
}

function decisionSentences(p: Procedure, t: Transition): string[] {
  if (!t.decision) return [];
  // "Cette décision est une décision d’homologation" says nothing: only a kind with its own noun is stated.
  const kind = DECISION_FR[t.decision.kind];
  const what = kind.startsWith('une décision') ? '' : `Cette décision est ${kind}.`;
  const it = what ? 'Elle' : 'Cette décision';
  const typed = t.decision.remedies;
  const recourse = typed
    ? typed.length === 0
      ? `${it} n’est susceptible d’aucun recours.`
      : `${it} peut faire l’objet des voies de recours suivantes : ${joinFr(typed.map((id) => lcFirst(p.remedies[id]?.label ?? id)))} (voir l’${artRef('recours')}).`
    : t.decision.appeal === false
      ? `${it} n’est susceptible d’aucun recours.`
      : t.decision.appeal === true
        ? `${it} peut faire l’objet d’un recours (voir l’${artRef('recours')}).`
        : '';
  return [what, recourse].filter(Boolean);
}

/** Language v2: a service states the remedies and starts their time; a filing is answered; a decision waits. */
function contradictorySentences(p: Procedure, t: Transition): string[] {
  const out: string[] = [];
  const deadline = (id: string) => p.deadlines[id];
  if (t.service)
    out.push(
      `L’acte de signification énonce les voies de recours ouvertes contre la décision, leur délai et leurs modalités d’exercice ; il fait courir leur délai contre ${definiteList(roleLabels(p, t.service.to))} (voir l’${artRef('recours')}).`,
    );
  const answer = t.filing ? deadline(t.filing.answer) : undefined;
  if (answer)
    out.push(
      `Il est communiqué à chaque partie, qui peut y répondre avant l’expiration ${ofDefinite(answer.label)}.`,
    );
  const waits = t.after.flatMap((id) => deadline(id) ?? []);
  if (waits.length)
    out.push(
      `Cet acte ne peut intervenir qu’à l’expiration ${joinFr(waits.map((d) => ofDefinite(d.label)))}, lorsque celui-ci a commencé de courir.`,
    );
  return out;
}

function partySentences(p: Procedure, t: Transition): string[] {
  const many = (ids: readonly string[], one: string, more: string) => (ids.length > 1 ? more : one);
  const who = (ids: readonly string[]) => ucFirst(definiteList(roleLabels(p, ids)));
  const summoned = (ids: readonly string[]) => `appelé${many(ids, '', 's')} à l’instance`;
  const heard = (ids: readonly string[]) => `mis en mesure d’être entendu${many(ids, '', 's')}`;
  const same = t.summons.length > 0 && t.summons.join() === t.hears.join();
  if (same)
    return [
      `${who(t.summons)} ${many(t.summons, 'est', 'sont')} ainsi ${summoned(t.summons)} et ${heard(t.hears)}.`,
    ];
  const out: string[] = [];
  if (t.summons.length)
    out.push(`${who(t.summons)} ${many(t.summons, 'est', 'sont')} ainsi ${summoned(t.summons)}.`);
  if (t.hears.length) out.push(`${who(t.hears)} ${many(t.hears, 'est', 'sont')} ainsi ${heard(t.hears)}.`);
  return out;
}

/** An act's paragraph: the roles doing it (none for an automatic act) and the rest, from the verb on. */
export interface ActText {
  readonly roles?: readonly string[];
  readonly body: string;
}

/** The full paragraph of an act's text: "Le demandeur ou le défendeur peut " + body. */
export const actTextFr = (a: ActText): string =>
  a.roles ? `${ucFirst(definiteList(a.roles, 'ou'))} peut ${a.body}` : a.body;

/** The paragraph for act `t` (`text.fr` when the drafter wrote one), split at its subject. */
export function actParagraph(
  p: Procedure,
  t: Transition,
  ctx: ActContext,
): ActText & { drafted: boolean; main?: string; rest?: readonly string[] } {
  if (t.textFr) {
    for (const g of t.guard) ctx.statedRulesets.add(g);
    return { body: renderTemplate(t.textFr, p).trim(), drafted: true };
  }
  const spanned = phasesSpanned(p, t);
  const when =
    !t.fromAny && spanned.length > 1
      ? [
          `Cet acte est possible pendant les phases prévues ${joinFr(spanned.map((ph) => `à l’${artRef(`phase:${ph.id}`)}`))}.`,
        ]
      : [];
  const main = mainSentence(p, t);
  const rest = [
    ...conditionalQuestions(p, t),
    ...when,
    ...guardSentences(p, t, ctx),
    ...decisionSentences(p, t),
    ...effectSentences(p, t, said(p, t, main.body)),
    ...contradictorySentences(p, t),
    ...partySentences(p, t),
  ];
  return {
    ...(main.roles && { roles: main.roles }),
    body: [main.body, ...rest].join(' '),
    main: main.body,
    rest,
    drafted: false,
  };
}
