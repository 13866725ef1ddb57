/**
 * Writes the `communes:` list of a département's court dataset
 * (runtime/courts/data/*.yaml): `[code INSEE, nom, [codes postaux]]` for each
 * current commune, from the `data/communes.json` of @etalab/decoupage-administratif
 * (INSEE's Code officiel géographique and La Poste's Base officielle des codes
 * postaux). The package is not a dependency: fetch it with `npm pack`, then
 *   npx tsx scripts/courts-communes.ts path/to/package/data/communes.json 23
 * and paste the output under `communes:`.
 */
import { readFileSync } from 'node:fs';

interface Commune {
  readonly code: string;
  readonly nom: string;
  readonly departement: string;
  readonly type: string;
  readonly codesPostaux?: readonly string[];
}

const [file, departement] = process.argv.slice(2);
if (!file || !departement) {
  console.error('usage : tsx scripts/courts-communes.ts <communes.json> <code département>');
  process.exit(2);
}
const all = JSON.parse(readFileSync(file, 'utf8')) as Commune[];
const q = (s: string) => JSON.stringify(s);
for (const c of all
  .filter((c) => c.departement === departement && c.type === 'commune-actuelle')
  .sort((a, b) => a.code.localeCompare(b.code)))
  console.log(`      - [${q(c.code)}, ${q(c.nom)}, [${(c.codesPostaux ?? []).map(q).join(', ')}]]`);
