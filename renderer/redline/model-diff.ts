/**
 * What changed between two versions of a procedure, item by item: each item
 * (parameter, state, act, deadline, rule, form field…) is described as a few
 * French properties, and the two descriptions are compared. Items are matched
 * by id; acts, which have none, by their event and target state.
 */
import type {
  Deadline,
  Effect,
  Form,
  Procedure,
  Remedy,
  Rule,
  RuleSet,
  State,
  Transition,
} from '../../spec/index.ts';
import { formatParameter, joinFr, renderTemplate } from '../../spec/index.ts';
import { formFields } from '../site/form-fields.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One property of an item, before and after (absent on the side where the item does not exist). */
export interface PropertyChange {
  readonly property: string;
  readonly before?: string;
  readonly after?: string;
}

export interface ItemChange {
  readonly kind: ChangeKind;
  readonly id: string;
  /** The item's label in the newer version (the older one for a removed item). */
  readonly label: string;
  /** Changed properties; for an added or removed item, every property it has. */
  readonly properties: readonly PropertyChange[];
}

export interface FormChange extends ItemChange {
  /** Fields added, removed or changed (by path: "demandeur.nom"). */
  readonly fields: readonly ItemChange[];
}

export interface ProcedureDiff {
  readonly before: Procedure;
  readonly after: Procedure;
  readonly parameters: readonly ItemChange[];
  readonly roles: readonly ItemChange[];
  readonly phases: readonly ItemChange[];
  readonly states: readonly ItemChange[];
  readonly transitions: readonly ItemChange[];
  readonly deadlines: readonly ItemChange[];
  readonly remedies: readonly ItemChange[];
  readonly documents: readonly ItemChange[];
  readonly rules: readonly ItemChange[];
  readonly forms: readonly FormChange[];
}

/** An item as compared: its label and its properties in French (a property left undefined is absent). */
interface Described {
  readonly label: string;
  readonly props: Readonly<Record<string, string | undefined>>;
}

const yesNo = (b: boolean | undefined): string => (b ? 'oui' : 'non');
/** A drafter's text with its `${parameter}` placeholders filled in, as the annex shows it. */
const tpl = (p: Procedure, s: string | undefined): string | undefined =>
  s === undefined ? s : renderTemplate(s, p);
const list = (xs: readonly string[]): string | undefined => (xs.length ? joinFr(xs) : undefined);
const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

function compare<T>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  describeBefore: (x: T) => Described,
  describeAfter: (x: T) => Described = describeBefore,
): ItemChange[] {
  const out: ItemChange[] = [];
  const present = (d: Described, side: 'before' | 'after'): PropertyChange[] =>
    Object.entries(d.props)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([property, v]) => ({ property, [side]: v }));
  for (const [id, b] of after) {
    const a = before.get(id);
    const db = describeAfter(b);
    if (a === undefined) {
      out.push({ kind: 'added', id, label: db.label, properties: present(db, 'after') });
      continue;
    }
    const da = describeBefore(a);
    const names = [...new Set([...Object.keys(da.props), ...Object.keys(db.props)])];
    const properties = names
      .filter((n) => (da.props[n] ?? '') !== (db.props[n] ?? ''))
      .map((n) => ({
        property: n,
        ...(da.props[n] !== undefined && { before: da.props[n] }),
        ...(db.props[n] !== undefined && { after: db.props[n] }),
      }));
    if (properties.length) out.push({ kind: 'changed', id, label: db.label, properties });
  }
  for (const [id, a] of before) {
    if (after.has(id)) continue;
    const da = describeBefore(a);
    out.push({ kind: 'removed', id, label: da.label, properties: present(da, 'before') });
  }
  return out;
}

const byId = <T>(r: Readonly<Record<string, T>>): Map<string, T> => new Map(Object.entries(r));

/** "demander_renvoi → renvoi" or "demander_renvoi (reste)": how an act is matched across versions. */
export function transitionKey(t: Transition): string {
  return `${t.event} → ${t.stay ? '(reste dans son état)' : t.to}`;
}

/** Acts by key; two acts of a version sharing event and target get "#2", "#3"… */
export function transitionsByKey(p: Procedure): Map<string, Transition> {
  const out = new Map<string, Transition>();
  for (const t of p.transitions) {
    const base = transitionKey(t);
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base} #${n}`;
    out.set(key, t);
  }
  return out;
}

const stateLabel = (p: Procedure, id: string) => p.states[id]?.label ?? id;
const roleList = (p: Procedure, ids: readonly string[]) => list(ids.map((r) => p.roles[r]?.label ?? r));
const deadlineList = (p: Procedure, ids: readonly string[]) =>
  list(ids.map((d) => p.deadlines[d]?.label ?? d));

function effectsOf<K extends Effect['kind']>(t: Transition, kind: K): Extract<Effect, { kind: K }>[] {
  return t.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}

const describeParameter = (p: Procedure) => (x: Procedure['parameters'][string]) => ({
  label: x.label,
  props: {
    Valeur: formatParameter(x),
    Libellé: x.label,
    Description: x.description && renderTemplate(x.description, p),
  },
});

const describeState =
  (p: Procedure) =>
  (s: State): Described => ({
    label: s.label,
    props: {
      Libellé: s.label,
      Phase: p.phases[s.phase]?.label ?? s.phase,
      'État initial': yesNo(s.initial),
      'État final': yesNo(s.final),
      Issue: s.outcome,
      Description: tpl(p, s.description),
      Aide: tpl(p, s.help),
    },
  });

const describeTransition =
  (p: Procedure) =>
  (t: Transition): Described => ({
    label: t.label,
    props: {
      Libellé: t.label,
      Depuis: t.fromAny ? 'toute affaire en cours' : list(t.from.map((s) => stateLabel(p, s))),
      Vers: t.stay ? 'l’affaire reste dans son état' : stateLabel(p, t.to),
      'Fait par': t.automatic ? 'automatique' : roleList(p, t.roles),
      Formulaire: t.form ? (p.forms[t.form]?.title ?? t.form) : undefined,
      'Règles à satisfaire': list(t.guard.map((g) => p.rules.rulesets[g]?.label ?? g)),
      'Interdit si': list(t.guardUnless.map((g) => p.rules.rulesets[g]?.label ?? g)),
      'Après l’expiration de': deadlineList(p, t.after),
      'Délais ouverts': deadlineList(
        p,
        effectsOf(t, 'start').map((e) => e.deadline),
      ),
      'Délais arrêtés': deadlineList(
        p,
        effectsOf(t, 'stop').map((e) => e.deadline),
      ),
      'Parties informées': roleList(p, [...new Set(effectsOf(t, 'notify').flatMap((e) => e.roles))]),
      'Documents produits': list(
        effectsOf(t, 'produce').map((e) => p.documents[e.document]?.label ?? e.document),
      ),
      Décision: t.decision ? `${t.decision.kind} ; ${decisionRemediesFr(p, t.decision)}` : undefined,
      Condition: json(t.when),
      Texte: tpl(p, t.textFr),
      Description: tpl(p, t.description),
    },
  });

/** The remedies a decision opens, the same way in language v1 (`appeal`) and v2 (typed `remedies`). */
function decisionRemediesFr(p: Procedure, d: NonNullable<Transition['decision']>): string {
  if (d.remedies) return `recours : ${list(d.remedies.map((r) => p.remedies[r]?.label ?? r)) ?? 'aucun'}`;
  return d.appeal ? 'susceptible de recours' : 'recours : aucun';
}

const describeDeadline =
  (p: Procedure) =>
  (d: Deadline): Described => {
    const param = p.parameters[d.duration];
    return {
      label: d.label,
      props: {
        Libellé: d.label,
        Durée: param ? `${formatParameter(param)} (paramètre ${d.duration})` : d.duration,
        'À l’expiration': d.onExpiry.event,
        'Alerte à': roleList(p, d.onExpiry.alert),
        Rappels: d.reminders.length
          ? d.reminders
              .map((r) => {
                const before = p.parameters[r.before];
                return `${before ? formatParameter(before) : r.before} avant, à ${roleList(p, r.roles) ?? 'personne'}`;
              })
              .join(' ; ')
          : undefined,
        'Par partie': d.perParty ? 'oui' : undefined,
        Description: tpl(p, d.description),
      },
    };
  };

const describeRemedy =
  (p: Procedure) =>
  (r: Remedy): Described => {
    const time = r.time ? p.parameters[r.time] : undefined;
    return {
      label: r.label,
      props: {
        Libellé: r.label,
        Nature: r.kind,
        Délai: time ? formatParameter(time) : r.time,
        'Point de départ': r.startsOn,
        Suspensif: yesNo(r.suspensive),
        'Ouvert à': roleList(p, r.by),
        'Porté devant': r.before,
        'Comment l’exercer': tpl(p, r.exercise),
        Description: tpl(p, r.description),
      },
    };
  };

const describeRuleset = (rs: RuleSet): Described => ({
  label: rs.label,
  props: {
    Libellé: rs.label,
    Combinaison: rs.combine === 'all' ? 'toutes les règles' : 'l’une des règles',
    Faits: list(rs.facts),
    Description: rs.description,
    Fondement: rs.basis,
  },
});

const describeRule = (r: Rule): Described => ({
  label: r.label ?? r.id,
  props: {
    Libellé: r.label,
    Conditions: json(r.conditions),
    Explication: r.explanation,
    'En cas d’échec': r.failure,
    Fondement: r.basis,
    Texte: r.textFr,
  },
});

/** Rule sets, their rules ("ruleset/rule") and the facts' schemas ("fait fact"), in one list. */
function rulesItems(p: Procedure): Map<string, Described> {
  const out = new Map<string, Described>();
  for (const rs of Object.values(p.rules.rulesets)) {
    out.set(`ensemble ${rs.id}`, describeRuleset(rs));
    for (const r of rs.rules) out.set(`règle ${rs.id}/${r.id}`, describeRule(r));
  }
  for (const [fact, schema] of Object.entries(p.rules.facts))
    out.set(`fait ${fact}`, {
      label: typeof schema.title === 'string' ? schema.title : fact,
      props: { Schéma: json(schema) },
    });
  return out;
}

function fieldItems(p: Procedure, f: Form): Map<string, Described> {
  return new Map(
    formFields(p, f).map((r) => [
      r.path,
      {
        label: r.title,
        props: {
          Question: r.title,
          Aide: r.description,
          'Réponse attendue': r.answer,
          Obligatoire: r.required,
          Affichage: r.shown.length ? r.shown.join(' ; ') : 'toujours',
          Section: r.section,
        },
      },
    ]),
  );
}

function diffForms(a: Procedure, b: Procedure): FormChange[] {
  const describe = (p: Procedure) => (f: Form) => ({
    label: renderTemplate(f.title, p),
    props: {
      Titre: renderTemplate(f.title, p),
      Description: f.description && renderTemplate(f.description, p),
      Aide: f.help && renderTemplate(f.help, p),
    },
  });
  const ids = new Set([...Object.keys(a.forms), ...Object.keys(b.forms)]);
  const out: FormChange[] = [];
  const top = new Map(
    compare(byId(a.forms), byId(b.forms), describe(a), describe(b)).map((c) => [c.id, c] as const),
  );
  const id = (d: Described) => d;
  for (const formId of ids) {
    const fa = a.forms[formId];
    const fb = b.forms[formId];
    const fields = compare(
      fa ? fieldItems(a, fa) : new Map<string, Described>(),
      fb ? fieldItems(b, fb) : new Map<string, Described>(),
      id,
    );
    const head = top.get(formId);
    if (!head && !fields.length) continue;
    const form = (fb ?? fa) as Form;
    out.push({
      kind: head?.kind ?? 'changed',
      id: formId,
      label: head?.label ?? renderTemplate(form.title, fb ? b : a),
      properties: head?.properties ?? [],
      fields,
    });
  }
  return out;
}

/**
 * Compares two loaded versions (the older first).
 * @example diffProcedures(v100, v110).parameters // [{ kind: 'changed', id: 'seuil', … }]
 */
export function diffProcedures(before: Procedure, after: Procedure): ProcedureDiff {
  const both = <T>(
    pick: (p: Procedure) => Readonly<Record<string, T>>,
    describe: (p: Procedure) => (x: T) => Described,
  ) => compare(byId(pick(before)), byId(pick(after)), describe(before), describe(after));
  const plain = (x: { label: string; description?: string }) => ({
    label: x.label,
    props: { Libellé: x.label, Description: x.description },
  });
  const id = (d: Described) => d;
  return {
    before,
    after,
    parameters: both((p) => p.parameters, describeParameter),
    roles: both(
      (p) => p.roles,
      () => (r) => ({
        label: r.label,
        props: {
          Libellé: r.label,
          Nature: r.kind,
          Facultatif: yesNo(r.optional),
          Description: r.description,
        },
      }),
    ),
    phases: both(
      (p) => p.phases,
      () => (ph) => ({
        label: ph.label,
        props: { Libellé: ph.label, Rang: String(ph.order + 1), Description: ph.description },
      }),
    ),
    states: both((p) => p.states, describeState),
    transitions: compare(
      transitionsByKey(before),
      transitionsByKey(after),
      describeTransition(before),
      describeTransition(after),
    ),
    deadlines: both((p) => p.deadlines, describeDeadline),
    remedies: both((p) => p.remedies, describeRemedy),
    documents: both(
      (p) => p.documents,
      () => plain,
    ),
    rules: compare(rulesItems(before), rulesItems(after), id),
    forms: diffForms(before, after),
  };
}
