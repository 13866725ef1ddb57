/** The redline as terminal text, in French: each kind of item with its changes, then the articles changed. */
import { renderTemplate } from '../../spec/index.ts';
import { count } from '../french.ts';
import { articleNumberFr } from '../legal/typography.ts';
import type { ArticleDiff, LegalDiff } from './articles-diff.ts';
import type { ChangeKind, ItemChange, ProcedureDiff } from './model-diff.ts';
import { hasEdits, wordDiff, wordDiffText } from './word-diff.ts';

export const KIND_FR: Record<ChangeKind, string> = {
  added: 'ajout',
  removed: 'suppression',
  changed: 'modification',
};

export const KIND_MARK: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~' };

/** The categories of items, in the order the summary gives them, with their French names. */
export const CATEGORIES: readonly {
  readonly key: Exclude<keyof ProcedureDiff, 'before' | 'after' | 'forms'>;
  readonly title: string;
}[] = [
  { key: 'parameters', title: 'Paramètres' },
  { key: 'roles', title: 'Acteurs' },
  { key: 'phases', title: 'Phases' },
  { key: 'states', title: 'États' },
  { key: 'transitions', title: 'Actes (transitions)' },
  { key: 'deadlines', title: 'Délais' },
  { key: 'remedies', title: 'Voies de recours' },
  { key: 'documents', title: 'Documents' },
  { key: 'rules', title: 'Règles et faits' },
];

/** "1 ajout, 2 modifications". */
export function countsFr(changes: readonly { kind: ChangeKind }[]): string {
  const n = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  return [
    n('added') && count(n('added'), 'ajout', 'ajouts'),
    n('removed') && count(n('removed'), 'suppression', 'suppressions'),
    n('changed') && count(n('changed'), 'modification', 'modifications'),
  ]
    .filter(Boolean)
    .join(', ');
}

const clip = (s: string, max = 160): string => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

function itemLines(c: ItemChange, indent: string, noun = ''): string[] {
  const head = `${indent}${KIND_MARK[c.kind]} ${KIND_FR[c.kind]} : ${noun}« ${clip(c.label, 100)} » (${c.id})`;
  if (c.kind !== 'changed') return [head];
  return [
    head,
    ...c.properties.map((p) =>
      p.before !== undefined && p.after !== undefined && p.before.length + p.after.length > 80
        ? `${indent}    ${p.property} : ${wordDiffText(wordDiff(p.before, p.after))}`
        : `${indent}    ${p.property} : ${clip(p.before ?? '(absent)')} → ${clip(p.after ?? '(absent)')}`,
    ),
  ];
}

export const articleHeading = (a: ArticleDiff): string => {
  const now = a.after ?? a.before;
  const renumbered =
    a.before && a.after && a.before.number !== a.after.number
      ? ` (article ${articleNumberFr(a.before.number)} de la version précédente)`
      : '';
  return `Article ${articleNumberFr(now?.number ?? 0)} — ${now?.title ?? ''}${renumbered}`;
};

function articleLines(a: ArticleDiff): string[] {
  const status = { added: 'ajouté', removed: 'supprimé', changed: 'modifié', same: 'inchangé' }[a.kind];
  const lines = [`  ${articleHeading(a)} : ${status}`];
  if (a.kind !== 'changed') return lines;
  if (hasEdits(a.title)) lines.push(`      titre : ${wordDiffText(a.title)}`);
  for (const x of a.alineas) {
    if (x.op === 'edit') lines.push(`      ${wordDiffText(x.parts)}`);
    else if (x.op === 'add') lines.push(`      + alinéa ajouté : « ${clip(x.text, 300)} »`);
    else if (x.op === 'del') lines.push(`      − alinéa supprimé : « ${clip(x.text, 300)} »`);
  }
  return lines;
}

/** The whole summary, one line per change (long values cut). */
export function redlineSummary(diff: ProcedureDiff, legal: LegalDiff): string {
  const a = diff.before;
  const b = diff.after;
  const out = [
    `Modifications de « ${renderTemplate(b.shortTitle ?? b.title, b)} » : version ${a.version} → version ${b.version}`,
  ];
  if (a.id !== b.id) out.push(`Attention : deux procédures différentes (« ${a.id} » et « ${b.id} »).`);
  let total = 0;
  for (const cat of CATEGORIES) {
    const changes = diff[cat.key];
    if (!changes.length) continue;
    total += changes.length;
    out.push('', `${cat.title} : ${countsFr(changes)}`);
    for (const c of changes) out.push(...itemLines(c, '  '));
  }
  if (diff.forms.length) {
    total += diff.forms.length;
    out.push('', `Formulaires : ${countsFr(diff.forms)}`);
    for (const f of diff.forms) {
      out.push(...itemLines(f, '  ', 'formulaire '));
      if (f.kind === 'changed') for (const x of f.fields) out.push(...itemLines(x, '      ', 'champ '));
      else if (f.fields.length) out.push(`      ${count(f.fields.length, 'champ', 'champs')}`);
    }
  }
  const changed = legal.articles.filter((x) => x.kind !== 'same');
  out.push(
    '',
    `Texte de l’annexe : ${changed.length ? countsFr(changed.map((x) => ({ kind: x.kind as ChangeKind }))) : 'inchangé'}` +
      `${changed.length ? ` ; ${count(legal.articles.length - changed.length, 'article inchangé', 'articles inchangés')}` : ''}` +
      (changed.length ? ' — [-…-] : mots supprimés, {+…+} : mots ajoutés' : ''),
  );
  if (hasEdits(legal.title)) out.push(`  Titre : ${wordDiffText(legal.title)}`);
  if (hasEdits(legal.subtitle)) out.push(`  Sous-titre : ${wordDiffText(legal.subtitle)}`);
  for (const x of changed) out.push(...articleLines(x));
  if (!total && !changed.length) out.push('', 'Aucune différence entre les deux versions.');
  return out.join('\n');
}
