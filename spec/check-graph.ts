/** Graph checks on the state machine: reachability, exits, finals, stuck states, ambiguity. */
import type { BuildContext } from './build-context.ts';
import type { Condition, Deadline, Procedure, Transition } from './model.ts';

type Graph = Pick<Procedure, 'states' | 'transitions' | 'deadlines'>;

function outgoing(g: Graph): Map<string, Transition[]> {
  const out = new Map<string, Transition[]>(Object.keys(g.states).map((s) => [s, []]));
  for (const t of g.transitions) for (const f of t.from) out.get(f)?.push(t);
  return out;
}

function reach(starts: readonly string[], next: (s: string) => readonly string[]): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length > 0) {
    for (const n of next(stack.pop() as string)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

export function checkGraph(g: Graph, ctx: BuildContext, procedureLoc: Procedure['loc']): void {
  const states = Object.values(g.states);
  const out = outgoing(g);
  const initials = states.filter((s) => s.initial).map((s) => s.id);
  if (initials.length === 0) {
    ctx.error(
      'no-initial-state',
      procedureLoc,
      'Aucun état n’est marqué initial: true : aucune affaire ne peut naître.',
      'Ajoutez initial: true à l’état où commence une affaire (ex. le dépôt de la demande).',
    );
  }
  // A `stay` transition (a request, or its refusal) leaves the case where it was: it moves nothing.
  const moving = g.transitions.filter((t) => !t.stay);
  const reachable = reach(initials, (s) => (out.get(s) ?? []).flatMap((t) => (t.stay ? [] : [t.to])));
  const incoming = new Map<string, string[]>(states.map((s) => [s.id, []]));
  for (const t of moving) for (const f of t.from) incoming.get(t.to)?.push(f);
  const entering = new Map<string, Transition[]>();
  for (const t of moving) {
    const list = entering.get(t.to);
    if (list) list.push(t);
    else entering.set(t.to, [t]);
  }
  const firedBy = new Map<string, Deadline[]>();
  for (const d of Object.values(g.deadlines)) {
    if (d.onExpiry.event) firedBy.set(d.onExpiry.event, [...(firedBy.get(d.onExpiry.event) ?? []), d]);
  }
  const finals = states.filter((s) => s.final).map((s) => s.id);
  const canFinish = reach(finals, (s) => incoming.get(s) ?? []);
  for (const s of states) {
    const all = out.get(s.id) ?? [];
    const exits = all.filter((t) => !t.stay);
    if (initials.length > 0 && !reachable.has(s.id)) {
      ctx.error(
        'unreachable-state',
        s.loc,
        `L’état « ${s.id} » n’est atteint par aucune transition depuis un état initial.`,
        `Ajoutez une transition dont to: est ${s.id}, ou supprimez cet état.`,
      );
    }
    if (s.final && all.length > 0) {
      const t = all[0] as Transition;
      ctx.error(
        'final-state-exit',
        t.loc,
        `L’état final « ${s.id} » a une transition sortante (« ${t.event} »).`,
        'Retirez final: true de l’état, ou cette transition.',
      );
    }
    if (!s.final && exits.length === 0) {
      ctx.error(
        'dead-end-state',
        s.loc,
        `L’état « ${s.id} » n’est pas final et aucune transition n’en sort : l’affaire y resterait bloquée.`,
        'Ajoutez une transition depuis cet état, ou marquez-le final: true avec une issue (outcome).',
      );
    } else if (!s.final && !canFinish.has(s.id)) {
      ctx.error(
        'no-final-reachable',
        s.loc,
        `Depuis l’état « ${s.id} », aucun état final ne peut être atteint.`,
        'Ajoutez un chemin vers une issue (jugement, accord, renvoi…).',
      );
    }
    if (s.final && !s.outcome) {
      ctx.warn(
        'final-without-outcome',
        s.loc,
        `L’état final « ${s.id} » n’indique pas son issue.`,
        'Ajoutez outcome: (accord, jugement, renvoi…) : le récapitulatif et les statistiques en ont besoin.',
      );
    }
    checkStuck(g, ctx, s.id, exits, entering.get(s.id) ?? [], firedBy);
  }
  checkAmbiguity(g, ctx);
}

/** A state left only by automatic transitions needs the deadline that fires them running on entry. */
function checkStuck(
  g: Graph,
  ctx: BuildContext,
  state: string,
  exits: readonly Transition[],
  entering: readonly Transition[],
  firedBy: ReadonlyMap<string, readonly Deadline[]>,
): void {
  if (exits.length === 0 || exits.some((t) => !t.automatic)) return;
  const firing = exits.flatMap((t) => firedBy.get(t.event) ?? []);
  const started = firing.some((d) =>
    entering.every((t) => t.effects.some((e) => e.kind === 'start' && e.deadline === d.id)),
  );
  if (!started) {
    const s = g.states[state];
    if (!s) return;
    ctx.error(
      'stuck-state',
      s.loc,
      `Dans l’état « ${state} », personne ne peut agir et aucun délai lancé à l’entrée ne fait avancer l’affaire.`,
      'Faites démarrer (start:) le délai qui déclenche la sortie automatique par chaque transition qui entre dans cet état, ou ajoutez une action pour un rôle.',
    );
  }
}

/** `equal` conditions at the top of a `when` (alone or under `all`): fact → value. */
function equalities(c: Condition | undefined): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (!c) return m;
  const list = 'all' in c ? c.all : [c];
  for (const x of list) if ('fact' in x && x.operator === 'equal') m.set(x.fact, x.value);
  return m;
}

function exclusive(a: Transition, b: Transition): boolean {
  const ea = equalities(a.when);
  for (const [fact, v] of equalities(b.when)) {
    if (ea.has(fact) && JSON.stringify(ea.get(fact)) !== JSON.stringify(v)) return true;
  }
  return false;
}

function checkAmbiguity(g: Graph, ctx: BuildContext): void {
  const byEvent = new Map<string, Transition[]>();
  for (const t of g.transitions) {
    const list = byEvent.get(t.event);
    if (list) list.push(t);
    else byEvent.set(t.event, [t]);
  }
  for (const group of byEvent.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as Transition;
        const b = group[j] as Transition;
        const shared = a.from.find((s) => b.from.includes(s));
        if (shared === undefined || exclusive(a, b)) continue;
        const guarded = (a.when || a.guard.length > 0) && (b.when || b.guard.length > 0);
        const msg = `Les transitions « ${a.event} » (ligne ${a.loc.line}) et (ligne ${b.loc.line}) partent toutes deux de « ${shared} »`;
        const hint =
          'Donnez à chacune une condition when: avec equal sur le même fait et des valeurs différentes, ou renommez l’un des événements.';
        if (guarded)
          ctx.warn(
            'ambiguous-transition',
            b.loc,
            `${msg} et leurs conditions peuvent être vraies ensemble.`,
            hint,
          );
        else ctx.error('ambiguous-transition', b.loc, `${msg} sans condition qui les départage.`, hint);
      }
    }
  }
}
