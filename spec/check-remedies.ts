/**
 * Checks of the typed remedies and of the contradictory principle (language v2,
 * a procedure declaring `remedies:`):
 * - every decision types its remedies (`decision.remedies`, `[]` for none), never the v1 boolean `appeal`;
 * - a remedy is exercised by parties, its time agrees with its deadline, its time starts from a
 *   service when the platform runs it — and then an act of service serves the decision to each of
 *   those parties (CPC art. 528), stating the remedies (art. 680);
 * - a judgment whose character is computed, given in last resort, opens opposition against the
 *   judgment by default (CPC art. 571);
 * - a party's filing is notified to every party with a time to answer, and no decision is made
 *   while that time may still run (CPC art. 15–16): a must-not analysis over the state graph.
 */
import type { BuildContext } from './build-context.ts';
import { isLanguageV2, type Procedure, type Transition, targetOf } from './model.ts';

type Parts = Pick<Procedure, 'states' | 'transitions' | 'roles' | 'remedies' | 'deadlines' | 'parameters'>;

const SERVICE_CONNECTORS = new Set(['signification_electronique', 'signification_papier']);

export function checkRemedies(p: Parts, ctx: BuildContext): void {
  if (!isLanguageV2(p)) return;
  const parties = new Set(
    Object.values(p.roles)
      .filter((r) => r.kind === 'partie')
      .map((r) => r.id),
  );
  for (const r of Object.values(p.remedies)) {
    const notParty = r.by.filter((x) => !parties.has(x));
    if (notParty.length > 0)
      ctx.error(
        'remedy-by-not-party',
        r.loc,
        `La voie de recours « ${r.id} » est ouverte à « ${notParty.join(', ')} », qui n’est pas une partie.`,
        'Sous by:, citez des rôles de kind: partie ; pour les tiers, écrivez third_parties: true.',
      );
    const d = r.deadline ? p.deadlines[r.deadline] : undefined;
    if (d && r.time !== undefined && d.duration !== r.time)
      ctx.error(
        'remedy-time-mismatch',
        r.loc,
        `Le délai de la voie de recours « ${r.id} » (${r.time}) n’est pas celui du délai « ${d.id} » qu’elle fait courir (${d.duration}).`,
        `Citez le même paramètre de durée sous time: et sous la duration: du délai « ${d.id} ».`,
      );
    if (d && r.time === undefined)
      ctx.error(
        'remedy-time-mismatch',
        r.loc,
        `La voie de recours « ${r.id} » fait courir le délai « ${d.id} » sans dire son délai (time:).`,
        `Ajoutez time: ${d.duration}.`,
      );
    if (r.deadline && r.startsOn !== 'signification')
      ctx.error(
        'remedy-start-unsupported',
        r.loc,
        `La plateforme ne fait courir le délai de « ${r.id} » qu’à compter d’une signification ; starts_on: ${r.startsOn} ne peut pas être compté.`,
        'Écrivez starts_on: signification, ou retirez deadline: (le délai est alors seulement énoncé).',
      );
  }
  const decisions = p.transitions.filter((t) => t.decision);
  for (const t of decisions) {
    const dec = t.decision as NonNullable<Transition['decision']>;
    if (dec.appeal !== undefined)
      ctx.error(
        'appeal-boolean',
        t.loc,
        `La décision « ${t.event} » dit appeal: ${dec.appeal} : une procédure qui déclare ses voies de recours les type sous decision.remedies.`,
        'Remplacez appeal: par remedies: [<voies de recours ouvertes>] (remedies: [] si aucune).',
      );
    else if (dec.remedies === undefined)
      ctx.error(
        'decision-without-remedies',
        t.loc,
        `La décision « ${t.event} » ne dit pas ses voies de recours.`,
        'Ajoutez remedies: [<voies de recours ouvertes>] sous decision (remedies: [] si aucune).',
      );
    const kinds = (dec.remedies ?? []).map((id) => p.remedies[id]).filter((r) => r !== undefined);
    const c = dec.character;
    // A decision that opens no remedy at all (a provisional judgment, replaced by the final one) opens no opposition either.
    if (c?.lastResort && kinds.length > 0) {
      const opposition = kinds.some(
        (r) =>
          r.kind === 'opposition' &&
          r.by.includes(c.party) &&
          (r.characters.length === 0 || r.characters.includes('par_defaut')),
      );
      if (!opposition)
        ctx.error(
          'default-without-opposition',
          t.loc,
          `Le jugement « ${t.event} » peut être rendu par défaut contre « ${c.party} » sans que l’opposition lui soit ouverte (Code de procédure civile, art. 571).`,
          `Citez sous decision.remedies une voie de recours de kind: opposition, by: [${c.party}], characters: [par_defaut].`,
        );
    }
  }
  checkServices(p, decisions, ctx);
  checkFilings(p, parties, ctx);
}

/** Documents produced by decisions that have remedies → those decisions. */
function decisionsByDocument(decisions: readonly Transition[]): Map<string, Transition[]> {
  const m = new Map<string, Transition[]>();
  for (const t of decisions) {
    if ((t.decision?.remedies ?? []).length === 0) continue;
    for (const e of t.effects) if (e.kind === 'produce') m.set(e.document, [...(m.get(e.document) ?? []), t]);
  }
  return m;
}

function checkServices(p: Parts, decisions: readonly Transition[], ctx: BuildContext): void {
  const byDocument = decisionsByDocument(decisions);
  const served = new Map<string, Set<string>>();
  for (const t of p.transitions) {
    if (t.service) {
      if (!byDocument.has(t.service.document))
        ctx.error(
          'service-without-decision',
          t.loc,
          `L’acte « ${t.event} » signifie « ${t.service.document} », qu’aucune décision ouverte à un recours ne produit.`,
          'Sous service.document:, citez le document que produit la décision signifiée.',
        );
      const set = served.get(t.service.document) ?? new Set<string>();
      for (const r of t.service.to) set.add(r);
      served.set(t.service.document, set);
      continue;
    }
    const serves = t.effects.find(
      (e) =>
        e.kind === 'call' &&
        SERVICE_CONNECTORS.has(e.connector) &&
        e.document !== undefined &&
        byDocument.has(e.document),
    );
    if (serves?.kind === 'call')
      ctx.error(
        'service-without-statement',
        t.loc,
        `La transition « ${t.event} » signifie « ${serves.document} » sans être déclarée acte de signification : l’acte n’énoncerait pas les voies de recours et leur délai ne courrait pas (Code de procédure civile, art. 680).`,
        `Ajoutez service: { document: ${serves.document}, to: [${serves.to.join(', ')}] }.`,
      );
  }
  for (const [document, list] of byDocument) {
    for (const t of list) {
      for (const id of t.decision?.remedies ?? []) {
        const r = p.remedies[id];
        if (!r?.deadline) continue;
        const missing = r.by.filter((x) => !served.get(document)?.has(x));
        if (missing.length > 0)
          ctx.error(
            'remedy-never-served',
            t.loc,
            `Le délai de « ${r.id} » court de la signification faite à chaque partie (Code de procédure civile, art. 528), mais « ${document} » n’est jamais signifié à « ${missing.join(', ')} ».`,
            `Ajoutez une transition avec service: { document: ${document}, to: [${missing.join(', ')}] }.`,
          );
      }
    }
  }
}

/**
 * Filings (`filing:`): every party is notified and the answer deadline starts; no
 * decision while an answer deadline may run unless the decision waits for it (`after:`).
 */
function checkFilings(p: Parts, parties: ReadonlySet<string>, ctx: BuildContext): void {
  const answers = new Set<string>();
  for (const t of p.transitions) {
    if (!t.filing) continue;
    answers.add(t.filing.answer);
    const notified = new Set(t.effects.flatMap((e) => (e.kind === 'notify' ? e.roles : [])));
    const missing = [...parties].filter((x) => !notified.has(x));
    if (missing.length > 0)
      ctx.error(
        'filing-not-notified',
        t.loc,
        `L’acte « ${t.event} » n’est pas notifié à « ${missing.join(', ')} » : chaque partie doit en avoir connaissance pour y répondre (Code de procédure civile, art. 15 et 16).`,
        `Ajoutez un effet notify: { roles: [${missing.join(', ')}], … } annonçant le délai de réponse.`,
      );
    if (!t.effects.some((e) => e.kind === 'start' && e.deadline === t.filing?.answer))
      ctx.error(
        'filing-without-answer-time',
        t.loc,
        `L’acte « ${t.event} » ne fait pas courir le délai de réponse « ${t.filing.answer} » qu’il annonce.`,
        `Ajoutez l’effet start: ${t.filing.answer}.`,
      );
  }
  if (answers.size === 0) return;
  // May-analysis: the answer deadlines that may be running on entering each state, as bit masks.
  // BigInt, not number: `1 << i` wraps at 32 deadlines and would alias two of them.
  const ids = [...answers];
  const bit = new Map(ids.map((d, i) => [d, 1n << BigInt(i)] as const));
  const bitOf = (d: string): bigint => bit.get(d) ?? 0n;
  const firedBy = new Map<string, bigint>();
  for (const d of ids) {
    const ev = p.deadlines[d]?.onExpiry.event;
    if (ev) firedBy.set(ev, (firedBy.get(ev) ?? 0n) | bitOf(d));
  }
  const running = new Map<string, bigint>(Object.keys(p.states).map((s) => [s, 0n]));
  const out = new Map<string, Transition[]>();
  for (const t of p.transitions) for (const f of t.from) out.set(f, [...(out.get(f) ?? []), t]);
  const apply = (t: Transition, before: bigint): bigint => {
    let after = before;
    if (t.automatic) after &= ~(firedBy.get(t.event) ?? 0n);
    for (const d of t.after) after &= ~bitOf(d); // it fired only once they ran out
    for (const e of t.effects) {
      if (e.kind === 'stop') after &= ~bitOf(e.deadline);
      else if (e.kind === 'start') after |= bitOf(e.deadline);
    }
    if (!t.stay && p.states[t.to]?.final) after = 0n;
    return after;
  };
  const work = Object.values(p.states)
    .filter((s) => s.initial)
    .map((s) => s.id);
  const reached = new Set(work);
  while (work.length > 0) {
    const s = work.pop() as string;
    for (const t of out.get(s) ?? []) {
      const to = targetOf(t, s);
      const prev = running.get(to) ?? 0n;
      const next = prev | apply(t, running.get(s) ?? 0n);
      if (next !== prev || !reached.has(to)) {
        reached.add(to);
        running.set(to, next);
        work.push(to);
      }
    }
  }
  for (const t of p.transitions) {
    if (!t.decision || t.decision.kind === 'administration_judiciaire') continue;
    for (const f of t.from) {
      const may = ids.filter((d) => ((running.get(f) ?? 0n) & bitOf(d)) !== 0n && !t.after.includes(d));
      if (may.length === 0) continue;
      ctx.error(
        'decision-before-answer',
        t.loc,
        `La décision « ${t.event} » peut être rendue depuis « ${f} » alors que le délai de réponse « ${may.join(', ')} » court encore : une partie n’aurait pas pu répondre (Code de procédure civile, art. 16).`,
        `Ajoutez after: [${may.join(', ')}] à la décision (elle attend la fin du délai), ou faites passer l’affaire par un état que seule l’expiration du délai atteint.`,
      );
      break;
    }
  }
}
