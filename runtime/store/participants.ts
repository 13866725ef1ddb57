/**
 * Participants: who holds each party role in a case. A party role nobody
 * holds yet (typically the defendant) is reached by an access code: every
 * message or summons addressed to it carries a fresh one-time code (stored
 * hashed), and whoever presents a valid code takes the role. This is where
 * the annex's identification cascade (mail, letter, registered letter,
 * service by a commissaire de justice) meets the platform; real identity
 * proofing (FranceConnect) comes with the OpenID Connect issue.
 */
import { randomFillSync } from 'node:crypto';
import type { Procedure } from '../../spec/index.ts';
import { sha256Hex } from '../engine/hash.ts';
import { GreffeError } from '../errors.ts';
import { appendJournal } from './journal.ts';
import { referenceOrDraft } from './reference.ts';
import { enqueue } from './outbox.ts';
import type { CaseRow, ParticipantRow } from './schema.ts';
import { call, type Step } from './steps.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Random bytes from the system's CSPRNG, drawn 4 kB at a time: one
 * `randomBytes(12)` per code cost ~10 µs, a tenth of the writes of the event
 * that issues it. Each byte is used once.
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function secureBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/**
 * A code a person can type from a letter: 12 characters in 3 groups, no 0/O or
 * 1/I (60 bits; 256 is a multiple of the alphabet's 32, so no letter is likelier).
 */
export function newInvitationCode(): string {
  let chars = '';
  for (const b of secureBytes(12)) chars += ALPHABET[b % ALPHABET.length];
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const normalize = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const invitationHash = (code: string): string => sha256Hex(`greffe-invitation:${normalize(code)}`);

export type SampleFor = (role: string) => { id: string; name: string } | undefined;

/**
 * Makes sure a message to `role` can reach someone: nothing to do when the
 * role is held or is not a party; in development mode the sample user takes
 * it at once; otherwise a new access code is issued and returned, for the
 * message to carry.
 */
export function* reachRole(
  p: Procedure,
  c: CaseRow,
  role: string,
  at: string,
  seq: number,
  sample: SampleFor | undefined,
): Step<string | undefined> {
  if (p.roles[role]?.kind !== 'partie') return undefined;
  if (yield* call('participantByRole', { caseId: c.id, role })) return undefined;
  const person = sample?.(role);
  if (person) {
    yield* call('insertParticipant', { caseId: c.id, role, userId: person.id, name: person.name, at });
    return undefined;
  }
  const code = newInvitationCode();
  yield* call('insertInvitation', { codeHash: invitationHash(code), caseId: c.id, role, at, seq });
  return code;
}

/** Codes issued during one event, by role: one code per role and event, whatever the number of messages. */
export type IssuedCodes = Map<string, string | undefined>;

export function* reachRoleOnce(
  issued: IssuedCodes,
  ...args: Parameters<typeof reachRole>
): Step<{ code: string | undefined; fresh: boolean }> {
  const role = args[2];
  if (issued.has(role)) return { code: issued.get(role), fresh: false };
  const code = yield* reachRole(...args);
  issued.set(role, code);
  return { code, fresh: true };
}

/**
 * The `summons` of a transition: a party called to the procedure that nobody
 * represents yet gets an access code by letter — unless a message of the same
 * event already carried one.
 */
export function* summon(
  p: Procedure,
  c: CaseRow,
  role: string,
  at: string,
  seq: number,
  sample: SampleFor | undefined,
  issued: IssuedCodes,
  /** The event's dedupe-key prefix (messages.ts). */
  tag: string,
): Step<void> {
  const { code, fresh } = yield* reachRoleOnce(issued, p, c, role, at, seq, sample);
  if (!code || !fresh) return;
  const label = p.roles[role]?.label ?? role;
  yield* enqueue(
    c,
    {
      kind: 'invitation',
      connector: 'lettre_simple',
      recipient: { role, name: label },
      subject: `[${referenceOrDraft(c.reference)}] Vous êtes appelé à une procédure en ligne`,
      body:
        `Le tribunal vous appelle, en qualité de ${label.toLowerCase()}, à l’affaire ${referenceOrDraft(c.reference)}. ` +
        `Connectez-vous à la plateforme et saisissez ce code pour accéder au dossier : ${code}.`,
      dedupeKey: `${tag}:invitation:${role}`,
      availableAt: at,
    },
    at,
  );
}

/** How long an access code stays valid after its letter (procedural days; docs/securite.md). */
export const INVITATION_VALID_DAYS = 90;

/**
 * Lets `user` take the role an access code was issued for; journals it and
 * tells the case's other parties. Undefined when the code is unknown, used,
 * expired, or the role taken; 409 ALREADY_A_PARTY when `user` already holds a
 * role in the case (the claimant giving her own address as the defendant's).
 */
export function* joinWithCode(
  user: { id: string; name: string; roles?: readonly string[]; court?: string | null },
  code: string,
  at: string,
): Step<{ caseId: string; role: string } | undefined> {
  const inv = yield* call('pendingInvitation', { codeHash: invitationHash(code) });
  if (!inv || (yield* call('participantByRole', { caseId: inv.caseId, role: inv.role }))) return undefined;
  if (Date.parse(at) - Date.parse(inv.createdAt) > INVITATION_VALID_DAYS * 86_400_000) return undefined;
  // --- issue 14: nobody joins a case they already act in (as a party or as its court's staff).
  const parties = yield* call('participantsOf', { caseId: inv.caseId });
  const before = (yield* call('caseById', { id: inv.caseId })) as CaseRow;
  const staff = (user.roles?.length ?? 0) > 0 && user.court != null && user.court === before.court;
  if (staff || parties.some((p) => p.userId === user.id)) {
    throw new GreffeError(
      409,
      'ALREADY_A_PARTY',
      'Vous intervenez déjà dans cette affaire : ce code d’accès est destiné à une autre personne. ' +
        'S’il vous a été adressé par erreur, signalez-le au greffe du tribunal.',
    );
  }
  // --- end issue 14
  yield* call('useInvitations', { caseId: inv.caseId, role: inv.role, at, userId: user.id });
  yield* call('insertParticipant', {
    caseId: inv.caseId,
    role: inv.role,
    userId: user.id,
    name: user.name,
    at,
  });
  const c = (yield* call('caseById', { id: inv.caseId })) as CaseRow;
  yield* appendJournal(c, {
    kind: 'participation',
    actorId: user.id,
    actorRole: inv.role,
    at,
    data: { role: inv.role },
    caseVersion: c.version,
  });
  yield* notifyJoin(c, parties, inv.role, at);
  return { caseId: c.id, role: inv.role };
}

/** Tells each party already in the case that someone took `role` with an access code (issue 14). */
function* notifyJoin(c: CaseRow, parties: readonly ParticipantRow[], role: string, at: string): Step<void> {
  for (const p of parties) {
    if (!p.userId) continue;
    yield* enqueue(
      c,
      {
        kind: 'notify',
        connector: 'plateforme',
        recipient: { role: p.role, userId: p.userId, name: p.name },
        subject: `[${referenceOrDraft(c.reference)}] Une partie a rejoint l’affaire`,
        body:
          `Une personne a rejoint l’affaire ${referenceOrDraft(c.reference)} avec le code d’accès envoyé pour le rôle « ${role} ». ` +
          'Si cela vous semble anormal, signalez-le au greffe du tribunal.',
        dedupeKey: `join:${c.id}:${role}:${p.userId}:${at}`,
        availableAt: at,
      },
      at,
    );
  }
}
