#!/usr/bin/env node
/**
 * Makes `npm start` and `npm test` work on a fresh Debian machine (README, "The
 * two commands"): installs the npm dependencies when they are missing or older
 * than the lock file; Debian's fonts-liberation, which the court acts' PDFs
 * embed (runtime/acts/render-pdf.ts), for both; and — for the tests (`--test`)
 * — Debian's Chromium (browser tests, the annex's diagrams and PDF) and
 * poppler, through apt-get when running as root. Plain Node on purpose: it runs before anything is
 * installed. Every step it takes is printed; a step that fails stops the
 * command with its exit code (nothing is skipped silently).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');

function run(command, args) {
  console.error(`greffe: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function npmDependenciesStale() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return 'node_modules absent';
  const lock = join(root, 'package-lock.json');
  if (statSync(lock).mtimeMs > statSync(installed).mtimeMs) return 'package-lock.json plus récent';
  return undefined;
}

const have = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const stale = npmDependenciesStale();
if (stale) {
  console.error(`greffe: dépendances npm à installer (${stale}).`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Installs Debian `packages` as root through apt-get, or says how and stops (`why` names who needs them). */
function aptInstall(packages, why) {
  if (process.getuid?.() !== 0) {
    console.error(
      `greffe: ${why} ont besoin des paquets Debian ${packages.join(', ')}.\n` +
        `  → installez-les : sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

// The fonts every court act embeds: without them no act can be rendered (npm start and the tests).
const fontDir = process.env.GREFFE_FONT_DIR ?? '/usr/share/fonts/truetype/liberation';
const font = join(fontDir, 'LiberationSerif-Regular.ttf');
if (!existsSync(font)) {
  if (process.env.GREFFE_FONT_DIR) {
    console.error(
      `greffe: police introuvable : ${font} (GREFFE_FONT_DIR). Les actes en PDF ne pourraient pas être rendus.`,
    );
    process.exit(1);
  }
  console.error(`greffe: police des actes absente (${font}).`);
  aptInstall(['fonts-liberation'], 'les actes de la juridiction (PDF)');
}

if (forTests) {
  const missing = [
    ['chromium', 'chromium fonts-liberation'],
    ['pdfsig', 'poppler-utils'], // court acts: pdftotext and pdfsig check the PDFs and their seal
    ['certutil', 'libnss3-tools'], // an NSS database trusting the development CA for pdfsig
  ].filter(([bin]) => !have(bin));
  if (missing.length > 0) {
    aptInstall(
      missing.flatMap(([, p]) => p.split(' ')),
      'les tests',
    );
  }
}
