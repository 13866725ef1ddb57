/**
 * Development mode only: sample users for every role of the loaded
 * procedures, derived from the specs (no role name in code). Each party or
 * representative role gets two people (to try "another party's case"); each
 * court role gets one person in the sample court and one in another court.
 */
import type { Procedure } from '../../spec/index.ts';
import { isCourtRole } from '../engine/actions.ts';
import type { NewUser } from '../store/case-store.ts';

/** The court sample court actors sit in, and cases are filed with by default in dev mode. */
export const SAMPLE_COURT = 'tj-exemple';
/** A second court, whose actors must not see the first court's cases. */
export const OTHER_COURT = 'tj-autre';

const NAMES = [
  'Camille Martin',
  'Dominique Bernard',
  'Claire Dubois',
  'Karim Haddad',
  'Sophie Lefèvre',
  'Julien Moreau',
  'Nadia Benali',
  'Thomas Girard',
  'Léa Fontaine',
  'Hugo Lambert',
  'Inès Rousseau',
  'Marc Petit',
  'Aïcha Diallo',
  'Paul Garnier',
  'Emma Chevalier',
  'Louis Mercier',
];

export interface SampleUser extends NewUser {
  /** Shorter names the dev login also accepts (e.g. the first word of a long role id). */
  readonly aliases: readonly string[];
  /** The role this sample person stands for. */
  readonly sampleRole: string;
}

export function sampleUsers(procedures: readonly Procedure[]): SampleUser[] {
  const roles = new Map<string, Procedure['roles'][string]>();
  for (const p of procedures)
    for (const r of Object.values(p.roles)) if (!roles.has(r.id)) roles.set(r.id, r);
  const ids = [...roles.keys()];
  const firstWord = (id: string) => id.split('_')[0] ?? id;
  const out: SampleUser[] = [];
  let n = 0;
  const name = (label: string) => `${NAMES[n++ % NAMES.length]} (${label.toLowerCase()})`;
  for (const [id, role] of roles) {
    const short = firstWord(id);
    const unique =
      short !== id && !ids.includes(short) && ids.filter((x) => firstWord(x) === short).length === 1;
    const aliases = unique ? [short] : [];
    if (isCourtRole(role)) {
      out.push({
        id,
        name: name(role.label),
        roles: [id],
        court: SAMPLE_COURT,
        source: 'dev',
        aliases,
        sampleRole: id,
      });
      out.push({
        id: `${id}_autre`,
        name: name(`${role.label}, autre tribunal`),
        roles: [id],
        court: OTHER_COURT,
        source: 'dev',
        aliases: aliases.map((a) => `${a}_autre`),
        sampleRole: id,
      });
    } else {
      // A party's roles come from its cases (participants); `roles` here only says what the sample stands for.
      out.push({ id, name: name(role.label), roles: [id], source: 'dev', aliases, sampleRole: id });
      out.push({
        id: `${id}_2`,
        name: name(role.label),
        roles: [id],
        source: 'dev',
        aliases: aliases.map((a) => `${a}_2`),
        sampleRole: id,
      });
    }
  }
  return out;
}

/** Finds a sample user by id or alias. */
export function findSample(users: readonly SampleUser[], name: string): SampleUser | undefined {
  return users.find((u) => u.id === name || u.aliases.includes(name));
}
