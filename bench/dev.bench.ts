/**
 * `npm run bench -- dev [--saves=N]`: the live preview (`greffe dev`) on a
 * draft copy of the annex. Each save writes a new threshold into
 * procedure.yaml; measured from the write to the open page (Chromium) showing
 * the new amount — file watch, re-check, pages regenerated, event sent, page
 * reloaded and drawn — and, inside that, the re-check alone. Baselines from
 * the same run: loading the annex spec (what `greffe validate` pays per
 * version) and a plain reload of the same page, each taken right after
 * every save (paired ratios: the machine's load varies during a run).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDev } from '../cli/dev/dev-server.ts';
import { WEB_DIST_DIR, webDistReady } from '../forms/index.ts';
import { launchBrowser } from '../renderer/index.ts';
import { loadProcedure } from '../spec/index.ts';
import type { BenchModule } from './run.ts';
import { fmt, medianMs } from './stats.ts';

const SOURCE = 'spec/procedures/petits-litiges/1.1.0';

const option = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: readonly number[], q: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;

export const bench: BenchModule = {
  title: 'Live preview (greffe dev): save → updated page',
  async run(log) {
    const saves = option('saves', 10);
    const root = mkdtempSync(join(tmpdir(), 'greffe-bench-dev-'));
    const dir = join(root, 'petits-litiges', '1.2.0');
    cpSync(SOURCE, dir, { recursive: true });
    const file = join(dir, 'procedure.yaml');
    const original = readFileSync(file, 'utf8')
      .replace(/^version: 1\.1\.0$/m, 'version: 1.2.0')
      .replace(/^status: published$/m, 'status: draft');
    writeFileSync(file, original);

    const dev = await startDev({
      spec: root,
      port: 0,
      appPort: 0,
      ...(webDistReady() && { webDir: WEB_DIST_DIR }),
      log: () => undefined,
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const address = `${dev.url}/petits-litiges/1.2.0/texte.html`;
      await page.goto(address);

      const rebuilds: { ms: number; loadMs: number }[] = [];
      dev.onRebuilt((r) => rebuilds.push(r));
      /** Per save, the time of the checks it caused (an editor's save may come as two events). */
      const checks: number[] = [];
      /** Per save, how many checks it caused (the watcher's debounce should make it one). */
      const checkCounts: number[] = [];
      const loadBefore = loadavg();
      const { parsed, reused } = dev.state.sources;
      const specLoads: number[] = [];
      const updates: number[] = [];
      // Baselines taken right after each save, so that each pair ran under the same load of the machine.
      const loads: number[] = [];
      const reloads: number[] = [];
      for (let i = 1; i <= saves; i++) {
        const amount = 4000 + i; // shown as "4 00i €" (up to 999 saves)
        const shown = `4\\s${String(i).padStart(3, '0')}\\s€`;
        const seen = rebuilds.length;
        const t0 = performance.now();
        writeFileSync(
          file,
          original.replace(
            'value: { amount: 4000, currency: EUR }',
            `value: { amount: ${amount}, currency: EUR }`,
          ),
        );
        await page.waitForFunction((re) => new RegExp(re).test(document.body.textContent ?? ''), shown, {
          timeout: 120_000,
        });
        updates.push(performance.now() - t0);
        checks.push(rebuilds.slice(seen).reduce((a, b) => a + b.ms, 0));
        checkCounts.push(rebuilds.length - seen);
        specLoads.push(rebuilds.slice(seen).reduce((a, b) => a + b.loadMs, 0));
        loads.push(await medianMs(() => loadProcedure(dir), 1));
        reloads.push(await medianMs(() => page.reload({ waitUntil: 'load' }), 1));
      }
      const update = at(updates, 0.5);
      const check = at(checks, 0.5);
      const ratio = (xs: readonly number[], base: readonly number[]) =>
        at(
          xs.map((x, i) => x / (base[i] ?? x)),
          0.5,
        );
      log(
        `baseline: load the annex spec            ${fmt(at(loads, 0.5))} ms (median of ${saves}, one after each save, min ${fmt(Math.min(...loads))})`,
      );
      log(
        `baseline: plain reload of the page       ${fmt(at(reloads, 0.5))} ms (median of ${saves}, one after each save)`,
      );
      log(
        `save → updated page                      ${fmt(update)} ms (median of ${saves}, min ${fmt(Math.min(...updates))}, max ${fmt(Math.max(...updates))}) = ${fmt(ratio(updates, reloads), 1)} × plain reload`,
      );
      log(
        `  re-check of the saved version          ${fmt(check)} ms (median of ${saves}, min ${fmt(Math.min(...checks))}, max ${fmt(Math.max(...checks))}) = ${fmt(ratio(checks, loads), 1)} × load; goal < 1000 ms`,
      );
      log(`    of which loading the spec            ${fmt(at(specLoads, 0.5))} ms (median)`);
      log(
        `    checks per save                      ${Math.min(...checkCounts)}–${Math.max(...checkCounts)}; spec files parsed again ${dev.state.sources.parsed - parsed}, reused unchanged ${dev.state.sources.reused - reused}`,
      );
      log(`  the rest (watch, event, reload, draw)  ${fmt(update - check)} ms`);
      const avg = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
      log(`machine load (1, 5, 15 min)              ${avg(loadBefore)} before, ${avg(loadavg())} after`);
    } finally {
      await browser.close();
      await dev.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
