/**
 * One article per phase (its acts, in the spec's order), one for the acts
 * possible at several stages (written `from: "*"` or spanning three phases
 * or more: referral, withdrawal…), and the outcomes for a phase of final
 * states only.
 */
import type { Phase, Procedure, Transition } from '../../spec/index.ts';
import { renderTemplate } from '../../spec/index.ts';
import { describedItem, sentence } from '../french.ts';
import { homePhase, isTransversal, orderedPhases, statesOf } from '../view.ts';
import { type ActContext, actParagraph, actTextFr } from './act-paragraph.ts';
import { specRef } from './refs.ts';
import type { ArticleDraft, Block } from './types.ts';

/**
 * Writes the acts' paragraphs; returns them with the rulesets first stated there.
 * Acts whose paragraphs differ only by who does them ("le demandeur peut signer…",
 * "le défendeur peut signer…") are one paragraph naming every role: a decree
 * does not repeat a sentence for each party.
 */
function acts(
  p: Procedure,
  ts: readonly Transition[],
  ctx: ActContext,
): { blocks: Block[]; rulesets: string[] } {
  const before = new Set(ctx.statedRulesets);
  const merged: { roles?: string[]; body: string; ts: Transition[]; drafted: boolean }[] = [];
  for (const t of ts) {
    const a = actParagraph(p, t, ctx);
    const same = a.roles && merged.find((m) => m.roles && !m.drafted && m.body === a.body);
    if (same?.roles) {
      for (const r of a.roles ?? []) if (!same.roles.includes(r)) same.roles.push(r);
      same.ts.push(t);
    } else
      merged.push({ ...(a.roles && { roles: [...a.roles] }), body: a.body, ts: [t], drafted: a.drafted });
  }
  const blocks = merged.map(
    (m): Block => ({
      kind: 'p',
      text: actTextFr(m),
      anchor: `acte-${m.ts[0]?.index}`,
      keys: m.ts.map((t) => `acte:${t.index}`),
      ...(m.ts[0] && { loc: m.ts[0].loc }),
      drafted: m.drafted,
    }),
  );
  return { blocks, rulesets: [...ctx.statedRulesets].filter((g) => !before.has(g)) };
}

function phaseArticle(p: Procedure, phase: Phase, ctx: ActContext): ArticleDraft | undefined {
  const ts = p.transitions.filter((t) => !isTransversal(p, t) && homePhase(p, t)?.id === phase.id);
  const states = statesOf(p, phase.id);
  const intro = phase.textFr ?? phase.description;
  const blocks: Block[] = intro
    ? [{ kind: 'p', text: sentence(renderTemplate(intro, p)), loc: phase.loc, drafted: true }]
    : [];
  for (const s of states.filter((x) => x.textFr))
    blocks.push({ kind: 'p', text: renderTemplate(s.textFr as string, p).trim(), loc: s.loc, drafted: true });
  const written = acts(p, ts, ctx);
  blocks.push(...written.blocks);
  const finals = states.filter((s) => s.final);
  if (ts.length === 0 && finals.length > 0) {
    blocks.push({
      kind: 'list',
      intro: 'L’affaire prend fin sur la plateforme dans l’un des cas suivants :',
      items: finals.map((s) => describedItem(s.label, s.description && renderTemplate(s.description, p))),
      ...(finals[0] && { loc: finals[0].loc }),
    });
  }
  if (blocks.length === 0) return undefined;
  return {
    key: `phase:${phase.id}`,
    aliases: written.rulesets.map((g) => `ruleset:${g}`),
    title: phase.label,
    blocks,
    diagram: `phase-${phase.id}`,
    refs: [specRef(phase), ...states.filter((s) => s.textFr || s.final).map(specRef), ...ts.map(specRef)],
  };
}

export function phaseArticles(p: Procedure, ctx: ActContext): ArticleDraft[] {
  return orderedPhases(p).flatMap((ph) => phaseArticle(p, ph, ctx) ?? []);
}

export function transversalArticle(p: Procedure, ctx: ActContext): ArticleDraft | undefined {
  const ts = p.transitions.filter((t) => isTransversal(p, t));
  if (ts.length === 0) return undefined;
  const written = acts(p, ts, ctx);
  return {
    key: 'transversal',
    aliases: written.rulesets.map((g) => `ruleset:${g}`),
    title: 'Actes possibles à plusieurs stades de l’affaire',
    blocks: written.blocks,
    diagram: 'procedure',
    refs: ts.map(specRef),
  };
}
