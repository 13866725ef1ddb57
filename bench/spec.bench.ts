/**
 * `greffe validate`'s work — load, check, and the drafting checker on the generated legal text — on the
 * annex and on generated specs 10× and 100× larger: the cost should grow about linearly. Run on the first
 * annex (language v1) and on its newest version (language v2: filings, typed remedies, per-party deadlines),
 * so the v2 checks are measured too.
 */
import { existsSync, readdirSync } from 'node:fs';
import { checkDrafting } from '../renderer/index.ts';
import { compareVersions, loadProcedure } from '../spec/index.ts';
import type { BenchModule } from './run.ts';
import { scaleSpec } from './scale-spec.ts';
import { fmt, medianMs } from './stats.ts';

const ANNEX_ROOT = 'spec/procedures/petits-litiges';
const ANNEX = `${ANNEX_ROOT}/1.0.0`;
const FIXTURE = 'test/fixtures/procedures/mediation/1.0.0';

/** What validate does for one version: load and check the spec, then check the drafting of its legal text. */
function validate(dir: string): void {
  const { procedure } = loadProcedure(dir);
  if (procedure) checkDrafting(procedure);
}

export const bench: BenchModule = {
  title: 'Spec loader and checker',
  async run(log) {
    const first = existsSync(`${ANNEX}/procedure.yaml`) ? ANNEX : FIXTURE;
    const newest = existsSync(ANNEX_ROOT)
      ? readdirSync(ANNEX_ROOT)
          .filter((v) => existsSync(`${ANNEX_ROOT}/${v}/procedure.yaml`))
          .sort(compareVersions)
          .at(-1)
      : undefined;
    await measure(first, log);
    if (newest && `${ANNEX_ROOT}/${newest}` !== first) await measure(`${ANNEX_ROOT}/${newest}`, log);
  },
};

async function measure(base: string, log: (line: string) => void): Promise<void> {
  log(`base: ${base}`);
  const rows: { factor: number; ms: number; transitions: number }[] = [];
  for (const factor of [1, 10, 100]) {
    const dir = factor === 1 ? base : scaleSpec(base, factor);
    const first = loadProcedure(dir);
    const errors = first.diagnostics.filter((d) => d.severity === 'error');
    // A scaled spec must stay valid: an error would be a false one of a checker (or a rename the scaler misses).
    if (!first.procedure || errors.length > 0)
      throw new Error(
        `spec ×${factor} invalide : ${errors
          .slice(0, 3)
          .map((d) => d.message)
          .join(' | ')}`,
      );
    const ms = await medianMs(() => validate(dir), factor === 100 ? 3 : 7);
    rows.push({ factor, ms, transitions: first.procedure.transitions.length });
  }
  const one = rows[0] as (typeof rows)[number];
  for (const r of rows) {
    const perTransition = r.ms / r.transitions;
    log(
      `×${String(r.factor).padEnd(3)} ${String(r.transitions).padStart(6)} transitions  ${fmt(r.ms, 1).padStart(8)} ms  ` +
        `${fmt(perTransition * 1000, 1)} µs/transition  time ratio ×${fmt(r.ms / one.ms, 1)} (size ratio ×${fmt(r.transitions / one.transitions, 1)})`,
    );
  }
  const last = rows.at(-1) as (typeof rows)[number];
  const growth = last.ms / one.ms / (last.transitions / one.transitions);
  log(`cost per transition at ×100 vs ×1: ${fmt(growth, 2)} (1 = linear; a quadratic checker would be ~100)`);
}
