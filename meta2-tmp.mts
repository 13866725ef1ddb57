import { build } from 'esbuild';
import { brotliCompressSync, constants } from 'node:zlib';
const ext = process.argv.slice(2);
const r = await build({ entryPoints: { main: 'forms/web/src/main.tsx' }, outdir: '/tmp/metaout2', bundle: true, splitting: true, format: 'esm', platform: 'browser', target: ['chrome100','firefox100','safari15'], jsx: 'automatic', minify: true, alias: { react: 'preact/compat', 'react-dom': 'preact/compat' }, define: { 'process.env.NODE_ENV': '"production"' }, metafile: true, write: false, external: ext, chunkNames: 'chunk-[hash]', entryNames: '[name]' });
let raw = 0, br = 0;
const closure = new Set<string>(); const visit = (o: string) => { if (closure.has(o)) return; closure.add(o); for (const i of r.metafile.outputs[o]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path); };
visit(Object.keys(r.metafile.outputs).find((o) => r.metafile.outputs[o]!.entryPoint)!);
for (const f of r.outputFiles) { const rel = f.path.replace(process.cwd() + '/', '').replace('/tmp/', '../../tmp/'); if (![...closure].some((c) => f.path.endsWith(c.replace(/^(\.\.\/)+/, '/')))) continue; raw += f.contents.length; br += brotliCompressSync(f.contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length; }
console.log(ext.join(' ') || 'none', (raw / 1024).toFixed(1), (br / 1024).toFixed(1));
