/** Codes mailed by the server (login, signature), read from the .eml files it wrote (no SMTP configured). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskEmail } from '../../runtime/identity/signature-codes.ts';

/** The .eml messages of `dir`, newest first. */
function* newestFirst(dir: string): Generator<string> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of files) yield readFileSync(join(dir, f), 'utf8');
}

/**
 * The signature code of the newest .eml in `dir` whose recipient the platform showed masked as `masked`
 * (« j***@exemple.fr »: runtime/service/protocol-signature.ts).
 */
export function mailedSignatureCode(dir: string, masked: string): string {
  for (const text of newestFirst(dir)) {
    const to = /^To: (.+)$/m.exec(text)?.[1]?.trim() ?? '';
    const code = /code de signature : (\d{6})/.exec(text)?.[1];
    if (code && maskEmail(to) === masked) return code;
  }
  throw new Error(`aucun code de signature pour ${masked} dans ${dir}`);
}

/** The 6-digit code of the newest .eml in `dir` addressed to `email`. */
export function mailedCode(dir: string, email: string): string {
  for (const text of newestFirst(dir)) {
    if (text.includes(`To: ${email}`)) return /code de connexion [^\n]*?(\d{6})/.exec(text)?.[1] ?? '';
  }
  throw new Error(`aucun courriel pour ${email} dans ${dir}`);
}
