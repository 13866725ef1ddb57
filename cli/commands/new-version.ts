/** `greffe new-version <procédure> <version> [--from <version>]`: copies a version as a draft to edit. */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions, DEFAULT_SPEC_ROOT, listVersions } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe new-version <procédure> <version> [--from <version>] [--spec DOSSIER]

Copie une version de la procédure (par défaut la dernière) dans
<procédure>/<version>/, en projet (status: draft), prête à être modifiée :
une version publiée ne change jamais, une correction est une nouvelle version.
Les scénarios ajoutés à côté de la version copiée (<procédure>/tests/<version>/)
rejoignent le dossier tests/ de la nouvelle.
  --from    version copiée (par défaut la plus récente)
  --spec    racine des procédures (par défaut ${DEFAULT_SPEC_ROOT})
Code de sortie : 0 si la version est créée, 2 si l'appel est incorrect.`;

const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$/;

/** Rewrites the top-level `key:` line of procedure.yaml, keeping comments and layout. */
function setTopLevel(text: string, key: string, value: string): string {
  const re = new RegExp(`^${key}:.*$`, 'm');
  if (!re.test(text)) throw new Error(`procedure.yaml ne déclare pas ${key}:`);
  return text.replace(re, `${key}: ${value}`);
}

const OPTIONS = {
  from: { type: 'string' },
  spec: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'copie une version de procédure en projet, prête à être modifiée',
  async run(args) {
    const parsed = parseCommand('new-version', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const [id, version] = positionals;
    if (!id || !version || positionals.length > 2) {
      return usageError('new-version', `il faut une procédure et une version.`, HELP);
    }
    if (!SEMVER.test(version)) {
      console.error(`greffe new-version : « ${version} » n’est pas une version sémantique (ex. 1.2.0).`);
      return 2;
    }
    const root = values.spec ?? DEFAULT_SPEC_ROOT;
    const mine = listVersions(root).filter((v) => v.id === id);
    if (mine.length === 0) {
      console.error(`greffe new-version : aucune procédure « ${id} » sous ${root}.`);
      return 2;
    }
    const source = values.from ? mine.find((v) => v.version === values.from) : mine.at(-1);
    if (!source) {
      console.error(
        `greffe new-version : ${id} n’a pas de version ${values.from} (versions : ${mine.map((v) => v.version).join(', ')}).`,
      );
      return 2;
    }
    if (compareVersions(version, source.version) <= 0) {
      console.error(
        `greffe new-version : la nouvelle version doit suivre ${source.version} (ex. ${source.version.replace(/\d+$/, (n) => String(Number(n) + 1))}).`,
      );
      return 2;
    }
    const target = join(root, id, version);
    if (existsSync(target)) {
      console.error(`greffe new-version : ${target} existe déjà.`);
      return 2;
    }
    cpSync(source.dir, target, { recursive: true });
    const manifest = join(target, 'procedure.yaml');
    let text = readFileSync(manifest, 'utf8');
    text = setTopLevel(text, 'version', version);
    text = setTopLevel(text, 'status', 'draft');
    writeFileSync(manifest, text);
    // Scenarios written beside the copied version after its publication join the draft's own tests/.
    const beside = join(root, id, 'tests', source.version);
    const moved: string[] = [];
    if (existsSync(beside)) {
      for (const f of readdirSync(beside).filter((n) => /\.ya?ml$/.test(n))) {
        const dest = join(target, 'tests', existsSync(join(target, 'tests', f)) ? `ajout-${f}` : f);
        cpSync(join(beside, f), dest);
        moved.push(dest);
      }
    }
    console.log(`Version ${version} de ${id} créée en projet dans ${target}, copiée de ${source.version}.`);
    if (moved.length > 0) console.log(`Scénarios repris de ${beside} : ${moved.join(', ')}.`);
    console.log(
      `Fixez sa date d’entrée en vigueur (effective:, aujourd’hui ${source.effective ?? 'absente'}), modifiez-la, puis : npx greffe publish ${target}`,
    );
    return 0;
  },
};
