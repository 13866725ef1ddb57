/**
 * `filing-undeclared` (language v2, draft versions only): the contradictory principle is not opt-in.
 * A party's act that the judge may decide on — a judicial decision can be made from the state it leads
 * to, directly or after steps no party takes (a timer, a registry's or an auxiliary's step, a measure of
 * judicial administration), so without any party acting again — is either declared `filing:` (the other parties are notified and have a time to answer before any
 * decision: Code de procédure civile, art. 15 et 16, checked by `decision-before-answer`) or states
 * why it is not one (`filing_exempt: <raison>`).
 *
 * Published versions are frozen (a correction is a new version): they are not reported, as for
 * `second-person-label` (spec/check-labels.ts).
 */
import type { BuildContext } from './build-context.ts';
import { isLanguageV2, type Procedure, type Transition, targetOf } from './model.ts';

type Parts = Pick<Procedure, 'states' | 'transitions' | 'roles' | 'remedies'>;

export function checkFilingsDeclared(p: Parts, ctx: BuildContext): void {
  if (!isLanguageV2(p)) return;
  const parties = new Set(
    Object.values(p.roles)
      .filter((r) => r.kind === 'partie')
      .map((r) => r.id),
  );
  const byParty = (t: Transition) => !t.automatic && t.roles.some((r) => parties.has(r));
  const judicial = (t: Transition) =>
    t.decision !== undefined && t.decision.kind !== 'administration_judiciaire';
  const out = new Map<string, Transition[]>();
  for (const t of p.transitions) for (const f of t.from) out.set(f, [...(out.get(f) ?? []), t]);
  /** The first judicial decision that may follow `state` without any party acting again (memoised). */
  const memo = new Map<string, Transition | null>();
  const decisionAfter = (state: string): Transition | undefined => {
    const known = memo.get(state);
    if (known !== undefined) return known ?? undefined;
    const seen = new Set([state]);
    const work = [state];
    let found: Transition | undefined;
    while (work.length > 0 && !found) {
      const s = work.shift() as string;
      const next = out.get(s) ?? [];
      found = next.find(judicial);
      if (found) break;
      for (const t of next) {
        if (byParty(t)) continue;
        const to = targetOf(t, s);
        if (!seen.has(to) && !p.states[to]?.final) {
          seen.add(to);
          work.push(to);
        }
      }
    }
    memo.set(state, found ?? null);
    return found;
  };
  for (const t of p.transitions) {
    if (!byParty(t) || t.filing || t.filingExempt !== undefined || t.decision) continue;
    for (const f of t.from) {
      const to = targetOf(t, f);
      if (p.states[to]?.final) continue;
      const d = decisionAfter(to);
      if (!d) continue;
      ctx.error(
        'filing-undeclared',
        t.loc,
        `L’acte « ${t.event} » d’une partie peut être suivi de la décision « ${d.event} » (depuis « ${to} ») sans que les autres parties en aient connaissance ni un délai pour y répondre (Code de procédure civile, art. 15 et 16).`,
        `Déclarez-le filing: { answer: <délai de réponse> } (avec l’effet start: de ce délai et un notify: à chaque partie), ou écrivez filing_exempt: "<raison>" s’il n’appelle pas de réponse.`,
      );
      break;
    }
  }
}
