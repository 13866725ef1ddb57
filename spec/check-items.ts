/** Checks across items: deadlines have a start and a consequence, facts are collected, texts cite known parameters. */
import type { BuildContext } from './build-context.ts';
import type { Procedure } from './model.ts';
import { CONTEXT_FACTS } from './vocabulary.ts';
import type { Path, SourceFile } from './yaml-source.ts';

type Parts = Pick<Procedure, 'deadlines' | 'transitions' | 'forms' | 'rules' | 'phases' | 'states'> &
  Partial<Pick<Procedure, 'remedies'>>;

export function checkDeadlines(p: Parts, ctx: BuildContext): void {
  const started = new Set(
    p.transitions.flatMap((t) => t.effects.flatMap((e) => (e.kind === 'start' ? [e.deadline] : []))),
  );
  // The reducer starts a remedy's deadline at each service, and the six months of CPC art. 478 at a default judgment.
  for (const r of Object.values(p.remedies ?? {})) if (r.deadline) started.add(r.deadline);
  for (const t of p.transitions) {
    const d = t.decision?.character?.voidUnlessServed;
    if (d) started.add(d);
  }
  const byEvent = new Map(p.transitions.map((t) => [t.event, t]));
  const firedEvents = new Set<string>();
  for (const d of Object.values(p.deadlines)) {
    if (!started.has(d.id)) {
      ctx.warn(
        'deadline-never-started',
        d.loc,
        `Aucune transition ne fait courir le délai « ${d.id} ».`,
        `Ajoutez l’effet - start: ${d.id} à la transition qui le déclenche, ou supprimez le délai.`,
      );
    }
    const ev = d.onExpiry.event;
    if (ev !== undefined) {
      firedEvents.add(ev);
      const t = byEvent.get(ev);
      if (t && !p.transitions.some((x) => x.event === ev && x.automatic)) {
        ctx.error(
          'deadline-event-not-automatic',
          d.loc,
          `À l’expiration du délai « ${d.id} », l’événement « ${ev} » doit être automatique.`,
          `Ajoutez automatic: true à la transition « ${ev} ».`,
        );
      }
    } else if (d.onExpiry.alert.length === 0) {
      ctx.error(
        'deadline-without-consequence',
        d.loc,
        `Le délai « ${d.id} » n’a aucune conséquence à son expiration.`,
        'Indiquez sous on_expiry: un event: automatique ou des rôles à alerter (alert:).',
      );
    }
  }
  for (const t of p.transitions) {
    if (t.automatic && !firedEvents.has(t.event)) {
      ctx.error(
        'automatic-without-deadline',
        t.loc,
        `La transition automatique « ${t.event} » n’est déclenchée par l’expiration d’aucun délai.`,
        `Ajoutez on_expiry: { event: ${t.event} } au délai concerné, ou des roles: à la transition.`,
      );
    }
  }
}

export function checkFacts(p: Parts, recorded: ReadonlySet<string>, ctx: BuildContext): void {
  const collected = new Set<string>([...recorded, ...CONTEXT_FACTS]);
  for (const f of Object.values(p.forms)) {
    for (const k of Object.keys((f.schema.properties as Record<string, unknown> | undefined) ?? {}))
      collected.add(k);
  }
  for (const rs of Object.values(p.rules.rulesets)) {
    for (const fact of rs.facts) {
      if (!collected.has(fact)) {
        ctx.warn(
          'fact-not-collected',
          rs.loc,
          `Le fait « ${fact} » lu par « ${rs.id} » n’est recueilli par aucun formulaire.`,
          `Ajoutez une propriété ${fact} au formulaire qui le demande, ou un effet record: qui l’enregistre.`,
        );
      }
    }
  }
  for (const t of p.transitions) {
    for (const g of t.guard) {
      const rs = p.rules.rulesets[g];
      if (!rs) continue;
      const fields = new Set([
        ...recorded,
        ...Object.keys((p.forms[t.form ?? '']?.schema.properties as object | undefined) ?? {}),
      ]);
      const missing = rs.facts.filter(
        (f) => !fields.has(f) && !(CONTEXT_FACTS as readonly string[]).includes(f),
      );
      if (missing.length > 0) {
        ctx.error(
          'guard-fact-missing',
          t.loc,
          `La condition « ${g} » de « ${t.event} » lit ${missing.map((m) => `« ${m} »`).join(', ')}, que ni son formulaire ni l’affaire ne fournissent.`,
          'Ajoutez ces champs au formulaire de la transition, ou enregistrez-les plus tôt avec un effet record:.',
        );
      }
    }
  }
  const used = new Set(Object.values(p.states).map((s) => s.phase));
  for (const ph of Object.values(p.phases)) {
    if (!used.has(ph.id))
      ctx.warn(
        'empty-phase',
        ph.loc,
        `Aucun état n’appartient à la phase « ${ph.id} ».`,
        'Rattachez un état à cette phase (phase:) ou supprimez-la.',
      );
  }
}

const TEMPLATE = /\$\{([^}]*)\}/g;

/** Every `${name}` in any text of `src` must name a parameter (or, in rules.yaml, a fact). */
export function checkTemplates(
  src: SourceFile,
  names: ReadonlySet<string>,
  ctx: BuildContext,
  suggest: (n: string) => string | undefined,
): void {
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(TEMPLATE)) {
        const name = (m[1] ?? '').trim();
        if (names.has(name)) continue;
        const guess = suggest(name);
        ctx.error(
          'unknown-parameter',
          src.locate(path as Path),
          `Le texte cite \${${name}}, qui n’est pas un paramètre déclaré.`,
          guess
            ? `Vouliez-vous dire \${${guess}} ? Sinon, déclarez-le sous parameters:.`
            : 'Déclarez ce paramètre sous parameters: dans procedure.yaml, ou corrigez son nom.',
        );
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(src.data, []);
}
