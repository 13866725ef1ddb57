/**
 * `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those named) in
 * one process and prints their figures. Each bench measures its own baseline
 * in the same run and reports ratios: absolute numbers vary with the machine.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Log = (line: string) => void;

export interface BenchModule {
  readonly title: string;
  run(log: Log): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Bench names; `--name=value` arguments are the benches' own options (e.g. `scale --cases=1000000`). */
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { bench: BenchModule };
  console.log(`\n## ${mod.bench.title} (${f})`);
  const t0 = performance.now();
  await mod.bench.run((line) => console.log(`  ${line}`));
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
