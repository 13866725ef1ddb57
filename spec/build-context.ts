/** Shared state while turning parsed spec files into the model: diagnostics and reference checks. */
import { type Diagnostic, diagnostic } from './diagnostic.ts';
import type { Loc } from './model.ts';
import type { Path, SourceFile } from './yaml-source.ts';

export type RefKind =
  | 'state'
  | 'role'
  | 'phase'
  | 'form'
  | 'parameter'
  | 'ruleset'
  | 'deadline'
  | 'document'
  | 'fact'
  | 'connector'
  | 'operator'
  | 'calendar'
  | 'event'
  | 'remedy';

const KIND_FR: Record<RefKind, { noun: string; where: string }> = {
  state: { noun: 'l’état', where: 'sous states: dans procedure.yaml' },
  role: { noun: 'le rôle', where: 'sous roles: dans procedure.yaml' },
  phase: { noun: 'la phase', where: 'sous phases: dans procedure.yaml' },
  form: { noun: 'le formulaire', where: 'comme fichier forms/<id>.yaml' },
  parameter: { noun: 'le paramètre', where: 'sous parameters: dans procedure.yaml' },
  ruleset: { noun: 'le jeu de règles', where: 'sous rulesets: dans rules.yaml' },
  deadline: { noun: 'le délai', where: 'sous deadlines: dans procedure.yaml' },
  document: { noun: 'le document', where: 'sous documents: dans procedure.yaml' },
  fact: { noun: 'le fait', where: 'dans un formulaire, un effet record: ou sous facts: dans rules.yaml' },
  connector: { noun: 'le connecteur', where: 'parmi les connecteurs de greffe (docs/guide-redacteur.md)' },
  operator: { noun: 'l’opérateur', where: 'parmi les opérateurs de règles (docs/guide-redacteur.md)' },
  calendar: { noun: 'le calendrier', where: 'parmi les calendriers de greffe' },
  event: { noun: 'l’événement', where: 'comme event: d’une transition' },
  remedy: { noun: 'la voie de recours', where: 'sous remedies: dans procedure.yaml' },
};

/** Closest known name, to suggest a fix for a typo (Levenshtein ≤ 3). */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of known) {
    const d = distance(name, k, bestD);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** A set of names: a Set, a list, or the keys of a record (checked without copying). */
export type Known = ReadonlySet<string> | readonly string[] | Readonly<Record<string, unknown>>;

const has = (k: Known, name: string): boolean =>
  k instanceof Set ? k.has(name) : Array.isArray(k) ? k.includes(name) : Object.hasOwn(k, name);

const names = (k: Known): Iterable<string> =>
  k instanceof Set || Array.isArray(k) ? (k as Iterable<string>) : Object.keys(k);

export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];

  error(code: string, loc: Loc, message: string, hint: string): void {
    this.diagnostics.push(diagnostic(code, 'error', loc, message, hint));
  }

  warn(code: string, loc: Loc, message: string, hint: string): void {
    this.diagnostics.push(diagnostic(code, 'warning', loc, message, hint));
  }

  /** Reports `name` when it is not among `known`; returns whether it resolved. */
  ref(kind: RefKind, name: string, known: Known, src: SourceFile, path: Path): boolean {
    if (has(known, name)) return true;
    const { noun, where } = KIND_FR[kind];
    const guess = closest(name, names(known));
    this.error(
      `unknown-${kind}`,
      src.locate(path),
      `${noun[0]?.toUpperCase()}${noun.slice(1)} « ${name} » n’existe pas.`,
      guess ? `Vouliez-vous dire « ${guess} » ? Sinon, déclarez-le ${where}.` : `Déclarez-le ${where}.`,
    );
    return false;
  }
}

/** Reads an optional string field. */
export const str = (o: Record<string, unknown>, key: string): string | undefined =>
  typeof o[key] === 'string' ? (o[key] as string) : undefined;

export const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];

export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Common documented fields, written only when present (so frozen nodes stay small). */
export function documented(o: Record<string, unknown>, loc: import('./model.ts').Loc) {
  const text = obj(o.text);
  return {
    label: str(o, 'label') ?? '',
    ...(str(o, 'description') !== undefined && { description: str(o, 'description') }),
    ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
    ...(str(o, 'basis') !== undefined && { basis: str(o, 'basis') }),
    ...(str(o, 'note') !== undefined && { note: str(o, 'note') }),
    ...(typeof text.fr === 'string' && { textFr: text.fr }),
    loc,
  };
}
