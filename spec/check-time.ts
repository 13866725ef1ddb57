/**
 * Checks of the time constructs of a transition's `start:`/`stop:` effects:
 * per-party deadlines name a party (CPC art. 528), and a deadline started by
 * an act's date reads a required date field of the transition's form.
 */
import type { BuildContext } from './build-context.ts';
import { RESIDENCES, residenceFact } from './distance.ts';
import type { Procedure, Transition } from './model.ts';

type Parts = Pick<Procedure, 'deadlines' | 'transitions' | 'forms' | 'roles'>;

/**
 * `distance: true` (CPC art. 643–644) only on a deadline that runs against a
 * party (per_party: true, or a remedy's time), and for each party it may run
 * against, the fact `residence_<party>` declared in rules.yaml with residence
 * values only.
 */
export function checkDistance(p: Parts & Pick<Procedure, 'remedies' | 'rules'>, ctx: BuildContext): void {
  for (const d of Object.values(p.deadlines)) {
    if (!d.distance) continue;
    const remedies = Object.values(p.remedies).filter((r) => r.deadline === d.id);
    if (!d.perParty && remedies.length === 0) {
      ctx.error(
        'deadline-distance-not-party',
        d.distance.loc,
        `Le délai « ${d.id} » ne court pas contre une partie : les délais de distance (Code de procédure civile, art. 643 et 644) ne s’y appliquent pas.`,
        `Retirez distance: true, ou faites courir le délai par partie (per_party: true) ou comme délai d’une voie de recours (remedies: … deadline: ${d.id}).`,
      );
      continue;
    }
    const parties = new Set<string>(remedies.flatMap((r) => r.by));
    for (const t of p.transitions)
      for (const e of t.effects)
        if (e.kind === 'start' && e.deadline === d.id && e.against) parties.add(e.against);
    for (const party of [...parties].sort()) {
      if (p.roles[party]?.kind !== 'partie') continue;
      const fact = residenceFact(party);
      const schema = Object.hasOwn(p.rules.facts, fact) ? p.rules.facts[fact] : undefined;
      const values = schema ? enumOf(schema) : undefined;
      const wrong = values?.filter((v) => !(RESIDENCES as readonly unknown[]).includes(v)) ?? [];
      if (schema && values && wrong.length === 0) continue;
      ctx.error(
        'deadline-distance-residence',
        d.distance.loc,
        !schema
          ? `Le délai « ${d.id} » applique les délais de distance contre « ${party} », mais le fait « ${fact} » (où demeure cette partie) n’est pas déclaré.`
          : !values
            ? `Le fait « ${fact} » doit énumérer les lieux de résidence (enum:) pour que le délai « ${d.id} » applique les délais de distance.`
            : `Le fait « ${fact} » a des valeurs qui ne sont pas des lieux de résidence : ${wrong.map((v) => `« ${String(v)} »`).join(', ')}.`,
        `Déclarez dans rules.yaml, sous facts:, ${fact} avec enum: [${RESIDENCES.join(', ')}] (ou une partie de ces valeurs) et established_by:.`,
      );
    }
  }
}

function enumOf(schema: Readonly<Record<string, unknown>>): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.oneOf)) return schema.oneOf.map((o) => (o as { const?: unknown }).const);
  return undefined;
}

export function checkDeadlineStarts(p: Parts, ctx: BuildContext): void {
  for (const t of p.transitions) {
    for (const e of t.effects) {
      if (e.kind !== 'start' && e.kind !== 'stop') continue;
      const d = p.deadlines[e.deadline];
      if (!d) continue; // unknown-deadline already said
      if (e.against !== undefined) {
        if (!d.perParty) {
          ctx.error(
            'deadline-party-unexpected',
            e.loc,
            `Le délai « ${d.id} » ne court pas par partie : against: ${e.against} n’a pas de sens ici.`,
            `Ajoutez per_party: true au délai « ${d.id} » s’il court séparément contre chaque partie, ou retirez against:.`,
          );
        }
        const role = p.roles[e.against];
        if (role && role.kind !== 'partie') {
          ctx.error(
            'deadline-party-not-party',
            e.loc,
            `Le rôle « ${e.against} » n’est pas une partie (kind: ${role.kind}) : un délai ne court pas contre lui.`,
            'Nommez sous against: une partie du litige (rôle de kind: partie).',
          );
        }
      } else if (e.kind === 'start' && d.perParty) {
        ctx.error(
          'deadline-party-missing',
          e.loc,
          `Le délai « ${d.id} » court par partie (per_party: true) : la transition « ${t.event} » doit dire contre quelle partie elle le fait courir.`,
          `Écrivez - start: { deadline: ${d.id}, against: <partie> }.`,
        );
      }
      if (e.kind === 'start' && e.from !== undefined) checkActDate(p, t, e.from, e.loc, ctx);
    }
  }
}

/** `from:` names a required `format: date` field of the transition's form. */
function checkActDate(
  p: Parts,
  t: Transition,
  field: string,
  loc: Transition['loc'],
  ctx: BuildContext,
): void {
  const form = t.form !== undefined ? p.forms[t.form] : undefined;
  const props = (form?.schema.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const prop = Object.hasOwn(props, field) ? props[field] : undefined;
  if (!form || !prop) {
    ctx.error(
      'act-date-unknown-field',
      loc,
      form
        ? `Le champ « ${field} » n’existe pas dans le formulaire « ${form.id} » : il ne peut dater l’acte dont le délai court.`
        : `La transition « ${t.event} » n’a pas de formulaire : aucun champ « ${field} » ne peut dater l’acte.`,
      form
        ? `Nommez sous from: un champ date du formulaire « ${form.id} » (${Object.keys(props).join(', ')}).`
        : 'Ajoutez form: à la transition, ou retirez from: (le délai courra du jour de l’enregistrement).',
    );
    return;
  }
  if (prop.type !== 'string' || prop.format !== 'date') {
    ctx.error(
      'act-date-not-date',
      loc,
      `Le champ « ${field} » du formulaire « ${form.id} » n’est pas une date : il ne peut dater l’acte.`,
      `Déclarez-le type: string, format: date.`,
    );
  }
  const required = Array.isArray(form.schema.required) ? (form.schema.required as unknown[]) : [];
  if (!required.includes(field)) {
    ctx.error(
      'act-date-optional',
      loc,
      `Le champ « ${field} » du formulaire « ${form.id} » est facultatif : sans lui, le délai ne saurait d’où courir.`,
      `Ajoutez ${field} à la liste required: du formulaire « ${form.id} ».`,
    );
  }
}
