import { build } from 'esbuild';
import { brotliCompressSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
const r = await build({ entryPoints: { main: 'forms/web/src/main.tsx' }, outdir: '/tmp/metaout', bundle: true, splitting: true, format: 'esm', platform: 'browser', target: ['chrome100'], jsx: 'automatic', minify: true, alias: { react: 'preact/compat', 'react-dom': 'preact/compat' }, define: { 'process.env.NODE_ENV': '"production"' }, metafile: true, write: false, chunkNames: 'chunk-[hash]', entryNames: '[name]' });
const all: Record<string, number> = {};
for (const [out, o] of Object.entries(r.metafile.outputs)) {
  for (const [inp, i] of Object.entries(o.inputs)) {
    if (process.argv[2] && inp.includes(process.argv[2])) all[inp + ' @' + out.slice(-16)] = i.bytesInOutput;
  }
}
for (const [k, v] of Object.entries(all).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(v, k);
