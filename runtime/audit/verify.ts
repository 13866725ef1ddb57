/**
 * `greffe audit verify`: checks a greffe database, read-only, against what it
 * cannot rewrite unseen.
 * 1. The append-only safeguards (triggers) are in place.
 * 2. Each case's hash chain links, and the case row's head is its last item.
 * 3. The transparency log: every leaf is recomputed from its journal item;
 *    the roots at the sizes of the checkpoints (the database's and those
 *    exported where the operator does not write) are recomputed from those
 *    leaves, and each checkpoint's Ed25519 signature and RFC 3161 imprint
 *    checked. An item changed, removed or inserted, or a case deleted, after
 *    a checkpoint changes a root: the exported leaves name the case.
 * 4. Each case's projection (state, version, facts, participants, deadlines,
 *    documents) is recomputed from its journal with the reducer (replay.ts).
 * 5. Each document's bytes hash to the SHA-256 its journal item recorded.
 * Findings are French and name the case; notes say what could not be checked.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pkijs from 'pkijs';
import type { Procedure } from '../../spec/index.ts';
import { pathOf } from '../documents/storage.ts';
import { canonicalJson, eventHash, GENESIS_HASH, sha256Hex } from '../engine/hash.ts';
import type { FactRecord } from '../engine/types.ts';
import {
  type AuditSource,
  type CaseRow,
  type CheckpointRow,
  existingKeyring,
  type JournalRow,
  type Keyring,
  unsealJson,
} from '../store/case-store.ts';
import { openNote, parsePublicKey } from '../transparency/checkpoint.ts';
import {
  EXPORT_FILES,
  type ExportedCheckpoint,
  type ExportedLeaf,
  readJsonLines,
} from '../transparency/export.ts';
import { EMPTY_FRONTIER, extend, frontierRoot, journalLeafInput, leafHash } from '../transparency/merkle.ts';
import { replayCase } from './replay.ts';
import { referenceOrDraft } from '../store/case-store.ts';

export interface Finding {
  readonly caseId: string | null;
  readonly reference: string | null;
  /** Journal item number concerned, if one. */
  readonly seq?: number;
  /** French. */
  readonly what: string;
}

export interface AuditReport {
  readonly cases: number;
  readonly events: number;
  readonly leaves: number;
  /** Checkpoints checked: the database's and the exported ones. */
  readonly checkpoints: number;
  readonly documents: number;
  readonly findings: readonly Finding[];
  /** What could not be checked, and why (French); not a tampering. */
  readonly notes: readonly string[];
}

export interface AuditOptions {
  /** Procedure versions, to replay the journals. */
  readonly procedures: readonly Procedure[];
  /** The folder checkpoints are exported to (export.ts), if any. */
  readonly exported?: string;
  /** The log's public key (PEM); default: the exported one. */
  readonly publicKey?: string;
  /** The log's key name (origin) in the notes. */
  readonly origin?: string;
  /** Only this case (id or reference). */
  readonly caseId?: string;
  /**
   * The master key of personal data (runtime/store/personal-data.ts): the
   * projection of a case with a key is recomputed on its data in clear.
   * Default: GREFFE_DATA_KEY, or the development key beside the data (never
   * made by the audit). Without one, such cases are checked by their chain
   * only (said in the notes).
   */
  readonly keyring?: Keyring;
  readonly now?: Date;
}

const sha256File = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });

/** The hashed imprint of an RFC 3161 token (DER ContentInfo), or undefined if it does not parse. */
function tokenImprint(tokenB64: string): Buffer | undefined {
  try {
    const ci = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(tokenB64, 'base64')));
    const signed = new pkijs.SignedData({ schema: ci.content });
    const e = signed.encapContentInfo.eContent;
    if (!e) return undefined;
    const info = pkijs.TSTInfo.fromBER(e.getValue());
    return Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  } catch {
    // Not a token: the caller reports that it does not cover the note.
    return undefined;
  }
}

export async function auditDatabase(src: AuditSource, o: AuditOptions): Promise<AuditReport> {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const now = o.now ?? new Date();
  const keyring = o.keyring ?? existingKeyring(process.env, dirname(src.documentsDir));
  const all = await src.cases();
  const byId = new Map(all.map((c) => [c.id, c]));
  const add = (c: CaseRow | string | null, what: string, seq?: number) => {
    const row = typeof c === 'string' ? byId.get(c) : c;
    const caseId = typeof c === 'string' ? c : (c?.id ?? null);
    findings.push({ caseId, reference: row?.reference ?? null, ...(seq !== undefined && { seq }), what });
  };

  // 1. Safeguards.
  for (const t of await src.missingSafeguards())
    add(null, `le déclencheur « ${t} » qui rend le registre inaltérable a été supprimé.`);

  // 3. The transparency log (before the cases: it says which items were there at each checkpoint).
  const heads = await src.journalHeads();
  const leaves = await src.logLeaves();
  const headById = new Map(heads.map((h) => [h.id, h]));
  const leafByIdx = new Map(leaves.map((l) => [l.idx, l]));
  const exportedDir = o.exported;
  const exportedPoints = exportedDir
    ? readJsonLines<ExportedCheckpoint>(join(exportedDir, EXPORT_FILES.checkpoints))
    : [];
  const exportedLeaves = exportedDir
    ? readJsonLines<ExportedLeaf>(join(exportedDir, EXPORT_FILES.leaves))
    : [];
  if (exportedDir && exportedPoints.length === 0)
    notes.push(`aucun point de contrôle exporté dans ${exportedDir}.`);
  if (!exportedDir)
    notes.push(
      'aucun export de points de contrôle indiqué (--points) : seuls ceux de la base sont vérifiés, et un exploitant peut les refaire.',
    );
  // Each leaf recomputed from its journal item, and compared with the database's log and the exported one.
  const recomputed: Buffer[] = [];
  const logged = new Set<number>();
  const width = Math.max(
    leaves.reduce((m, l) => Math.max(m, l.idx + 1), 0),
    exportedLeaves.length,
  );
  for (let i = 0; i < width; i++) {
    const l = leafByIdx.get(i);
    const e = exportedLeaves[i]?.idx === i ? exportedLeaves[i] : undefined;
    const h = l ? headById.get(l.journalId) : undefined;
    if (l) logged.add(l.journalId);
    if (!h) {
      const who = l ?? e;
      if (who)
        add(
          who.caseId,
          `l’événement n° ${who.seq}, inscrit au registre (feuille ${i}), a disparu du journal.`,
          who.seq,
        );
      recomputed.push(Buffer.alloc(32));
      continue;
    }
    const leaf = leafHash(journalLeafInput(h.caseId, h.seq, h.hash));
    const hex = leaf.toString('hex');
    if (hex !== l?.leafHash || h.caseId !== l.caseId || h.seq !== l.seq)
      add(h.caseId, `l’événement n° ${h.seq} ne correspond plus à sa feuille du registre.`, h.seq);
    else if (e && (hex !== e.leaf || e.caseId !== h.caseId))
      add(h.caseId, `l’événement n° ${h.seq} ne correspond plus à la feuille exportée du registre.`, h.seq);
    recomputed.push(leaf);
  }
  const maxLogged = leaves.reduce((m, l) => Math.max(m, l.journalId), 0);
  for (const h of heads) {
    if (h.id < maxLogged && !logged.has(h.id))
      add(h.caseId, `l’événement n° ${h.seq} a été inséré après coup (absent du registre).`, h.seq);
  }
  let key: KeyObject | undefined;
  const pem =
    o.publicKey ??
    (exportedDir && existsSync(join(exportedDir, EXPORT_FILES.publicKey))
      ? readFileSync(join(exportedDir, EXPORT_FILES.publicKey), 'utf8')
      : undefined);
  if (pem) key = parsePublicKey(pem);
  else notes.push('clé publique du journal inconnue : signatures des points de contrôle non vérifiées.');
  const points: (Pick<CheckpointRow, 'size' | 'root' | 'note' | 'timestampToken'> & { from: string })[] = [
    ...(await src.checkpoints()).map((c) => ({ ...c, from: 'de la base' })),
    ...exportedPoints.map((c) => ({
      size: c.size,
      root: c.root,
      note: c.note,
      timestampToken: c.timestamp?.token ?? null,
      from: 'exporté',
    })),
  ];
  for (const p of points) {
    if (key) {
      const origin = o.origin ?? p.note.split('\n')[0] ?? '';
      const opened = openNote(p.note, origin, key);
      if (!opened.ok) add(null, `point de contrôle ${p.from} de taille ${p.size} : ${opened.reason}`);
      else if (opened.checkpoint.size !== p.size || opened.checkpoint.root !== p.root)
        add(null, `point de contrôle ${p.from} : taille ou racine différente de la note signée.`);
    }
    if (p.timestampToken) {
      const imprint = tokenImprint(p.timestampToken);
      const expected = createHash('sha256').update(p.note, 'utf8').digest();
      if (!imprint?.equals(expected))
        add(
          null,
          `point de contrôle ${p.from} de taille ${p.size} : le jeton d’horodatage ne porte pas sur cette note.`,
        );
    }
  }
  // Roots at every checkpoint size, in one pass over the recomputed leaves.
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  let f = EMPTY_FRONTIER;
  const rootAt = new Map<number, string>();
  for (const size of sizes) {
    if (size > recomputed.length) break;
    f = extend(f, recomputed.slice(f.size, size));
    rootAt.set(size, frontierRoot(f).toString('hex'));
  }
  for (const p of points) {
    const root = rootAt.get(p.size);
    if (root === undefined) {
      const gone = exportedLeaves.slice(recomputed.length, p.size);
      if (gone.length > 0)
        for (const g of gone) add(g.caseId, `l’événement n° ${g.seq} a disparu du journal.`, g.seq);
      else
        add(
          null,
          `le registre compte ${recomputed.length} feuilles, moins que les ${p.size} d’un point de contrôle ${p.from}.`,
        );
    } else if (root !== p.root && !findings.some((x) => x.caseId !== null)) {
      add(
        null,
        `la racine du registre à ${p.size} feuilles ne correspond plus au point de contrôle ${p.from}.`,
      );
    }
  }
  // Cases deleted whose journal items remain.
  for (const id of await src.orphanJournalCases())
    add(id, 'l’affaire a été supprimée alors que son journal demeure.');

  // 2, 4, 5. Each case.
  const selected =
    o.caseId === undefined ? all : all.filter((c) => c.id === o.caseId || c.reference === o.caseId);
  const procedures = new Map(o.procedures.map((p) => [`${p.id}@${p.version}`, p]));
  const devUsers = new Set(await src.devUserIds());
  let events = 0;
  let documents = 0;
  for (const c of selected) {
    const rows = await src.caseRows(c.id);
    events += rows.journal.length;
    const fail = (what: string, seq?: number) => add(c, what, seq);
    // Chain.
    let prev = GENESIS_HASH;
    let chained = true;
    rows.journal.forEach((r, i) => {
      if (!chained) return;
      const problem =
        r.seq !== i + 1
          ? `l’événement n° ${i + 1} manque (trouvé n° ${r.seq}).`
          : sha256Hex(r.data) !== r.dataSha256
            ? 'les données de l’événement ne correspondent plus à leur empreinte SHA-256.'
            : r.prevHash !== prev
              ? 'le lien vers l’événement précédent est rompu.'
              : eventHash(r) !== r.hash
                ? 'l’empreinte de l’événement ne correspond plus à son contenu.'
                : undefined;
      if (problem) {
        fail(`chaîne rompue : ${problem}`, r.seq);
        chained = false;
      }
      prev = r.hash;
    });
    if (chained && (c.journalSeq !== rows.journal.length || c.lastHash !== prev))
      fail(
        `le journal s’arrête à l’événement n° ${rows.journal.length} alors que l’affaire en annonce ${c.journalSeq}.`,
      );
    // The court: the opening item names it (in clear, not personal data: checked even once the case's key is
    // destroyed), no event changes it, and every deadline row carries it (deadlines_court, the court's paged
    // queue): a case or a deadline moved to another court would leave its queue and enter another's.
    const openedIn = chained ? openingCourt(rows.journal[0]) : undefined;
    if (openedIn !== undefined && openedIn !== c.court)
      fail(
        `le tribunal de l’affaire (${c.court}) n’est pas celui de son ouverture au journal (${openedIn}).`,
      );
    // The count of running deadlines on the case row (cases_idle, the court's « sans délai » queue): an edited
    // count would hide a case from that queue or list it there. Absent from a database before migration 0011.
    const runningRows = rows.deadlines.filter((d) => d.status === 'running').length;
    if (c.runningDeadlines !== undefined && Number(c.runningDeadlines) !== runningRows)
      fail(
        `l’affaire compte ${c.runningDeadlines} délai(s) en cours alors que ses délais en cours sont ${runningRows}.`,
      );
    for (const d of rows.deadlines) {
      if (d.court !== c.court)
        fail(
          `le délai « ${d.deadline} » est rangé au tribunal ${d.court}, non à celui de l’affaire (${c.court}).`,
          d.startedSeq,
        );
    }
    // Projection.
    // Replayed from the version the case was opened under (a migration moves it on: replay.ts).
    const openedUnder = rows.journal[0]?.specVersion ?? c.procedureVersion;
    const p = procedures.get(`${c.procedureId}@${openedUnder}`);
    const shredded = rows.key?.key === null;
    const wrapped = rows.key?.key;
    let caseKey: Buffer | undefined;
    let keyProblem: string | undefined;
    if (wrapped && !keyring) keyProblem = 'clé maîtresse des données personnelles absente';
    else if (wrapped && keyring) {
      try {
        caseKey = keyring.unwrap(c.id, wrapped);
      } catch (err) {
        keyProblem = (err as Error).message;
      }
    }
    if (!p)
      notes.push(
        `${referenceOrDraft(c.reference)} : procédure ${c.procedureId} ${openedUnder} absente, projection non recalculée.`,
      );
    else if (shredded)
      notes.push(
        `${referenceOrDraft(c.reference)} : données personnelles effacées (clé détruite), projection non recalculée.`,
      );
    else if (keyProblem)
      notes.push(`${referenceOrDraft(c.reference)} : ${keyProblem}, projection non recalculée.`);
    else if (chained) {
      const dataOf = (r: JournalRow): Record<string, unknown> =>
        JSON.parse(unsealJson(caseKey, c.id, r.data)) as Record<string, unknown>;
      const replay = replayCase(p, c, rows.journal, dataOf, (v) => procedures.get(`${c.procedureId}@${v}`));
      if ('reason' in replay) fail(`rejeu impossible : ${replay.reason}`, replay.seq);
      else {
        const s = replay.snapshot;
        if (s.state !== c.state)
          fail(`l’état de l’affaire (${c.state}) n’est pas celui que donne son journal (${s.state}).`);
        if (s.version !== c.version)
          fail(`la version de l’affaire (${c.version}) n’est pas celle de son journal (${s.version}).`);
        if (s.closed !== (c.closedAt !== null))
          fail('la clôture de l’affaire ne correspond pas à son journal.');
        const facts = JSON.parse(unsealJson(caseKey, c.id, c.facts)) as Record<string, FactRecord>;
        if (canonicalJson(facts) !== canonicalJson(s.facts)) {
          const names = [...new Set([...Object.keys(facts), ...Object.keys(s.facts)])].filter(
            (k) => canonicalJson(facts[k] ?? null) !== canonicalJson(s.facts[k] ?? null),
          );
          fail(`faits modifiés hors du journal : ${names.join(', ')}.`);
        }
        // Participants.
        const key = (x: { role: string; userId: string }) => `${x.role}\u0000${x.userId}`;
        const expected = new Map(replay.participants.map((x) => [key(x), x]));
        const actual = new Map(rows.participants.map((x) => [key(x), x]));
        for (const [k, x] of expected) {
          const a = actual.get(k);
          if (!a) fail(`le participant « ${x.role} » entré au journal n’est plus inscrit (ou a été changé).`);
          else if (x.name !== undefined && a.name !== x.name && !a.name.startsWith('['))
            fail(`le nom du participant « ${x.role} » a été modifié hors du journal.`);
        }
        for (const [k, a] of actual) {
          if (!expected.has(k) && !devUsers.has(a.userId))
            fail(`le participant « ${a.role} » (${a.userId}) n’est entré par aucun événement du journal.`);
        }
        // Deadlines.
        const dkey = (d: { deadline: string; party: string | null; startedSeq: number }) =>
          `${d.deadline}@${d.party ?? ''}@${d.startedSeq}`;
        const dbDeadlines = new Map(rows.deadlines.map((d) => [dkey(d), d]));
        for (const d of replay.deadlines) {
          const a = dbDeadlines.get(dkey(d));
          dbDeadlines.delete(dkey(d));
          if (!a) {
            fail(
              `le délai « ${d.deadline} » ouvert par l’événement n° ${d.startedSeq} a disparu.`,
              d.startedSeq,
            );
            continue;
          }
          const same =
            a.duration === d.duration &&
            a.startDate === d.startDate &&
            a.due === d.due &&
            a.dueAt === d.dueAt &&
            a.startedAt === d.startedAt &&
            a.explanation === d.explanation;
          const dueNow = Date.parse(d.dueAt) <= now.getTime();
          const statusOk =
            (a.status === d.status && (a.endedSeq ?? null) === d.endedSeq) ||
            (d.status === 'running' && dueNow && a.status === 'expired' && a.endedSeq === null);
          if (!same)
            fail(
              `le délai « ${d.deadline} » a été modifié hors du journal (échéance ${a.due}, attendue ${d.due}).`,
              d.startedSeq,
            );
          else if (!statusOk)
            fail(
              `le délai « ${d.deadline} » est « ${a.status} » alors que le journal le dit « ${d.status} ».`,
              d.startedSeq,
            );
        }
        for (const a of dbDeadlines.values())
          fail(`le délai « ${a.deadline} » n’a été ouvert par aucun événement du journal.`, a.startedSeq);
        // Document rows against the journal's references.
        for (const doc of rows.documents) {
          const refs = replay.documents.get(doc.journalSeq) ?? [];
          const ref = refs.find((x) => x.id === doc.id);
          if (!ref) fail(`la pièce ${doc.id} n’est citée par aucun événement du journal.`, doc.journalSeq);
          else if (ref.sha256 !== doc.sha256)
            fail(
              `l’empreinte enregistrée de la pièce ${doc.filename} a été modifiée (le journal dit ${ref.sha256.slice(0, 12)}…).`,
              doc.journalSeq,
            );
        }
      }
    }
    // Documents: each one the journal cites is still recorded, and its bytes hash to what was recorded.
    for (const r of rows.journal) {
      for (const ref of JSON.parse(r.documents) as { id: string }[]) {
        if (ref.id && !rows.documents.some((d) => d.id === ref.id))
          fail(`la pièce ${ref.id} citée par l’événement n° ${r.seq} a disparu de la base.`, r.seq);
      }
    }
    for (const doc of rows.documents) {
      documents++;
      if (shredded) continue; // the bytes were erased with the key (retention.ts)
      const file = pathOf(src.documentsDir, doc.sha256);
      if (!existsSync(file)) fail(`le fichier de la pièce ${doc.filename} a disparu.`, doc.journalSeq);
      else if ((await sha256File(file)) !== doc.sha256)
        fail(
          `les octets de la pièce ${doc.filename} ne correspondent plus à leur empreinte.`,
          doc.journalSeq,
        );
    }
  }
  if (!src.hasLog)
    notes.push('base antérieure au registre de transparence : démarrez le serveur pour la migrer.');
  return {
    cases: selected.length,
    events,
    leaves: recomputed.length,
    checkpoints: points.length,
    documents,
    findings,
    notes,
  };
}

/** The court the opening item of a case names, if it is one and names it (openings have named it since the first version). */
function openingCourt(r: JournalRow | undefined): string | undefined {
  if (r?.kind !== 'ouverture') return undefined;
  const court = (JSON.parse(r.data) as { court?: unknown }).court;
  return typeof court === 'string' ? court : undefined;
}
