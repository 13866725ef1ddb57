/**
 * Issues the court's acts: each document an event of a court actor (or of the
 * system) produces is rendered to PDF — from the procedure's act template when
 * it has one (spec/acts.ts), else from the produced text under the document's
 * label — sealed (PAdES with a timestamp, runtime/connectors/seal) and stored
 * as a document of the case (origin `acte`), journaled once per produced
 * document (receipt key `acte:<document id>`). The act prints the claim's
 * object and amount, the cited facts and the deciding event's answers; never
 * an access code (render-pdf.ts ACCESS_CODE_WHERE).
 */
import { readFile } from 'node:fs/promises';
import { citedFields, citedValues, claimAmount, claimObject } from '../../spec/act-fields.ts';
import { type ActTemplate, loadActTemplates, partyRoles } from '../../spec/acts.ts';
import type { JudgmentCharacter, Procedure } from '../../spec/index.ts';
import type { Catalog } from '../catalog.ts';
import { sealPdf, type Seal, DEV_SEAL_NOTICE } from '../connectors/seal/seal.ts';
import { pathOf, storeBytes } from '../documents/storage.ts';
import { isCourtRole } from '../engine/actions.ts';
import { caseCalendar } from '../engine/instances.ts';
import type { FactRecord } from '../engine/types.ts';
import { sha256Hex } from '../engine/hash.ts';
import { courtById } from '../identity/courts.ts';
import { type CaseStore, type DocumentRow, SYSTEM_ACTOR } from '../store/case-store.ts';
import { recordedCharacter } from '../engine/remedies.ts';
import { actDocumentId } from './act-id.ts';
import { type ActData, renderActPdf } from './render-pdf.ts';
import { filedContact } from '../connectors/contacts.ts';
import { referenceOrDraft } from '../store/case-store.ts';

export interface IssuedAct {
  readonly documentId: string;
  readonly sha256: string;
  readonly filename: string;
}

/** A template made of the produced text, for a document the procedure gives no act template. */
function textTemplate(p: Procedure, kind: string, signatory: string, text: string): ActTemplate {
  const lines = text.split('\n').slice(1); // the first line is the label in capitals
  const paragraphs = lines.map((l) => l.trim()).filter((l) => l !== '');
  return {
    id: kind,
    document: kind,
    title: p.documents[kind]?.label ?? kind,
    signatory,
    accessCode: false,
    remedies: false,
    paragraphs,
    loc: { file: '', line: 0, column: 0 },
  };
}

/**
 * The values of the case's facts an act may print: a fact recorded for some roles only (its event's
 * `visible_to`) is printed only on an act those roles alone may read, never on one the others see.
 */
export function printableFacts(
  p: Procedure,
  kind: string,
  facts: Readonly<Record<string, FactRecord>>,
): Record<string, unknown> {
  const readers = p.documents[kind]?.visibleTo ?? [];
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(facts)) {
    const open =
      f.visibleTo.length === 0 || (readers.length > 0 && readers.every((r) => f.visibleTo.includes(r)));
    if (open) out[name] = f.value;
  }
  return out;
}

export class ActIssuer {
  readonly #templates = new Map<Procedure, ReadonlyMap<string, ActTemplate>>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: CaseStore,
    private readonly catalog: Catalog,
    private readonly seal: Seal,
    private readonly publicUrl: () => string,
  ) {}

  templates(p: Procedure): ReadonlyMap<string, ActTemplate> {
    let t = this.#templates.get(p);
    if (!t) {
      const loaded = loadActTemplates(p);
      t = new Map(loaded.acts.map((a) => [a.document, a]));
      this.#templates.set(p, t);
    }
    return t;
  }

  /** Issues, one case at a time, the acts of `caseId` not issued yet; resolves with those issued now. */
  issuePending(caseId: string): Promise<IssuedAct[]> {
    const run = this.#queue.then(() => this.#issuePending(caseId));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The sealed PDF of the case's act `ref` (its id, else the latest of its kind), issued first if need be. */
  async pdfFor(
    caseId: string,
    ref: { readonly kind: string; readonly id?: string },
  ): Promise<Uint8Array | undefined> {
    await this.issuePending(caseId);
    const { documents } = await this.store.caseRecord(caseId, '');
    const named = ref.id
      ? documents.find((d) => d.id === ref.id)
      : documents.filter((d) => d.kind === ref.kind && d.origin !== 'acte').at(-1);
    const act =
      named?.origin === 'acte' ? named : documents.find((d) => d.id === actDocumentId(named?.id ?? ''));
    return act ? readFile(pathOf(this.store.documentsDir, act.sha256)) : undefined;
  }

  /** A produced document is issued as an act when a court actor (or the system) produced it, or it has a template. */
  #isAct(p: Procedure, d: Pick<DocumentRow, 'kind' | 'uploadedByRole'>): boolean {
    const courtAct = d.uploadedByRole === null || isCourtRole(p.roles[d.uploadedByRole]);
    return courtAct || this.templates(p).has(d.kind);
  }

  /**
   * At start: issues the acts that should have been issued but were not — the process died between an
   * event's commit and the issuing, which runs after it. Idempotent (an issued act is never issued
   * again: its PDF's id is `<document id>-pdf`). Resolves with the cases and the acts issued now.
   */
  async issueMissed(): Promise<{ cases: number; acts: IssuedAct[] }> {
    const cases = new Set<string>();
    const procedures = new Map<string, Procedure | undefined>();
    for (const d of await this.store.unissuedProductions()) {
      if (cases.has(d.caseId)) continue;
      if (!procedures.has(d.caseId)) {
        const c = await this.store.getCase(d.caseId);
        procedures.set(d.caseId, c ? this.catalog.get(c.procedureId, c.procedureVersion) : undefined);
      }
      const p = procedures.get(d.caseId);
      if (p && this.#isAct(p, d)) cases.add(d.caseId);
    }
    const acts: IssuedAct[] = [];
    for (const caseId of cases) acts.push(...(await this.issuePending(caseId)));
    return { cases: cases.size, acts };
  }

  async #issuePending(caseId: string): Promise<IssuedAct[]> {
    const c = await this.store.getCase(caseId);
    const p = c ? this.catalog.get(c.procedureId, c.procedureVersion) : undefined;
    if (!c || !p) return [];
    const { documents, journal } = await this.store.caseRecord(caseId, '');
    const have = new Set(documents.map((d) => d.id));
    const out: IssuedAct[] = [];
    for (const d of documents) {
      if (d.origin !== 'production' || have.has(actDocumentId(d.id))) continue;
      if (!this.#isAct(p, d)) continue;
      const item = journal.find((j) => j.seq === d.journalSeq);
      // The answers of the event that produced the act: its `${decision.…}` (the judge's reasons, ruling…).
      const answers = item ? (JSON.parse(item.data) as Record<string, unknown>) : {};
      out.push(await this.#issue(p, c, d, item?.at ?? d.uploadedAt, answers));
    }
    return out;
  }

  async #issue(
    p: Procedure,
    c: NonNullable<Awaited<ReturnType<CaseStore['getCase']>>>,
    d: DocumentRow,
    at: string,
    answers: Readonly<Record<string, unknown>>,
  ): Promise<IssuedAct> {
    const text = await readFile(pathOf(this.store.documentsDir, d.sha256), 'utf8');
    const signatoryRole = d.uploadedByRole ?? '';
    const template = this.templates(p).get(d.kind) ?? textTemplate(p, d.kind, signatoryRole, text);
    const data = await this.#data(p, c, d, template, at, answers);
    const unsigned = await renderActPdf(template, p, data, {
      ...(this.seal.development && { notice: DEV_SEAL_NOTICE }),
    });
    const { pdf } = await sealPdf(unsigned, this.seal, {
      reason: `${template.title} — ${referenceOrDraft(c.reference)}`,
      location: data.tribunal,
    });
    const sha256 = sha256Hex(pdf);
    await storeBytes(this.store.documentsDir, sha256, pdf);
    const documentId = actDocumentId(d.id);
    const filename = `${d.kind}-${(c.reference ?? 'brouillon').replace(/\W+/g, '-')}.pdf`;
    await this.store.recordReceipt({
      key: `acte:${d.id}`,
      caseId: c.id,
      event: 'acte.emis',
      label: `Acte émis et scellé : ${template.title}`,
      data: { produced: d.id, kind: d.kind, sealed: true, development: this.seal.development },
      actorId: SYSTEM_ACTOR,
      visibleTo: [],
      at,
      document: {
        id: documentId,
        kind: d.kind,
        filename,
        mediaType: 'application/pdf',
        size: pdf.length,
        sha256,
      },
    });
    return { documentId, sha256, filename };
  }

  async #data(
    p: Procedure,
    c: NonNullable<Awaited<ReturnType<CaseStore['getCase']>>>,
    d: DocumentRow,
    t: ActTemplate,
    at: string,
    answers: Readonly<Record<string, unknown>>,
  ): Promise<ActData> {
    const withParts = await this.store.caseWithParticipants(c.id);
    const parties: Record<string, string> = {};
    for (const role of partyRoles(p)) {
      const held = withParts?.participants.find((x) => x.role === role);
      // The party as the filings name it (its legal name), else its account's name.
      parties[role] =
        (await filedContact(this.store, p, c.id, role)).name ?? held?.name ?? p.roles[role]?.label ?? role;
    }
    const signer = d.uploadedBy === SYSTEM_ACTOR ? undefined : await this.store.userById(d.uploadedBy);
    const character = t.remedies ? await this.#servedCharacter(p, c, d.kind) : undefined;
    const tz = caseCalendar(p, c.court).timeZone; // `calendar: juridiction` names the court's calendar
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(at));
    // The case's facts when the act is issued (right after the event that produced it), those its readers may see.
    const facts = printableFacts(p, d.kind, (await this.store.caseSnapshot(c)).facts);
    const objet = claimObject(p, facts);
    const montant = claimAmount(facts);
    const cited = citedFields([t.title, t.preamble, ...t.paragraphs]);
    return {
      rg: referenceOrDraft(c.reference).replace(/^RG\s+/, ''), // the template prints « RG n° »
      tribunal: courtById(c.court)?.name ?? c.court,
      parties,
      signataire: signer?.name ?? p.roles[t.signatory]?.label ?? 'La plateforme',
      date,
      adressePlateforme: this.publicUrl(),
      ...(objet !== undefined && { objet }),
      ...(montant !== undefined && { montant }),
      fields: citedValues(p, t.document, cited, facts, answers),
      ...(character && { character }),
    };
  }

  /**
   * The character the reducer recorded for the judgment an act of service (`kind`) serves: the act then
   * states only the remedies open against it (CPC art. 680), as the produced text does.
   */
  async #servedCharacter(
    p: Procedure,
    c: NonNullable<Awaited<ReturnType<CaseStore['getCase']>>>,
    kind: string,
  ): Promise<JudgmentCharacter | undefined> {
    const served = p.transitions.find(
      (x) => x.service && x.effects.some((e) => e.kind === 'produce' && e.document === kind),
    )?.service?.document;
    return served ? recordedCharacter(p, await this.store.caseSnapshot(c), served) : undefined;
  }
}
