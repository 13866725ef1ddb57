/**
 * Word-level differences between two texts, with jsdiff's array diff over
 * French tokens: a number written with thin spaces ("4 000") is one word, so
 * a changed amount reads as "4 000" removed and "5 000" added, not as a
 * changed digit.
 */
import { diffArrays } from 'diff';

export type WordOp = 'same' | 'add' | 'del';

export interface WordPart {
  readonly op: WordOp;
  readonly text: string;
}

/** Numbers with their digit groups and decimals, words with their apostrophes and hyphens, spaces, any other sign. */
const TOKEN =
  /\d+(?:[\u202f\u00a0 ]\d{3}(?!\d))*(?:,\d+)?|[\p{L}\p{M}\p{N}]+(?:[’'-][\p{L}\p{M}\p{N}]+)*|\s+|[^\s]/gu;

export const tokenize = (text: string): string[] => text.match(TOKEN) ?? [];

/** Joins neighbouring parts of the same kind; within a run of edits, the removed words come first. */
function coalesce(parts: readonly WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  let del = '';
  let add = '';
  const flush = () => {
    if (del) out.push({ op: 'del', text: del });
    if (add) out.push({ op: 'add', text: add });
    del = '';
    add = '';
  };
  for (const p of parts) {
    if (p.op === 'del') del += p.text;
    else if (p.op === 'add') add += p.text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'same') out[out.length - 1] = { op: 'same', text: last.text + p.text };
      else out.push(p);
    }
  }
  flush();
  return out;
}

/**
 * The words of `before` and `after`, each marked kept, removed or added.
 * A lone space between two edits is folded into them, so "a b" → "x y" reads
 * as one replaced phrase rather than two replaced words.
 * @example wordDiff('moins de 4 000 €', 'moins de 5 000 €') // […, {op:'del',text:'4 000'}, {op:'add',text:'5 000'}, …]
 */
export function wordDiff(before: string, after: string): WordPart[] {
  const raw: WordPart[] = diffArrays(tokenize(before), tokenize(after)).map((c) => ({
    op: c.added ? 'add' : c.removed ? 'del' : 'same',
    text: c.value.join(''),
  }));
  const merged = coalesce(raw);
  const folded: WordPart[] = merged.flatMap((p, i) => {
    const prev = merged[i - 1];
    const next = merged[i + 1];
    const edit = (x?: WordPart) => x !== undefined && x.op !== 'same';
    return p.op === 'same' && /^\s+$/.test(p.text) && edit(prev) && edit(next)
      ? [
          { op: 'del', text: p.text },
          { op: 'add', text: p.text },
        ]
      : [p];
  });
  return coalesce(folded);
}

/** True when the parts hold an addition or a removal. */
export const hasEdits = (parts: readonly WordPart[]): boolean => parts.some((p) => p.op !== 'same');

/**
 * The parts as plain text in git's word-diff notation, `[-removed-]{+added+}`,
 * with at most `context` characters of unchanged text around each edit.
 */
export function wordDiffText(parts: readonly WordPart[], context = 40): string {
  return parts
    .map((p, i) => {
      if (p.op === 'del') return `[-${p.text}-]`;
      if (p.op === 'add') return `{+${p.text}+}`;
      const first = i === 0;
      const last = i === parts.length - 1;
      const limit = first || last ? context : context * 2;
      if (p.text.length <= limit) return p.text;
      if (first) return `…${p.text.slice(-context)}`;
      if (last) return `${p.text.slice(0, context)}…`;
      return `${p.text.slice(0, context)} … ${p.text.slice(-context)}`;
    })
    .join('');
}
