/** The articles framing the procedure: scope, actors, identification of the parties, entry into force. */
import type { Procedure, RuleSet } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import { findCascades } from '../cascade.ts';
import { ROLE_KIND_FR } from '../diagrams/role-diagram.ts';
import { definite, describedItem, formatDateFr, lcFirst, sentence, stripStop, ucFirst } from '../french.ts';
import { deadlineDuration } from '../view.ts';
import { describeCondition } from './conditions-fr.ts';
import { specRef } from './refs.ts';
import { type ArticleDraft, type Block, artRef } from './types.ts';

/** Rulesets guarding an act out of an initial state: they define who may use the procedure. */
export function scopeRulesets(p: Procedure): RuleSet[] {
  const ids = new Set(
    p.transitions.filter((t) => t.from.some((s) => p.states[s]?.initial)).flatMap((t) => t.guard),
  );
  return [...ids].flatMap((id) => p.rules.rulesets[id] ?? []);
}

/** A ruleset in the legal text: its description, else the list of its conditions. */
export function rulesetBlocks(p: Procedure, rs: RuleSet): Block[] {
  const blocks: Block[] = [];
  if (rs.description)
    blocks.push({ kind: 'p', text: sentence(renderTemplate(rs.description, p)), loc: rs.loc, drafted: true });
  const drafted = rs.rules.filter((r) => r.textFr);
  for (const r of drafted)
    blocks.push({ kind: 'p', text: renderTemplate(r.textFr as string, p).trim(), loc: r.loc, drafted: true });
  if (!rs.description && drafted.length === 0) {
    blocks.push({
      kind: 'list',
      intro:
        rs.combine === 'all'
          ? 'Toutes les conditions suivantes doivent être remplies :'
          : 'L’une des conditions suivantes suffit :',
      items: rs.rules.map((r) => `${describeCondition(p, r.conditions)}`),
    });
  }
  return blocks;
}

export function scopeArticle(p: Procedure): ArticleDraft {
  const rulesets = scopeRulesets(p);
  const intro = p.textFr
    ? renderTemplate(p.textFr, p).trim()
    : `La présente annexe au Code de procédure civile régit ${definite(stripStop(renderTemplate(p.title, p)))}.`;
  return {
    key: 'champ',
    aliases: rulesets.map((r) => `ruleset:${r.id}`),
    title: 'Objet et champ d’application',
    blocks: [
      { kind: 'p', text: intro, loc: p.loc, drafted: p.textFr !== undefined },
      ...rulesets.flatMap((rs) => rulesetBlocks(p, rs)),
    ],
    diagram: 'procedure',
    refs: [
      specRef({ ...p, label: 'Procédure' }),
      ...rulesets.flatMap((rs) => [specRef(rs), ...rs.rules.map(specRef)]),
    ],
  };
}

export function actorsArticle(p: Procedure): ArticleDraft {
  const roles = Object.values(p.roles);
  const item = (r: (typeof roles)[number]): string => {
    if (r.textFr) return stripStop(renderTemplate(r.textFr, p));
    const kind =
      r.kind === 'representant' && r.represents.length
        ? `peut représenter ${joinFr(
            r.represents.map((x) => definite(p.roles[x]?.label ?? x)),
            'ou',
          )}`
        : ROLE_KIND_FR[r.kind];
    const head = `${definite(r.label)} (${kind}${r.optional ? ', intervention facultative' : ''})`;
    if (!r.description) return head;
    const desc = lcFirst(stripStop(renderTemplate(r.description, p)));
    // A description that starts by naming the role ("le greffe de la juridiction…") stands alone.
    return desc.startsWith(definite(r.label)) ? `${desc} (${kind})` : describedItem(head, desc);
  };
  return {
    key: 'acteurs',
    title: 'Acteurs de la procédure',
    blocks: [
      {
        kind: 'list',
        intro: 'Interviennent dans la procédure :',
        items: roles.map(item),
        ...(roles[0] && { loc: roles[0].loc }),
      },
    ],
    refs: roles.map(specRef),
  };
}

export function identificationArticle(p: Procedure): ArticleDraft | undefined {
  const blocks: Block[] = [];
  const identified = Object.values(p.roles).filter((r) => r.identification.length > 0);
  for (const r of identified) {
    blocks.push({
      kind: 'list',
      intro: `${ucFirst(definite(r.label))} s’identifie sur la plateforme par l’un des moyens suivants :`,
      items: r.identification.map((m) => lcFirst(stripStop(m.label))),
    });
  }
  const cascades = findCascades(p);
  for (const c of cascades) {
    const who = definite(c.role.label);
    blocks.push({
      kind: 'list',
      intro: `${ucFirst(who)} est invité à s’identifier par les moyens suivants, chacun n’étant employé que si le précédent n’a pas abouti dans son délai :`,
      items: c.steps.map((s) => {
        const means = joinFr([...s.means], 'ou');
        return s.deadline
          ? `${means}, ${definite(s.deadline.label)} étant de ${deadlineDuration(p, s.deadline)}`
          : means;
      }),
    });
    const exits = [...new Set(c.exits.map((t) => `au ${artRef(`acte:${t.index}`)}`))];
    blocks.push({
      kind: 'p',
      text: `La recherche prend fin dès que ${who} rejoint la procédure par l’un des actes prévus ${joinFr(exits, 'ou')}.`,
    });
  }
  if (blocks.length === 0) return undefined;
  const cascade = cascades[0];
  return {
    key: 'identification',
    title: 'Identification des parties',
    blocks,
    ...(cascade && { diagram: `identification-${cascade.role.id}` }),
    refs: [
      ...identified.map(specRef),
      ...cascades.flatMap((c) =>
        c.steps.flatMap((s) => [specRef(p.states[s.state] ?? { label: s.state, loc: p.loc })]),
      ),
    ],
  };
}

export function entryIntoForceArticle(p: Procedure): ArticleDraft {
  return {
    key: 'vigueur',
    title: 'Entrée en vigueur',
    blocks: [
      {
        kind: 'p',
        text: `La présente annexe s’applique aux demandes déposées à compter du ${formatDateFr(p.effective)}.`,
      },
      {
        kind: 'p',
        text: 'Une affaire reste régie par la version de l’annexe en vigueur au jour de son dépôt.',
      },
    ],
    refs: [specRef({ ...p, label: 'Procédure (date d’entrée en vigueur)' })],
  };
}
