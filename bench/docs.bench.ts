/**
 * The annex site's build time (`greffe docs build`) for the real annex, its
 * steps, and each diagram's render time. Baselines measured in the same run:
 * loading the spec (what any command pays) and rendering a one-state
 * diagram (mermaid's fixed cost per diagram in the already-open page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, launchBrowser, renderMermaidSvgs, type SiteReport } from '../renderer/index.ts';
import { loadProcedure } from '../spec/index.ts';
import type { BenchModule } from './run.ts';
import { fmt, medianMs } from './stats.ts';

const ANNEX = 'spec/procedures/petits-litiges/1.0.0';
const RUNS = 3;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export const bench: BenchModule = {
  title: 'Annex site build (greffe docs build)',
  async run(log) {
    const loadMs = await medianMs(() => loadProcedure(ANNEX), 5);
    log(`baseline: load the annex spec            ${fmt(loadMs)} ms (median of 5)`);

    const reports: SiteReport[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = mkdtempSync(join(tmpdir(), 'greffe-bench-docs-'));
      try {
        reports.push(await buildSite([ANNEX], out));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
    const total = median(reports.map((r) => r.timings.total));
    log(
      `full site build, own Chromium            ${fmt(total)} ms (median of ${RUNS}) = ${fmt(total / loadMs, 1)} × load`,
    );
    const steps = ['load', 'generate', 'browser', 'mermaid', 'pdf', 'write'] as const;
    for (const s of steps) log(`  ${s.padEnd(38)} ${fmt(median(reports.map((r) => r.timings[s])))} ms`);

    const browser = await launchBrowser();
    try {
      const tiny = await renderMermaidSvgs(browser, [
        { id: 'warm', source: 'stateDiagram-v2\n  [*] --> a\n' },
        ...Array.from({ length: 5 }, (_, i) => ({
          id: `tiny${i}`,
          source: 'stateDiagram-v2\n  [*] --> a\n',
        })),
      ]);
      const tinyMs = median(tiny.slice(1).map((r) => r.ms));
      log(`baseline: one-state diagram              ${fmt(tinyMs, 1)} ms (median of 5, page already open)`);
      const diagrams = reports.at(-1)?.versions[0]?.diagrams ?? [];
      const times = diagrams.map((d) => d.ms);
      log(
        `diagrams: ${diagrams.length}, median ${fmt(median(times))} ms (${fmt(median(times) / tinyMs, 1)} × baseline), max ${fmt(Math.max(...times))} ms`,
      );
      for (const d of [...diagrams].sort((a, b) => b.ms - a.ms)) log(`  ${d.id.padEnd(38)} ${fmt(d.ms)} ms`);
    } finally {
      await browser.close();
    }
  },
};
