/**
 * One act (transition) of the procedure as a paragraph of the legal text:
 * who may do it, on what condition, what it is (decision, recourse), what
 * it starts (deadlines) and how it reaches the parties (service). The
 * drafter's `text.fr` replaces the whole paragraph.
 */
import type { Procedure, Transition } from '../../spec/index.ts';
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
import { deadlineDuration, deadlineFiring, roleLabels } from '../view.ts';
import { describeCondition, onRecordedFacts } from './conditions-fr.ts';
import { artRef } from './types.ts';

export interface ActContext {
  /** Rulesets stated in the scope article: acts guarded by them refer to it. */
  readonly scopeRulesets: ReadonlySet<string>;
  /** Rulesets already stated in an earlier act's paragraph (mutated as acts are written). */
  readonly statedRulesets: Set<string>;
}

/** Phases an act may be done in, when it spans more than one. */
function phasesSpanned(p: Procedure, t: Transition): string[] {
  const ids = [...new Set(t.from.map((s) => p.states[s]?.phase ?? ''))];
  return ids
    .flatMap((id) => p.phases[id] ?? [])
    .sort((a, b) => a.order - b.order)
    .map((ph) => ph.label);
}

function mainSentence(p: Procedure, t: Transition): string {
  const form = t.form ? p.forms[t.form] : undefined;
  const how = form ? `, au moyen du formulaire « ${stripStop(renderTemplate(form.title, p))} »` : '';
  const when = t.when && onRecordedFacts(p, t.when) ? `, lorsque ${describeCondition(p, t.when)}` : '';
  if (!t.automatic) {
    const roles = roleLabels(p, t.roles);
    const what = lcFirst(stripStop(withoutRoleMention(t.label, roles)));
    return `${ucFirst(definiteList(roles, 'ou'))} peut ${what}${how}${when}.`;
  }
  const d = deadlineFiring(p, t);
  const after = d
    ? `À l’expiration ${ofDefinite(d.label)}, soit ${deadlineDuration(p, d)}`
    : 'Sans intervention d’un acteur';
  if (t.stay)
    return `${after}${when}, ${lcFirst(stripStop(t.label))} ; l’affaire demeure à l’étape où elle se trouve.`;
  const target = p.states[t.to]?.label ?? t.to;
  return `${after}${when}, l’affaire passe à l’étape « ${stripStop(target)} ».`;
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
      const title = schema.properties?.[String(f)]?.title;
      return typeof title === 'string' ? [renderTemplate(title.trim(), p)] : [];
    });
  });
  const questions = titles.filter((x) => x.endsWith('?')).map((x) => `« ${x} »`);
  const sections = titles.filter((x) => !x.endsWith('?')).map((x) => `« ${stripStop(x)} »`);
  return [
    ...(questions.length ? [`Le formulaire demande alors : ${joinFr(questions)}.`] : []),
    ...(sections.length
      ? [
          `Le formulaire exige alors ${sections.length > 1 ? 'les rubriques' : 'la rubrique'} ${joinFr(sections)}.`,
        ]
      : []),
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

function effectSentences(p: Procedure, t: Transition): string[] {
  const out: string[] = [];
  for (const e of t.effects) {
    if (e.kind === 'start') {
      const d = p.deadlines[e.deadline];
      if (!d) continue;
      out.push(
        `Cet acte fait courir ${definite(d.label)}, soit ${deadlineDuration(p, d)} (voir l’${artRef(`delai:${d.id}`)}).`,
      );
    } else if (e.kind === 'call') {
      const doc = e.document ? p.documents[e.document]?.label : undefined;
      out.push(sentence(connectorClause(e.connector, doc, toDefiniteList(roleLabels(p, e.to)))));
    }
  }
  return out;
}

function decisionSentences(p: Procedure, t: Transition): string[] {
  if (!t.decision) return [];
  const typed = t.decision.remedies;
  const recourse = typed
    ? typed.length === 0
      ? 'Elle n’est susceptible d’aucun recours.'
      : `Elle peut faire l’objet des voies de recours suivantes : ${joinFr(typed.map((id) => lcFirst(p.remedies[id]?.label ?? id)))} (voir l’${artRef('recours')}).`
    : t.decision.appeal === false
      ? 'Elle n’est susceptible d’aucun recours.'
      : t.decision.appeal === true
        ? `Elle peut faire l’objet d’un recours (voir l’${artRef('recours')}).`
        : '';
  return [`Cette décision est ${DECISION_FR[t.decision.kind]}.`, recourse].filter(Boolean);
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

/** The paragraph for act `t`; `text.fr` when the drafter wrote one. */
export function actParagraph(p: Procedure, t: Transition, ctx: ActContext): string {
  if (t.textFr) {
    for (const g of t.guard) ctx.statedRulesets.add(g);
    return renderTemplate(t.textFr, p).trim();
  }
  const spanned = phasesSpanned(p, t);
  const when =
    !t.fromAny && spanned.length > 1
      ? [`Cet acte est possible pendant les phases ${joinFr(spanned.map((l) => `« ${l} »`))}.`]
      : [];
  return [
    mainSentence(p, t),
    ...conditionalQuestions(p, t),
    ...when,
    ...guardSentences(p, t, ctx),
    ...decisionSentences(p, t),
    ...effectSentences(p, t),
    ...contradictorySentences(p, t),
    ...partySentences(p, t),
  ].join(' ');
}
