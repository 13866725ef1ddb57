/** The words of the spec language, read from its JSON Schemas (spec/schema/*.json). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './sources.ts';

const SCHEMA_DIR = join(ROOT, 'spec/schema');

function collect(node: unknown, words: Set<string>, keys: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collect(x, words, keys);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o.enum)) for (const v of o.enum) if (typeof v === 'string') words.add(v);
  if (typeof o.const === 'string') words.add(o.const);
  if (o.properties && typeof o.properties === 'object')
    for (const k of Object.keys(o.properties)) keys.add(k);
  for (const v of Object.values(o)) collect(v, words, keys);
}

function read(): { words: Set<string>; keys: Set<string> } {
  const words = new Set<string>();
  const keys = new Set<string>();
  for (const f of readdirSync(SCHEMA_DIR).filter((x) => x.endsWith('.schema.json')))
    collect(JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')), words, keys);
  return { words, keys };
}

/** Values the language enumerates: outcomes, decision kinds, channels, role kinds, upload types… */
export const languageWords = (): Set<string> => read().words;

/** Keys the language defines (`decided_by`, `objectives`, `astreinte`, `on_expiry`…): the loader in spec/ reads them. */
export const languageKeys = (): Set<string> => read().keys;
