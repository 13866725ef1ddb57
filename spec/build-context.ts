/** Shared state while turning parsed spec files into the model: diagnostics and reference checks. */
import { type Diagnostic, diagnostic, refOf } from './diagnostic.ts';
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

/** A reference that did not resolve, with the declared name it most likely meant. */
export interface UnresolvedRef {
  readonly kind: RefKind;
  readonly name: string;
  readonly guess?: string;
  readonly diagnostic: Diagnostic;
}

export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Every reference that did not resolve, in the order the loader met them. */
  readonly unresolved: UnresolvedRef[] = [];
  /** `kind:name` of every reference that resolved. */
  private readonly resolved = new Set<string>();
  /** consequence → its root cause. */
  private readonly causes = new Map<Diagnostic, Diagnostic>();
  /** `kind:name` → where it is declared (states so far), for hints that point at a declaration. */
  private readonly declarations = new Map<string, Loc>();

  error(code: string, loc: Loc, message: string, hint: string): Diagnostic {
    const d = diagnostic(code, 'error', loc, message, hint);
    this.diagnostics.push(d);
    return d;
  }

  /** Records that `consequence` follows from `cause`: fixing the cause makes it disappear. */
  because(consequence: Diagnostic, cause: Diagnostic): void {
    if (consequence !== cause) this.causes.set(consequence, cause);
  }

  /** Records where `name` of this kind is declared. */
  declare(kind: RefKind, name: string, loc: Loc): void {
    this.declarations.set(`${kind}:${name}`, loc);
  }

  /** Whether some reference to `name` of this kind resolved. */
  isReferenced(kind: RefKind, name: string): boolean {
    return this.resolved.has(`${kind}:${name}`);
  }

  /**
   * The diagnostics with their `causedBy` set. A name left unresolved several times is one mistake:
   * every later reference to it follows from the first (in the loader's order, then by line), and the
   * first says how many there are — and, when the name it most likely meant is declared but never
   * referenced, that the typo may be in that declaration, and where it is (file:line).
   */
  linked(): Diagnostic[] {
    const groups = new Map<string, UnresolvedRef[]>();
    for (const u of this.unresolved) {
      const key = `${u.kind}:${u.name}`;
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    const replaced = new Map<Diagnostic, Diagnostic>();
    for (const refs of groups.values()) {
      const file = (refs[0] as UnresolvedRef).diagnostic.file;
      const first = refs
        .filter((r) => r.diagnostic.file === file)
        .reduce((a, b) => (b.diagnostic.line < a.diagnostic.line ? b : a));
      for (const r of refs) this.because(r.diagnostic, first.diagnostic);
      const { kind, name, guess } = first;
      if (refs.length > 1 && guess !== undefined && !this.isReferenced(kind, guess)) {
        const at = this.declarations.get(`${kind}:${guess}`);
        const where = at ? ` (${at.file}:${at.line})` : '';
        replaced.set(first.diagnostic, {
          ...first.diagnostic,
          hint:
            `Vouliez-vous dire « ${guess} » ? « ${name} » est cité ${refs.length} fois et « ${guess} », déclaré, ` +
            `nulle part : la faute est sans doute dans la déclaration${where}, renommez-la « ${name} ».`,
        });
      }
    }
    const final = (d: Diagnostic): Diagnostic => replaced.get(d) ?? d;
    return this.diagnostics.map((d) => {
      const cause = this.causes.get(d);
      return cause ? { ...final(d), causedBy: refOf(final(cause)) } : final(d);
    });
  }

  warn(code: string, loc: Loc, message: string, hint: string): Diagnostic {
    const d = diagnostic(code, 'warning', loc, message, hint);
    this.diagnostics.push(d);
    return d;
  }

  /** Reports `name` when it is not among `known`; returns whether it resolved. */
  ref(kind: RefKind, name: string, known: Known, src: SourceFile, path: Path): boolean {
    if (has(known, name)) {
      this.resolved.add(`${kind}:${name}`);
      return true;
    }
    const { noun, where } = KIND_FR[kind];
    const guess = closest(name, names(known));
    const d = this.error(
      `unknown-${kind}`,
      src.locate(path),
      `${noun[0]?.toUpperCase()}${noun.slice(1)} « ${name} » n’existe pas.`,
      guess ? `Vouliez-vous dire « ${guess} » ? Sinon, déclarez-le ${where}.` : `Déclarez-le ${where}.`,
    );
    this.unresolved.push({ kind, name, ...(guess !== undefined && { guess }), diagnostic: d });
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
