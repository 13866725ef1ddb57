/**
 * CPC art. 14 ("Nulle partie ne peut être jugée sans avoir été entendue ou
 * appelée") and art. 16: every decision against a party is reached only on
 * paths where that party was first summoned, then heard (or put in a position
 * to be heard). A must-analysis over the state graph: for each state, the facts
 * true on every path from an initial state; sets only shrink, so it ends.
 *
 * Language v2 (a procedure declaring `remedies:`): a party is heard only by
 * his own act, never by a time running out (`hears-on-timer`); a judgment
 * that may be given against a summoned party who never acted must compute its
 * character (CPC art. 473–474, `decision.character`) instead of pretending he
 * was heard (`default-judgment-unhandled`).
 *
 * CPC art. 17: a measure the law lets a judge order without a party's knowledge (an order on
 * request, an injonction de payer) is declared `decision.ex_parte: [party]`; the party need not
 * have been summoned, but the decision must open him an appropriate remedy among its `remedies`
 * (`ex-parte-without-remedy`), and he must be one the decision is against (`ex-parte-not-against`).
 */
import type { BuildContext } from './build-context.ts';
import { isLanguageV2, type Procedure, type Transition, targetOf } from './model.ts';

type Graph = Pick<Procedure, 'states' | 'transitions' | 'roles' | 'remedies'>;

export function checkHearing(g: Graph, ctx: BuildContext): void {
  const v2 = isLanguageV2(g);
  if (v2) {
    for (const t of g.transitions) {
      if (!t.automatic || t.hears.length === 0) continue;
      ctx.error(
        'hears-on-timer',
        t.loc,
        `La transition automatique « ${t.event} » tient « ${t.hears.join(', ')} » pour entendu : une partie n’est entendue que par son propre acte, jamais par l’expiration d’un délai.`,
        'Retirez hears: de cette transition ; placez-le sur l’acte de la partie (sa défense, ses observations). Le jugement rendu contre une partie qui n’a pas agi calcule son caractère (decision.character).',
      );
    }
  }
  checkExParte(g, ctx);
  const parties = Object.values(g.roles).map((r) => r.id);
  const bit = new Map(
    parties.flatMap((p, i) => [[`s:${p}`, 1 << (2 * i)] as const, [`h:${p}`, 1 << (2 * i + 1)] as const]),
  );
  const all = (1 << (2 * parties.length)) - 1;
  const known = new Map<string, number>();
  for (const s of Object.values(g.states)) known.set(s.id, s.initial ? 0 : all);
  const out = new Map<string, Transition[]>();
  for (const t of g.transitions) {
    for (const f of t.from) {
      const list = out.get(f);
      if (list) list.push(t);
      else out.set(f, [t]);
    }
  }
  const apply = (t: Transition, before: number): number => {
    let after = before;
    for (const p of t.summons) after |= bit.get(`s:${p}`) ?? 0;
    if (v2 && t.automatic) return after;
    for (const p of t.hears) if (after & (bit.get(`s:${p}`) ?? 0)) after |= bit.get(`h:${p}`) ?? 0;
    return after;
  };
  const work = Object.values(g.states)
    .filter((s) => s.initial)
    .map((s) => s.id);
  const reached = new Set(work);
  while (work.length > 0) {
    const s = work.pop() as string;
    const here = known.get(s) as number;
    for (const t of out.get(s) ?? []) {
      const to = targetOf(t, s);
      const prev = known.get(to);
      if (prev === undefined) continue;
      const next = prev & apply(t, here);
      if (next !== prev || !reached.has(to)) {
        reached.add(to);
        known.set(to, next);
        work.push(to);
      }
    }
  }
  for (const t of g.transitions) {
    if (!t.decision || t.decision.kind === 'administration_judiciaire') continue;
    for (const p of t.decision.against) {
      if (t.decision.exParte?.includes(p)) continue; // CPC art. 17: checked by checkExParte
      for (const f of t.from) {
        const k = known.get(f);
        if (k === undefined || !reached.has(f)) continue; // unreachable: reported elsewhere
        const summoned = (k & (bit.get(`s:${p}`) ?? 0)) !== 0;
        const heard = (k & (bit.get(`h:${p}`) ?? 0)) !== 0;
        if (summoned && heard) continue;
        if (v2 && summoned) {
          // Summoned, perhaps never heard: CPC art. 14 is met ("entendue ou appelée"); a judgment must say its character.
          if (t.decision.kind !== 'jugement' || t.decision.character?.party === p) continue;
          ctx.error(
            'default-judgment-unhandled',
            t.loc,
            `Le jugement « ${t.event} » peut être rendu contre « ${p} » depuis « ${f} » alors qu’il n’a jamais agi : son caractère (contradictoire, réputé contradictoire ou par défaut) n’est pas calculé (Code de procédure civile, art. 473 et 474).`,
            `Ajoutez decision.character: { party: ${p}, fact: <fait>, last_resort: true|false } et ouvrez l’opposition (remedies) contre le jugement par défaut.`,
          );
          break;
        }
        ctx.error(
          'decision-without-hearing',
          t.loc,
          `La décision « ${t.event} » peut être rendue contre « ${p} » depuis « ${f} » sans qu’il ait été ${summoned ? 'entendu' : 'appelé'} sur tous les chemins (CPC, art. 14).`,
          v2
            ? `Sur chaque chemin menant à « ${f} », une transition doit porter summons: [${p}] (la partie est appelée à l’instance).`
            : `Sur chaque chemin menant à « ${f} », une transition doit porter summons: [${p}] puis une autre hears: [${p}] (sa défense, ou l’expiration du délai pour la présenter).`,
        );
        break;
      }
    }
  }
}

/** CPC art. 17: a decision made without a party's knowledge opens him an appropriate remedy. */
function checkExParte(g: Graph, ctx: BuildContext): void {
  for (const t of g.transitions) {
    const d = t.decision;
    if (!d?.exParte) continue;
    for (const p of d.exParte) {
      if (!d.against.includes(p)) {
        ctx.error(
          'ex-parte-not-against',
          t.loc,
          `La décision « ${t.event} » est dite rendue à l’insu de « ${p} » (ex_parte), mais elle ne peut pas lui faire grief (against).`,
          `Ajoutez ${p} sous decision.against, ou retirez-le de decision.ex_parte.`,
        );
        continue;
      }
      const open = (d.remedies ?? []).some((id) => g.remedies[id]?.by.includes(p));
      if (!open)
        ctx.error(
          'ex-parte-without-remedy',
          t.loc,
          `La décision « ${t.event} » est rendue à l’insu de « ${p} » sans lui ouvrir de recours : la partie contre qui une mesure est ordonnée à son insu dispose d’un recours approprié (Code de procédure civile, art. 17).`,
          `Citez sous decision.remedies une voie de recours déclarée sous remedies: avec by: [${p}] (l’opposition, la rétractation).`,
        );
    }
  }
}
