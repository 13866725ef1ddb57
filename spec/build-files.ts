/** Turns forms/*.yaml, rules.yaml and tests/*.yaml into model nodes. */
import { basename } from 'node:path';
import type { BuildContext } from './build-context.ts';
import { obj, str, strList } from './build-context.ts';
import type { DecisionCase, Form, Journey, Parameter, Rule, RuleSet, Rules, ScenarioFile } from './model.ts';
import { createAjv } from './schema-check.ts';
import { OPERATORS } from './vocabulary.ts';
import type { Path, SourceFile } from './yaml-source.ts';

const ajv = createAjv();
/**
 * Why ajv refused a schema (undefined: it compiled), by the schema's JSON: each schema is compiled
 * once per process — `greffe dev` loads a version again at every save, and ajv keeps every schema
 * object it compiled.
 */
const refusals = new Map<string, string | undefined>();

function refusal(schema: Record<string, unknown>): string | undefined {
  const key = JSON.stringify(schema);
  if (refusals.has(key)) return refusals.get(key);
  let reason: string | undefined;
  try {
    ajv.compile(schema);
  } catch (err: unknown) {
    reason = err instanceof Error ? err.message : String(err);
  }
  refusals.set(key, reason);
  return reason;
}

/** Compiles a drafter-written JSON Schema; reports why ajv refuses it. */
function compiles(ctx: BuildContext, schema: unknown, src: SourceFile, path: Path, what: string): boolean {
  const reason = refusal(obj(schema));
  if (reason === undefined) return true;
  ctx.error(
    'invalid-json-schema',
    src.locate(path),
    `Le schéma JSON ${what} est refusé : ${reason}`,
    'N’utilisez que les mots-clés du JSON Schema 2020-12 (type, properties, enum, minimum…).',
  );
  return false;
}

export function buildForm(src: SourceFile, ctx: BuildContext): Form | undefined {
  const f = obj(src.data);
  const expected = basename(src.file).replace(/\.ya?ml$/, '');
  if (f.id !== expected) {
    ctx.error(
      'form-id-mismatch',
      src.locate(['id']),
      `Le formulaire s’appelle « ${String(f.id)} » mais son fichier est ${basename(src.file)}.`,
      `Renommez le fichier en ${String(f.id)}.yaml ou écrivez id: ${expected}.`,
    );
  }
  compiles(ctx, f.schema, src, ['schema'], `du formulaire « ${expected} »`);
  const glossary = Object.fromEntries(
    Object.entries(obj(f.glossary)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return {
    id: expected,
    title: String(f.title),
    ...(str(f, 'description') !== undefined && { description: str(f, 'description') }),
    ...(str(f, 'help') !== undefined && { help: str(f, 'help') }),
    ...(str(f, 'source') !== undefined && { source: str(f, 'source') }),
    ...(str(f, 'basis') !== undefined && { basis: str(f, 'basis') }),
    ...(str(f, 'note') !== undefined && { note: str(f, 'note') }),
    schema: obj(f.schema),
    uischema: obj(f.uischema),
    glossary,
    loc: src.locate([]),
  };
}

function checkRuleCondition(
  ctx: BuildContext,
  cond: unknown,
  src: SourceFile,
  path: (string | number)[],
  facts: ReadonlySet<string>,
  params: Record<string, Parameter>,
): void {
  const c = obj(cond);
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(c[key]))
      c[key].forEach((x, i) => checkRuleCondition(ctx, x, src, [...path, key, i], facts, params));
  }
  if (c.not) checkRuleCondition(ctx, c.not, src, [...path, 'not'], facts, params);
  if (typeof c.fact !== 'string') return;
  ctx.ref('fact', c.fact, facts, src, [...path, 'fact']);
  ctx.ref('operator', String(c.operator), OPERATORS, src, [...path, 'operator']);
  const v = obj(c.value);
  if (typeof v.fact === 'string') ctx.ref('fact', v.fact, facts, src, [...path, 'value', 'fact']);
  if (
    typeof v.param === 'string' &&
    ctx.ref('parameter', v.param, params, src, [...path, 'value', 'param'])
  ) {
    const p = params[v.param] as Parameter;
    if (typeof v.column === 'string' && p.type !== 'table' && !(p.type === 'list' && v.column === 'id')) {
      ctx.error(
        'parameter-type',
        src.locate([...path, 'value', 'column']),
        `column: ne s’applique qu’à un paramètre table ou list ; « ${v.param} » est de type ${p.type}.`,
        'Retirez column: ou citez un paramètre de type table.',
      );
    }
  }
}

export function buildRules(src: SourceFile, ctx: BuildContext, params: Record<string, Parameter>): Rules {
  const root = obj(src.data);
  const facts: Record<string, Record<string, unknown>> = {};
  const establishedBy: Record<string, readonly string[]> = {};
  for (const [name, raw] of Object.entries(obj(root.facts))) {
    // established_by: says who gives the fact, not what it is: kept out of its JSON Schema.
    const { established_by, ...schema } = obj(raw);
    if (established_by !== undefined) establishedBy[name] = strList(established_by);
    compiles(ctx, schema, src, ['facts', name], `du fait « ${name} »`);
    facts[name] = schema;
  }
  const factNames = new Set(Object.keys(facts));
  const rulesets: Record<string, RuleSet> = {};
  const seen = new Map<string, string>();
  for (const [id, raw] of Object.entries(obj(root.rulesets))) {
    const r = obj(raw);
    const base = ['rulesets', id];
    const declared = strList(r.facts);
    declared.forEach((f, i) => ctx.ref('fact', f, factNames, src, [...base, 'facts', i]));
    const rules = (Array.isArray(r.rules) ? r.rules : []).map((x, i): Rule => {
      const o = obj(x);
      const ruleId = String(o.id);
      const p = [...base, 'rules', i];
      if (seen.has(ruleId)) {
        ctx.error(
          'duplicate-id',
          src.locate([...p, 'id']),
          `La règle « ${ruleId} » est déjà définie (${seen.get(ruleId)}).`,
          'Donnez un identifiant unique à chaque règle.',
        );
      }
      seen.set(ruleId, id);
      checkRuleCondition(ctx, o.conditions, src, [...p, 'conditions'], new Set(declared), params);
      return {
        id: ruleId,
        ...(str(o, 'label') !== undefined && { label: str(o, 'label') }),
        conditions: o.conditions as Rule['conditions'],
        explanation: String(o.explanation),
        ...(str(o, 'failure') !== undefined && { failure: str(o, 'failure') }),
        basis: String(o.basis),
        ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
        ...(str(o, 'note') !== undefined && { note: str(o, 'note') }),
        ...(typeof obj(o.text).fr === 'string' && { textFr: obj(o.text).fr as string }),
        loc: src.locate(p),
      };
    });
    const outcomes = obj(r.outcomes);
    rulesets[id] = {
      id,
      label: String(r.label),
      ...(str(r, 'description') !== undefined && { description: str(r, 'description') }),
      ...(str(r, 'source') !== undefined && { source: str(r, 'source') }),
      ...(str(r, 'basis') !== undefined && { basis: str(r, 'basis') }),
      ...(str(r, 'note') !== undefined && { note: str(r, 'note') }),
      facts: declared,
      combine: r.combine === 'any' ? 'any' : 'all',
      outcomes: {
        satisfied: (outcomes.satisfied as string | boolean | undefined) ?? true,
        unsatisfied: (outcomes.unsatisfied as string | boolean | undefined) ?? false,
        ...(typeof outcomes.unsatisfied_text === 'string' && { unsatisfiedText: outcomes.unsatisfied_text }),
      },
      rules,
      loc: src.locateKey(base),
    };
  }
  return { facts, establishedBy, rulesets };
}

export function buildTests(
  src: SourceFile,
  ctx: BuildContext,
  rules: Rules,
  states: ReadonlySet<string>,
  roles: ReadonlySet<string>,
  events: ReadonlySet<string>,
): ScenarioFile {
  const root = obj(src.data);
  const rulesetNames = new Set(Object.keys(rules.rulesets));
  const decisions = (Array.isArray(root.decisions) ? root.decisions : []).map((x, i): DecisionCase => {
    const o = obj(x);
    const p = ['decisions', i];
    const ruleset = String(o.ruleset);
    if (ctx.ref('ruleset', ruleset, rulesetNames, src, [...p, 'ruleset'])) {
      const ruleIds = new Set(rules.rulesets[ruleset]?.rules.map((r) => r.id));
      strList(obj(o.expect).reasons).forEach((r, j) => {
        if (!ruleIds.has(r)) {
          ctx.error(
            'unknown-rule',
            src.locate([...p, 'expect', 'reasons', j]),
            `La règle « ${r} » n’existe pas dans le jeu « ${ruleset} ».`,
            'Citez l’id d’une règle de ce jeu dans rules.yaml.',
          );
        }
      });
    }
    const e = obj(o.expect);
    return {
      name: String(o.name),
      ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
      ruleset,
      facts: obj(o.facts),
      expect: {
        outcome: e.outcome as string | boolean,
        ...(Array.isArray(e.reasons) && { reasons: strList(e.reasons) }),
        ...(Array.isArray(e.invalid) && { invalid: strList(e.invalid) }),
      },
      loc: src.locate(p),
    };
  });
  const journeys = (Array.isArray(root.journeys) ? root.journeys : []).map((x, i): Journey => {
    const o = obj(x);
    const p = ['journeys', i];
    if (typeof o.start === 'string') ctx.ref('state', o.start, states, src, [...p, 'start']);
    const steps = (Array.isArray(o.steps) ? o.steps : []).map((s, j) => {
      const st = obj(s);
      const sp = [...p, 'steps', j];
      if (typeof st.event === 'string') ctx.ref('event', st.event, events, src, [...sp, 'event']);
      if (typeof st.as === 'string') ctx.ref('role', st.as, roles, src, [...sp, 'as']);
      if (typeof st.expect_state === 'string')
        ctx.ref('state', st.expect_state, states, src, [...sp, 'expect_state']);
      return {
        ...(typeof st.event === 'string' && { event: st.event }),
        ...(typeof st.as === 'string' && { as: st.as }),
        ...(st.data !== undefined && { data: obj(st.data) }),
        ...(typeof st.wait === 'string' && { wait: st.wait }),
        ...(typeof st.expect_state === 'string' && { expectState: st.expect_state }),
        ...(typeof st.expect_refusal === 'string' && { expectRefusal: st.expect_refusal }),
        ...(typeof st.expect_message === 'string' && { expectMessage: st.expect_message }),
        loc: src.locate(sp),
      };
    });
    const e = obj(o.expect);
    ctx.ref('state', String(e.state), states, src, [...p, 'expect', 'state']);
    return {
      name: String(o.name),
      ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
      ...(typeof o.start === 'string' && { start: o.start }),
      ...(typeof o.court === 'string' && { court: o.court }),
      steps,
      expect: {
        state: String(e.state),
        ...(Array.isArray(e.deadlines) && { deadlines: strList(e.deadlines) }),
        ...(Array.isArray(e.documents) && { documents: strList(e.documents) }),
        ...(e.facts !== undefined && { facts: obj(e.facts) }),
      },
      loc: src.locate(p),
    };
  });
  return {
    file: src.file,
    ...(str(root, 'description') !== undefined && { description: str(root, 'description') }),
    decisions,
    journeys,
  };
}
