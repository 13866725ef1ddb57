/**
 * Which diagnostics of the model checks follow from a reference that did not resolve. A typo in a
 * `to:` leaves its target unreachable, and every state after it: the graph checks report them all,
 * though one fix removes them. The checks are run again on the model with the reference repaired (the
 * name replaced by the declared name it most likely meant); a diagnostic that the repair makes
 * disappear is a consequence of that reference's diagnostic.
 */
import { BuildContext, type RefKind, type UnresolvedRef } from './build-context.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { Deadline, Remedy, Transition } from './model.ts';

/** The parts of the model a repair rewrites. */
export interface RepairableModel {
  readonly transitions: readonly Transition[];
  readonly remedies: Readonly<Record<string, Remedy>>;
  readonly deadlines: Readonly<Record<string, Deadline>>;
}

type Rename = (name: string) => string;

/** How a name of each repairable kind is replaced throughout the model. */
const REPAIRS: Partial<Record<RefKind, <M extends RepairableModel>(m: M, rename: Rename) => M>> = {
  state: (m, rename) => ({
    ...m,
    transitions: m.transitions.map((t) => ({
      ...t,
      from: t.from.map(rename),
      to: t.stay ? t.to : rename(t.to),
    })),
    remedies: Object.fromEntries(
      Object.entries(m.remedies).map(([id, r]) => [
        id,
        r.reopens === undefined ? r : { ...r, reopens: rename(r.reopens) },
      ]),
    ),
  }),
  event: (m, rename) => ({
    ...m,
    deadlines: Object.fromEntries(
      Object.entries(m.deadlines).map(([id, d]) => [
        id,
        d.onExpiry.event === undefined
          ? d
          : { ...d, onExpiry: { ...d.onExpiry, event: rename(d.onExpiry.event) } },
      ]),
    ),
    remedies: Object.fromEntries(
      Object.entries(m.remedies).map(([id, r]) => [
        id,
        {
          ...r,
          ...(r.filedBy !== undefined && { filedBy: rename(r.filedBy) }),
          ...(r.decidedBy !== undefined && { decidedBy: rename(r.decidedBy) }),
        },
      ]),
    ),
  }),
};

/** More distinct typos than this and the repairs are tried all at once only. */
const ONE_BY_ONE = 12;

const key = (d: Diagnostic): string => `${d.code}|${d.file}|${d.line}|${d.column}|${d.message}`;

function repair<M extends RepairableModel>(model: M, fixes: readonly UnresolvedRef[]): M {
  let out = model;
  for (const kind of new Set(fixes.map((f) => f.kind))) {
    const map = new Map(fixes.filter((f) => f.kind === kind).map((f) => [f.name, f.guess as string]));
    out = (REPAIRS[kind] as NonNullable<(typeof REPAIRS)[RefKind]>)(out, (n) => map.get(n) ?? n);
  }
  return out;
}

/**
 * Links each of `found` (the diagnostics `checks` reported on `model`) that a repair removes to the
 * diagnostic of the reference repaired: each repair alone first, then all together (what needs
 * several repairs follows from the first of them).
 */
export function linkRepairedConsequences<M extends RepairableModel>(
  ctx: BuildContext,
  model: M,
  found: readonly Diagnostic[],
  checks: (m: M, c: BuildContext) => void,
): void {
  const seen = new Set<string>();
  const fixes = ctx.unresolved.filter((u) => {
    const id = `${u.kind}:${u.name}`;
    if (u.guess === undefined || !REPAIRS[u.kind] || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (fixes.length === 0 || found.length === 0) return;
  const open = new Map(found.map((d) => [key(d), d]));
  const attempt = (tried: readonly UnresolvedRef[], cause: Diagnostic) => {
    const scratch = new BuildContext();
    checks(repair(model, tried), scratch);
    const left = new Set(scratch.diagnostics.map(key));
    for (const [k, d] of open) {
      if (left.has(k)) continue;
      ctx.because(d, cause);
      open.delete(k);
    }
  };
  if (fixes.length <= ONE_BY_ONE) for (const f of fixes) if (open.size > 0) attempt([f], f.diagnostic);
  if (open.size > 0 && fixes.length > 1) attempt(fixes, (fixes[0] as UnresolvedRef).diagnostic);
}
