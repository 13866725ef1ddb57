/**
 * The drafting checker: reads the generated legal text as a jurist would and
 * counts what a published decree may not contain — an ordinary space before
 * ; : ? ! » or after «, a straight apostrophe, "Article 1" for "Article 1er",
 * a duration in figures ("1 mois"), a screen label quoted in an article, a
 * sentence that repeats the previous one, a tautology ("Cette décision est une
 * décision de…"). `greffe validate` and `greffe docs build` run it.
 *
 * Each defect points at the spec line its words come from (file:line:col):
 * the drafter's own string when the block is drafted (text.fr, description),
 * found in the YAML file, else the spec item the renderer phrased. A defect in
 * a drafted string of a published version is a warning (the version cannot
 * change: fix it in a new version); anything else is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type Diagnostic, diagnostic, type Loc, type Procedure, renderTemplate } from '../../spec/index.ts';
import { articleIndex, renderLegalText, resolveRefs } from './legal-text.ts';
import { splitSentences } from './readability.ts';
import { NEAR_IDENTICAL, NEAR_IDENTICAL_PARAGRAPHS, normFr, similarity } from './similarity.ts';
import type { Block, LegalText } from './types.ts';
import { articleNumberFr, NNBSP } from './typography.ts';

/** The defects the checker counts, by diagnostic code. */
export const DRAFTING_CODES = [
  'redaction-espace',
  'redaction-apostrophe',
  'redaction-article-1er',
  'redaction-duree-en-chiffres',
  'redaction-libelle-ecran',
  'redaction-phrase-repetee',
  'redaction-tautologie',
] as const;
export type DraftingCode = (typeof DRAFTING_CODES)[number];

export interface DraftingReport {
  /** Defects found, per code (all codes present, 0 when none). */
  readonly counts: Readonly<Record<DraftingCode, number>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** A defect found in one sentence: its code, the fragment to look for in the spec, the message and the fix. */
interface Finding {
  readonly code: DraftingCode;
  readonly fragment: string;
  readonly message: string;
  readonly hint: string;
}

const SPACE_BEFORE = /(?:^|[^\u202f])([ \t\u00a0]+)([;:?!»])/g;
const SPACE_AFTER = /«(?!\u202f)(\s?)/g;
const ARTICLE_1 = /\b[Aa]rticle\s+1(?!\d|er\b|-)/g;
const DURATION_DIGITS = /\b(\d+)[\s\u202f\u00a0]+(jours?|mois|ans?|années?|semaines?|heures?)\b/g;
const QUOTED = /«[\s\u202f\u00a0]*([^»]+?)[\s\u202f\u00a0]*»/g;
const TAUTOLOGY =
  /\b(?:[Cc]ette|[Cc]et|[Cc]e|[Ll]a|[Ll]e)\s+([\p{L}-]{3,})\s+(?:est|constitue)\s+(?:une?|la|le)\s+\1\b/gu;

const norm = normFr;

/**
 * Screen labels: what the platform shows on buttons, pages and form sections, and the questions its
 * forms ask. A published version is read as before (questions excepted): its text cannot change.
 */
function screenLabels(p: Procedure, questions: boolean): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    if (s && (questions || !s.trim().endsWith('?')))
      out.add(norm(renderTemplate(s, p).replace(/[.;]+$/, '')));
  };
  for (const f of Object.values(p.forms)) {
    add(f.title);
    const props = (f.schema.properties ?? {}) as Record<string, { title?: unknown }>;
    for (const x of Object.values(props)) if (typeof x.title === 'string') add(x.title);
  }
  for (const s of Object.values(p.states)) add(s.label);
  for (const t of p.transitions) add(t.label);
  return out;
}

/** "conciliateur de justice (auxiliaire de justice) : auxiliaire de justice bénévole": a parenthesis the sentence says again. */
const PARENTHESIS = /\(([^()]{4,}?)\)/g;

function findingsIn(sentence: string, labels: ReadonlySet<string>, draft: boolean): Finding[] {
  const out: Finding[] = [];
  if (draft)
    for (const m of sentence.matchAll(PARENTHESIS)) {
      const inner = norm(m[1] as string);
      const elsewhere = norm(sentence.slice(0, m.index) + sentence.slice((m.index ?? 0) + m[0].length));
      if (/\p{L}{4,}/u.test(inner) && elsewhere.includes(inner))
        out.push({
          code: 'redaction-tautologie',
          fragment: m[0],
          message: `La parenthèse « ${m[0]} » répète ce que la phrase dit déjà : « …${context(sentence, m.index ?? 0)}… ».`,
          hint: 'Supprimez la parenthèse ou la reprise (le libellé du rôle et sa description ne doivent pas se répéter).',
        });
    }
  for (const m of sentence.matchAll(SPACE_BEFORE))
    out.push({
      code: 'redaction-espace',
      fragment: m[2] as string,
      message: `Espace ordinaire avant « ${m[2]} » : « …${context(sentence, m.index ?? 0)}… ».`,
      hint: `Le texte doit porter une espace fine insécable (U+202F) avant ; : ? ! » : le générateur l’applique (renderer/legal/typography.ts) ; un texte qui y échappe est à faire passer par typographyFr.`,
    });
  for (const m of sentence.matchAll(SPACE_AFTER))
    out.push({
      code: 'redaction-espace',
      fragment: '«',
      message: `Espace ordinaire ou absente après « : « …${context(sentence, m.index ?? 0)}… ».`,
      hint: 'Après le guillemet ouvrant, une espace fine insécable (U+202F), appliquée par le générateur.',
    });
  for (const m of sentence.matchAll(/'/g))
    out.push({
      code: 'redaction-apostrophe',
      fragment: "'",
      message: `Apostrophe droite : « …${context(sentence, m.index ?? 0)}… ».`,
      hint: 'Écrivez l’apostrophe typographique ’ (le générateur remplace l’apostrophe droite).',
    });
  for (const m of sentence.matchAll(ARTICLE_1))
    out.push({
      code: 'redaction-article-1er',
      fragment: m[0],
      message: `« ${m[0]} » : le premier article s’écrit « article 1er ».`,
      hint: 'Écrivez « article 1er » (et « 1er » pour le premier jour du mois).',
    });
  for (const m of sentence.matchAll(DURATION_DIGITS))
    out.push({
      code: 'redaction-duree-en-chiffres',
      fragment: m[0],
      message: `Durée en chiffres « ${m[0].replace(/[\u202f\u00a0]/g, ' ')} » : un décret écrit les durées en lettres.`,
      hint: 'Écrivez la durée en lettres (« un mois », « quinze jours ») ou faites-la rendre par un paramètre ${…}, que le générateur écrit en lettres.',
    });
  for (const m of sentence.matchAll(QUOTED)) {
    const inner = m[1] as string;
    if (labels.has(norm(inner.replace(/[.;]+$/, ''))))
      out.push({
        code: 'redaction-libelle-ecran',
        fragment: inner,
        message: `Libellé d’écran cité dans un article : « ${inner} ».`,
        hint: 'Un article ne cite pas les libellés de la plateforme : décrivez l’acte ou l’étape avec les mots du droit, ou renvoyez à l’article qui le prévoit.',
      });
  }
  for (const m of sentence.matchAll(TAUTOLOGY))
    out.push({
      code: 'redaction-tautologie',
      fragment: m[0],
      message: `Tautologie : « ${m[0]} ».`,
      hint: `Supprimez la phrase ou dites ce qu’est l’acte (« Le juge statue par ordonnance. »).`,
    });
  return out;
}

const context = (s: string, at: number) =>
  s
    .slice(Math.max(0, at - 30), at + 30)
    .replace(/[\u202f\u00a0]/g, ' ')
    .trim();

/** Where the fragment is written in the spec file, searching from the item's line; the item's own place if not found. */
function locate(loc: Loc, fragment: string, cache: Map<string, string[] | null>): Loc {
  const path = isAbsolute(loc.file) ? loc.file : resolve(loc.file);
  let lines = cache.get(path);
  if (lines === undefined) {
    // Files are named relative to the folder validate ran from; elsewhere the item's own place is kept.
    lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : null;
    cache.set(path, lines);
  }
  if (!lines || fragment.length < 2) return loc;
  const needle = norm(fragment);
  for (let i = loc.line - 1; i < Math.min(lines.length, loc.line + 80); i++) {
    // Same length as the line, so the index is its column.
    const line = (lines[i] ?? '')
      .replace(/[\u202f\u00a0\t]/g, ' ')
      .replace(/'/g, '’')
      .toLocaleLowerCase('fr');
    const at = line.indexOf(needle);
    if (at >= 0) return { file: loc.file, line: i + 1, column: at + 1 };
  }
  return loc;
}

interface Unit {
  readonly text: string;
  readonly block: Block;
  readonly article: number;
  /** A list item: items are parallel by nature, never a repetition of the one before. */
  readonly item: boolean;
}

function units(text: LegalText): Unit[] {
  const index = articleIndex(text);
  const plain = (s: string) => resolveRefs(s, index, (_n, words) => words);
  return text.articles.flatMap((a) =>
    a.blocks.flatMap((b) =>
      (b.kind === 'p' ? [b.text] : [b.intro, ...b.items]).map((s, i) => ({
        text: plain(s),
        block: b,
        article: a.number,
        item: i > 0,
      })),
    ),
  );
}

/**
 * Checks the legal text of `p` (rendered here, or given when the caller has it).
 * @example checkDrafting(procedure).counts['redaction-apostrophe'] // 0
 */
export function checkDrafting(p: Procedure, text: LegalText = renderLegalText(p)): DraftingReport {
  const published = p.status === 'published';
  const labels = screenLabels(p, !published);
  const counts = Object.fromEntries(DRAFTING_CODES.map((c) => [c, 0])) as Record<DraftingCode, number>;
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, string[] | null>();
  const report = (u: Unit, f: Finding) => {
    counts[f.code] += 1;
    const drafted = u.block.drafted === true;
    const where = u.block.loc ?? p.loc;
    const loc = drafted ? locate(where, f.fragment, cache) : where;
    const origin = drafted
      ? 'texte rédigé dans la spécification'
      : 'phrase écrite par le générateur à partir de cet élément';
    const frozen = drafted && published;
    diagnostics.push(
      diagnostic(
        f.code,
        frozen ? 'warning' : 'error',
        loc,
        `Article ${articleNumberFr(u.article)} (${origin}) : ${f.message}${frozen ? ' Version publiée : son texte ne peut plus être modifié.' : ''}`,
        frozen ? `Corrigez-le dans une nouvelle version. ${f.hint}` : f.hint,
      ),
    );
  };
  const all = units(text);
  let previous: { sentence: string; unit: Unit } | undefined;
  for (const u of all) {
    for (const s of splitSentences(u.text)) {
      for (const f of findingsIn(s, labels, !published)) report(u, f);
      if (
        previous &&
        previous.unit.article === u.article &&
        !u.item &&
        !previous.unit.item &&
        similarity(previous.sentence, s) >= NEAR_IDENTICAL
      )
        report(u, {
          code: 'redaction-phrase-repetee',
          fragment: s.slice(0, 40),
          message: `Phrase qui répète la précédente : « ${s.replace(/[\u202f\u00a0]/g, ' ')} ».`,
          hint: 'Fusionnez les deux phrases (un seul sujet pluriel : « Le demandeur ou le défendeur peut… ») ou supprimez la seconde.',
        });
      previous = { sentence: s, unit: u };
    }
  }
  // Paragraphs of one article compared two by two, not only with the one before (drafts only: a
  // published text cannot change): acts that differ by a party or a channel make one paragraph.
  if (!published) {
    const paragraphs = all.filter((u) => u.block.kind === 'p');
    paragraphs.forEach((u, j) => {
      const twin = paragraphs
        .slice(0, j)
        .find((x) => x.article === u.article && similarity(x.text, u.text) >= NEAR_IDENTICAL_PARAGRAPHS);
      if (twin)
        report(u, {
          code: 'redaction-phrase-repetee',
          fragment: u.text.slice(0, 40),
          message: `Alinéa presque identique à un alinéa précédent du même article (similarité ${similarity(twin.text, u.text).toFixed(2)}) : « ${u.text.slice(0, 120).replace(/[\u202f\u00a0]/g, ' ')}… ».`,
          hint: 'Réunissez les actes qui ne diffèrent que par la partie ou le canal (text_edition: 2 le fait pour les actes engendrés ; voir docs/guide-redacteur.md § 12) ou réécrivez l’un des alinéas.',
        });
    });
  }
  return { counts, diagnostics };
}

/** The counts as one French line, as validate and docs build print them. */
export function formatDraftingCounts(counts: DraftingReport['counts']): string {
  const FR: Record<DraftingCode, [string, string]> = {
    'redaction-espace': [
      'espace ordinaire avant ou après une ponctuation',
      'espaces ordinaires avant ou après une ponctuation',
    ],
    'redaction-apostrophe': ['apostrophe droite', 'apostrophes droites'],
    'redaction-article-1er': ['« article 1 » sans « er »', '« article 1 » sans « er »'],
    'redaction-duree-en-chiffres': ['durée en chiffres', 'durées en chiffres'],
    'redaction-libelle-ecran': ['libellé d’écran cité', 'libellés d’écran cités'],
    'redaction-phrase-repetee': ['phrase répétée', 'phrases répétées'],
    'redaction-tautologie': ['tautologie', 'tautologies'],
  };
  return DRAFTING_CODES.map((c) => `${counts[c]} ${FR[c][counts[c] > 1 ? 1 : 0]}`).join(`${NNBSP}; `);
}
