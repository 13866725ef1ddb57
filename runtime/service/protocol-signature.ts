/**
 * The parties' simple electronic signature of a document the case asks them
 * to sign (eIDAS art. 25; Code civil art. 1367): a platform rule, for every
 * version of every procedure. An act is a signing act when its transition
 * calls the `signature_electronique` connector for the acting party's own role
 * (`signer_protocole_*`: `call: { connector: signature_electronique, to: [demandeur] }`).
 * Such an act is accepted only with the one-time code the party received
 * (runtime/identity/signature-codes.ts); the evidence — the document's SHA-256,
 * the signer, the channel and masked address, the times, the code's id (never
 * the code) — goes into the signing event's own journal item (`preuve_signature`),
 * hash-chained with it, and the case history shows it in French.
 */
import type { Procedure, Transition } from '../../spec/index.ts';
import type { CaseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { filedContact, toE164 } from '../connectors/contacts.ts';
import type { Mailer } from '../connectors/mail/mailer.ts';
import type { SmsSender } from '../connectors/sms/ovh-client.ts';
import { GreffeError } from '../errors.ts';
import {
  checkSignatureCode,
  issueSignatureCode,
  maskEmail,
  maskPhone,
  REFUSAL_MESSAGES,
  SIGNATURE_CODE_TTL_MS,
  type SignatureChannel,
} from '../identity/signature-codes.ts';
import type { Runtime } from './context.ts';

export const SIGNATURE_CONNECTOR = 'signature_electronique';

/** Where signature codes go: the e-mail connector's mailer, and an SMS sender when one is configured. */
export interface SignatureCodeSenders {
  readonly mailer: Mailer;
  readonly sms?: SmsSender;
}

/** What the journal keeps of a signature (the signing event's `preuve_signature`). */
export interface SignatureEvidence {
  readonly niveau: 'signature électronique simple';
  readonly methode: 'code à usage unique';
  readonly codeId: string;
  readonly canal: SignatureChannel;
  /** Masked address or number (« j***@exemple.fr »). */
  readonly destinataire: string;
  readonly document: { readonly type: string; readonly sha256: string };
  readonly signataire: { readonly utilisateur: string; readonly role: string };
  /** When the code was sent (real time) and when the act was signed (the event's time), ISO 8601. */
  readonly envoyeLe: string;
  readonly signeLe: string;
  readonly tentatives: number;
}

/** A signing act: the transition, the role that signs and the kind of the document signed. */
export interface SigningAct {
  readonly transition: Transition;
  readonly role: string;
  readonly document: string;
}

/** The signing acts `roles` may do in `state` (of `event` only, when given). */
export function signingActs(
  p: Procedure,
  state: string,
  roles: readonly string[],
  event?: string,
): SigningAct[] {
  const out: SigningAct[] = [];
  for (const t of p.transitions) {
    if ((event !== undefined && t.event !== event) || !t.from.includes(state)) continue;
    for (const e of t.effects) {
      if (e.kind !== 'call' || e.connector !== SIGNATURE_CONNECTOR || e.document === undefined) continue;
      const role = e.to.find((r) => t.roles.includes(r) && roles.includes(r));
      if (role) out.push({ transition: t, role, document: e.document });
    }
  }
  return out;
}

/** The case's latest document of `kind`: the one the party signs. */
async function documentToSign(rt: Runtime, a: CaseAccess, kind: string) {
  const snapshot = await rt.store.caseSnapshot(a.case);
  const doc = snapshot.documents.findLast((d) => d.kind === kind);
  if (!doc) {
    const label = a.procedure.documents[kind]?.label ?? kind;
    throw new GreffeError(
      422,
      'DOCUMENT_MISSING',
      `Le document « ${label} » n’existe pas encore dans l’affaire.`,
    );
  }
  return doc;
}

const notSigning = () =>
  new GreffeError(
    409,
    'NOTHING_TO_SIGN',
    'Vous n’avez aucun document à signer dans cette affaire en ce moment.',
  );

/** POST /api/cases/:id/signature/code: sends the caller a code to sign the document their act signs. */
export async function sendSignatureCode(
  rt: Runtime,
  senders: SignatureCodeSenders,
  secret: Buffer,
  a: CaseAccess,
  caller: Caller,
  channel: SignatureChannel,
): Promise<{ codeId: string; canal: SignatureChannel; destinataire: string; expireLe: string }> {
  const act = signingActs(a.procedure, a.case.state, a.roles)[0];
  if (!act) throw notSigning();
  const doc = await documentToSign(rt, a, act.document);
  let to: string;
  let destination: string;
  if (channel === 'sms') {
    if (!senders.sms)
      throw new GreffeError(
        422,
        'SMS_UNAVAILABLE',
        'L’envoi par SMS n’est pas disponible : choisissez le courriel.',
      );
    const phone = (await filedContact(rt.store, a.procedure, a.case.id, act.role)).phone;
    const e164 = phone ? toE164(phone) : undefined;
    if (!e164)
      throw new GreffeError(
        422,
        'NO_MOBILE_NUMBER',
        'Aucun numéro de téléphone mobile n’est connu pour vous dans cette affaire : choisissez le courriel.',
      );
    to = e164;
    destination = maskPhone(e164);
  } else {
    // The account's address, else the one the filings gave for the party (as the e-mail connector does);
    // development mode's sample people have neither: a reserved address (.invalid), whose .eml shows the code.
    const email =
      (await rt.store.userById(caller.id))?.email ??
      (await filedContact(rt.store, a.procedure, a.case.id, act.role)).email ??
      (rt.dev && rt.sampleUsers.some((u) => u.id === caller.id) ? `${caller.id}@exemple.invalid` : undefined);
    if (!email)
      throw new GreffeError(422, 'NO_EMAIL', 'Aucune adresse électronique n’est connue pour votre compte.');
    to = email;
    destination = maskEmail(email);
  }
  const issued = await issueSignatureCode(rt.store, secret, {
    caseId: a.case.id,
    userId: caller.id,
    channel,
    destination,
    documentSha256: doc.sha256,
  });
  const label = a.procedure.documents[act.document]?.label ?? act.document;
  const minutes = SIGNATURE_CODE_TTL_MS / 60_000;
  const reference = a.case.reference ?? a.case.id;
  if (channel === 'sms') {
    await senders.sms?.send({
      idempotencyKey: `code-signature-${issued.id}`,
      to,
      text: `Greffe : votre code de signature (${reference}) est ${issued.code}. Valable ${minutes} min, usage unique. Ne le communiquez a personne.`,
    });
  } else {
    await senders.mailer.send({
      idempotencyKey: `code-signature-${issued.id}`,
      to,
      subject: `Votre code de signature : ${issued.code}`,
      text:
        `Bonjour,\n\nVous avez demandé à signer électroniquement le document « ${label} » de l’affaire ${reference}.\n\n` +
        `Votre code de signature est : ${issued.code}\n\n` +
        `Il est valable ${minutes} minutes et ne sert qu’une fois. En le saisissant, vous signez ce document ` +
        `(empreinte SHA-256 ${doc.sha256}). Ne le communiquez à personne, pas même au greffe. ` +
        'Si vous n’avez rien demandé, ignorez ce message : personne ne peut signer sans ce code.\n',
    });
  }
  return {
    codeId: issued.id,
    canal: channel,
    destinataire: destination,
    expireLe: new Date(issued.expiresAt).toISOString(),
  };
}

/**
 * For a signing act: checks the code the request carries and returns the evidence to journal; undefined
 * for any other act. Throws the refusal, in French, when the code is missing, wrong, expired, blocked or used.
 */
export async function signatureEvidence(
  rt: Runtime,
  secret: Buffer,
  a: CaseAccess,
  caller: Caller,
  event: string,
  code: string | undefined,
): Promise<SignatureEvidence | undefined> {
  const act = signingActs(a.procedure, a.case.state, a.roles, event)[0];
  if (!act) return undefined;
  if (!code || !/^\s*\d(\s*\d){5}\s*$/.test(code)) {
    throw new GreffeError(
      422,
      'SIGNATURE_CODE_REQUIRED',
      'Pour signer, saisissez le code à 6 chiffres reçu par courriel ou par SMS (bouton « Recevoir un code »).',
      { field: 'codeSignature' },
    );
  }
  const doc = await documentToSign(rt, a, act.document);
  const now = Date.now();
  const checked = await checkSignatureCode(
    rt.store,
    secret,
    { caseId: a.case.id, userId: caller.id, code, documentSha256: doc.sha256 },
    now,
  );
  if (!checked.ok) {
    throw new GreffeError(422, `SIGNATURE_CODE_${checked.why.toUpperCase()}`, REFUSAL_MESSAGES[checked.why], {
      field: 'codeSignature',
    });
  }
  const r = checked.record;
  return {
    niveau: 'signature électronique simple',
    methode: 'code à usage unique',
    codeId: r.id,
    canal: r.channel,
    destinataire: r.destination,
    document: { type: act.document, sha256: doc.sha256 },
    signataire: { utilisateur: caller.id, role: act.role },
    envoyeLe: new Date(r.createdAt).toISOString(),
    signeLe: new Date(now).toISOString(),
    tentatives: checked.attempts,
  };
}

/** « Signé par code à usage unique envoyé à j***@exemple.fr, le 3 décembre 2026 à 14:10 ». */
export function signatureLine(evidence: unknown, timeZone: string): string | undefined {
  if (typeof evidence !== 'object' || evidence === null) return undefined;
  const e = evidence as Partial<SignatureEvidence>;
  if (typeof e.destinataire !== 'string' || typeof e.signeLe !== 'string') return undefined;
  const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    new Date(e.signeLe),
  );
  const by = e.canal === 'sms' ? 'par SMS au' : 'à';
  return `Signé par code à usage unique envoyé ${by} ${e.destinataire}, le ${when}`;
}
