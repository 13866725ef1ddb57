/**
 * One article per phase (its acts, in the spec's order), one for the acts
 * possible at several stages (written `from: "*"` or spanning three phases
 * or more: referral, withdrawal…), and the outcomes for a phase of final
 * states only.
 */
import type { Phase, Procedure, Transition } from '../../spec/index.ts';
import { renderTemplate } from '../../spec/index.ts';
import { definiteList, describedItem, sentence, stripStop, ucFirst } from '../french.ts';
import { homePhase, isTransversal, orderedPhases, statesOf } from '../view.ts';
import { type ActContext, actParagraph, actTextFr, restatesMostly } from './act-paragraph.ts';
import { NEAR_IDENTICAL_PARAGRAPHS, similarity } from './similarity.ts';
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
  const merged: Written[] = [];
  for (const t of ts) {
    const a = actParagraph(p, t, ctx);
    const same = a.roles && merged.find((m) => m.roles && !m.drafted && m.body === a.body);
    if (same?.roles) {
      for (const r of a.roles ?? []) if (!same.roles.includes(r)) same.roles.push(r);
      same.ts.push(t);
    } else
      merged.push({
        ...(a.roles && { roles: [...a.roles] }),
        body: a.body,
        ts: [t],
        drafted: a.drafted,
        ...(a.main !== undefined && { main: a.main }),
        ...(a.rest && { rest: a.rest }),
      });
  }
  const source = (m: { ts: readonly Transition[]; shared?: boolean }) => ({
    ...(!m.shared && { anchor: `acte-${m.ts[0]?.index}`, keys: m.ts.map((t) => `acte:${t.index}`) }),
    ...(m.ts[0] && { loc: m.ts[0].loc }),
  });
  const blocks = (p.textEdition === 2 ? alternatives(p, merged) : merged).map(
    (m): Block =>
      'items' in m
        ? {
            kind: 'list',
            intro: m.intro,
            items: m.items,
            itemKeys: m.itemKeys,
            anchor: `acte-${m.ts[0]?.index}`,
            ...(m.ts[0] && { loc: m.ts[0].loc }),
            drafted: false,
          }
        : { kind: 'p', text: actTextFr(m), ...source(m), drafted: m.drafted },
  );
  return { blocks, rulesets: [...ctx.statedRulesets].filter((g) => !before.has(g)) };
}

/** An act's paragraph as written, its main sentence and the others apart (generated paragraphs only). */
interface Written {
  roles?: string[];
  body: string;
  ts: Transition[];
  drafted: boolean;
  main?: string;
  rest?: readonly string[];
  /** What a group of alternative acts does, said once after their list: no alinéa of its own to refer to. */
  shared?: boolean;
}

/** Acts done by the same roles whose paragraphs differ only by a party or a channel: one list. */
interface Alternatives {
  readonly intro: string;
  readonly items: readonly string[];
  readonly itemKeys: readonly (readonly string[])[];
  readonly ts: Transition[];
}

/**
 * "au demandeur" → "à la partie concernée": a sentence said once for acts that differ by their
 * party. Only after a preposition (au, du, contre): a party as subject ("Le demandeur est ainsi
 * appelé…") would need its participle agreed, so such sentences keep the acts apart.
 */
function anyParty(p: Procedure, s: string): string {
  let out = s;
  for (const r of Object.values(p.roles)) {
    const esc = r.label.toLocaleLowerCase('fr').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`\\bau ${esc}\\b`, 'g'), 'à la partie concernée')
      .replace(new RegExp(`\\bdu ${esc}\\b`, 'g'), 'de la partie concernée')
      .replace(new RegExp(`\\bcontre (?:le |la |l’)${esc}\\b`, 'g'), 'contre la partie concernée');
  }
  return out;
}

/**
 * The sentences a group of acts says once (edition 2): those every act says alike, or alike but for
 * the party ("contre la partie concernée"); a sentence one act's main sentence already says (the
 * channel of service) is left out. Undefined when the acts say different things: they stay apart.
 */
function sharedRest(p: Procedure, group: readonly Written[]): string[] | undefined {
  const key = (s: string) => anyParty(p, s);
  const common = (s: string) => group.every((m) => (m.rest ?? []).some((x) => key(x) === key(s)));
  // A sentence only some acts say, which repeats their own main sentence (the channel of service), goes.
  const rests = group.map((m) => (m.rest ?? []).filter((s) => common(s) || !restatesAct(p, m, s)));
  const first = rests[0] ?? [];
  if (rests.some((r) => r.length !== first.length)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < first.length; i++) {
    const each = rests.map((r) => r[i] ?? '');
    const once = (s: string) => s.replace(/^Cet acte /, 'Chacun de ces actes ');
    if (each.every((s) => s === each[0])) out.push(once(each[0] ?? ''));
    else if (each.every((s) => key(s) === key(each[0] ?? ''))) out.push(once(key(each[0] ?? '')));
    else return undefined;
  }
  return out;
}

/** Does the sentence say nothing the act's main sentence (with its subject and the document served) does not, but a word? */
const restatesAct = (p: Procedure, m: Written, s: string): boolean => {
  const t = m.ts[0];
  const doc = t?.service ? (p.documents[t.service.document]?.label ?? '') : '';
  return restatesMostly([...(m.roles ?? []), doc, 'acte', m.main ?? ''].join(' '), s);
};

/**
 * Groups consecutive generated acts of the same roles whose paragraphs are near-identical
 * (similarity.ts): "Le commissaire de justice peut, selon le cas : signifier le jugement au
 * demandeur par voie électronique, lorsque… ; …", then what they all do, said once.
 */
function alternatives(p: Procedure, written: readonly Written[]): (Written | Alternatives)[] {
  const out: (Written | Alternatives)[] = [];
  let i = 0;
  while (i < written.length) {
    const head = written[i] as Written;
    let best: { end: number; rest: string[] } | undefined;
    if (!head.drafted && head.roles && head.main !== undefined) {
      for (let j = i + 1; j < written.length; j++) {
        const m = written[j] as Written;
        if (
          m.drafted ||
          m.main === undefined ||
          m.roles?.join() !== head.roles.join() ||
          written.slice(i, j).every((x) => similarity(m.body, x.body) < NEAR_IDENTICAL_PARAGRAPHS)
        )
          break;
        const rest = sharedRest(p, written.slice(i, j + 1));
        if (!rest) break;
        best = { end: j, rest };
      }
    }
    if (!best || !head.roles) {
      out.push(head);
      i += 1;
      continue;
    }
    const group = written.slice(i, best.end + 1);
    const conditional = group.every((m) => m.ts.every((t) => t.when));
    out.push({
      intro: `${ucFirst(definiteList(head.roles, 'ou'))} peut${conditional ? ', selon le cas' : ''} :`,
      items: group.map((m) => stripStop(m.main ?? '')),
      itemKeys: group.map((m) => m.ts.map((t) => `acte:${t.index}`)),
      ts: group.flatMap((m) => m.ts),
    });
    if (best.rest.length)
      out.push({ body: best.rest.join(' '), ts: group.flatMap((m) => m.ts), drafted: false, shared: true });
    i = best.end + 1;
  }
  return out;
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
