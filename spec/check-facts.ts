/**
 * Who establishes a fact (rules.yaml `established_by:`): the judge qualifies
 * the subject matter and the weak party; a party's form only asserts. A form
 * field or a `record:` effect by which a role would set a fact another role
 * establishes is an error, as is an `established_by:` naming no role. The
 * reducer enforces the same at run time (runtime/engine/checks.ts).
 */
import type { BuildContext } from './build-context.ts';
import { factOwnedByOthers, type Procedure, type Transition } from './model.ts';
import type { SourceFile } from './yaml-source.ts';

type Parts = Pick<Procedure, 'roles' | 'transitions' | 'forms' | 'rules'>;

const quoted = (list: readonly string[]): string => list.map((x) => `« ${x} »`).join(', ');

/** The roles of `t` that may not set `fact`, and the roles that establish it; undefined when all may. */
function intruders(p: Parts, t: Transition, fact: string) {
  if (t.automatic) return undefined;
  const roles = t.roles.filter((r) => factOwnedByOthers(p.rules, fact, r) !== undefined);
  if (roles.length === 0) return undefined;
  return { roles, owners: p.rules.establishedBy[fact] ?? [] };
}

export function checkFactOwnership(p: Parts, rulesSrc: SourceFile | undefined, ctx: BuildContext): void {
  const roleNames = new Set(Object.keys(p.roles));
  if (rulesSrc) {
    for (const [fact, owners] of Object.entries(p.rules.establishedBy)) {
      owners.forEach((r, i) => ctx.ref('role', r, roleNames, rulesSrc, ['facts', fact, 'established_by', i]));
    }
  }
  if (Object.keys(p.rules.establishedBy).length === 0) return;
  for (const t of p.transitions) {
    const form = t.form ? p.forms[t.form] : undefined;
    const fields = Object.keys((form?.schema.properties as Record<string, unknown> | undefined) ?? {});
    for (const field of fields) {
      const bad = intruders(p, t, field);
      if (!bad) continue;
      ctx.error(
        'fact-established-by-other-role',
        t.loc,
        `Le formulaire « ${t.form} » de « ${t.event} » permet à ${quoted(bad.roles)} de fournir « ${field} », fait établi par ${quoted(bad.owners)} (established_by) : sa réponse remplacerait ce fait.`,
        `Renommez le champ (ex. ${field}_declare : ce que la partie affirme), retirez-le, ou ajoutez le rôle à established_by: du fait dans rules.yaml.`,
      );
    }
    for (const e of t.effects) {
      if (e.kind !== 'record') continue;
      const bad = intruders(p, t, e.fact);
      if (!bad) continue;
      ctx.error(
        'fact-established-by-other-role',
        e.loc,
        `« ${t.event} » (rôles ${quoted(bad.roles)}) enregistre le fait « ${e.fact} », établi par ${quoted(bad.owners)} (established_by).`,
        `Enregistrez ce fait par une transition de ${quoted(bad.owners)}, ou enregistrez ici un autre fait (ex. ${e.fact}_declare).`,
      );
    }
  }
}
