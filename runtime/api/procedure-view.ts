/** The procedure and its forms as the web app displays them, French texts rendered (`${seuil}` → "4 000 €"). */
import { formatParameter, type Form, type Procedure, renderTemplate } from '../../spec/index.ts';

const TEXT_KEYS = new Set(['title', 'description', 'label', 'text', 'help']);

/** Renders `${param}` in the prose of a JSON Schema or UI schema (titles, descriptions, labels), nothing else. */
export function renderProse(v: unknown, p: Procedure, key = ''): unknown {
  if (typeof v === 'string') return TEXT_KEYS.has(key) ? renderTemplate(v, p) : v;
  if (Array.isArray(v)) return v.map((x) => renderProse(x, p, key === 'oneOf' || key === 'anyOf' ? '' : key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renderProse(x, p, k)]));
  }
  return v;
}

const r = (p: Procedure, text: string | undefined) => (text === undefined ? null : renderTemplate(text, p));

export function procedureSummary(p: Procedure) {
  return {
    id: p.id,
    version: p.version,
    status: p.status,
    effective: p.effective,
    title: renderTemplate(p.title, p),
  };
}

/** An entry of the procedures list: `forNewCases` when a case filed now would take this version. */
export function procedureListing(p: Procedure, forNewCases: boolean) {
  return { ...procedureSummary(p), forNewCases };
}

export function procedureView(p: Procedure) {
  const glossary: Record<string, string> = {};
  for (const f of Object.values(p.forms))
    for (const [w, d] of Object.entries(f.glossary)) glossary[w] ??= renderTemplate(d, p);
  return {
    ...procedureSummary(p),
    eligibility: eligibilityView(p),
    shortTitle: p.shortTitle ?? null,
    summary: r(p, p.summary),
    calendar: p.calendar,
    phases: Object.values(p.phases)
      .sort((a, b) => a.order - b.order)
      .map((ph) => ({ id: ph.id, label: ph.label, description: r(p, ph.description), order: ph.order })),
    states: Object.values(p.states).map((s) => ({
      id: s.id,
      label: s.label,
      phase: s.phase,
      help: r(p, s.help),
      initial: s.initial,
      final: s.final,
      outcome: s.outcome ?? null,
    })),
    roles: Object.values(p.roles).map((x) => ({
      id: x.id,
      label: x.label,
      kind: x.kind,
      description: r(p, x.description),
    })),
    parameters: Object.values(p.parameters).map((x) => ({
      id: x.id,
      label: x.label,
      text: formatParameter(x),
    })),
    glossary,
    transitions: p.transitions.map((t) => ({
      event: t.event,
      label: t.label,
      from: t.from,
      to: t.to,
      roles: t.roles,
      form: t.form ?? null,
      automatic: t.automatic,
    })),
    deadlines: Object.values(p.deadlines).map((d) => {
      const duration = p.parameters[d.duration];
      return { id: d.id, label: d.label, duration: duration ? formatParameter(duration) : d.duration };
    }),
    documents: Object.values(p.documents).map((d) => {
      // The checker makes max_size an integer parameter (bytes).
      const max = d.upload?.maxSize ? p.parameters[d.upload.maxSize] : undefined;
      return {
        id: d.id,
        label: d.label,
        visibleTo: d.visibleTo,
        upload: d.upload
          ? { types: d.upload.types, maxSize: max?.type === 'integer' ? max.value : null }
          : null,
      };
    }),
  };
}

/**
 * The questionnaire a citizen answers before filing: the rule set guarding the transitions out of
 * an initial state (the filing), the facts it reads, the filing form that asks them, and where to
 * go instead when the answer is no (the rule set's `unsatisfied_text`). Null when no filing is guarded.
 */
export function eligibilityView(p: Procedure) {
  const filings = p.transitions.filter((t) => t.from.some((s) => p.states[s]?.initial) && t.guard.length > 0);
  for (const t of filings) {
    for (const id of t.guard) {
      const rs = p.rules.rulesets[id];
      if (!rs) continue;
      return {
        ruleset: rs.id,
        label: renderTemplate(rs.label, p),
        event: t.event,
        form: t.form ?? null,
        facts: rs.facts,
        alternative: r(p, rs.outcomes.unsatisfiedText),
      };
    }
  }
  return null;
}

export function formView(p: Procedure, f: Form) {
  return {
    id: f.id,
    title: renderTemplate(f.title, p),
    description: r(p, f.description),
    help: r(p, f.help),
    // renderProse keeps the shape of what it is given: a schema stays an object.
    schema: renderProse(f.schema, p) as Record<string, unknown>,
    uischema: renderProse(f.uischema, p) as Record<string, unknown>,
    glossary: Object.fromEntries(Object.entries(f.glossary).map(([w, d]) => [w, renderTemplate(d, p)])),
  };
}
