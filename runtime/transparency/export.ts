/**
 * Where checkpoints go besides the database: somewhere the operator of the
 * platform does not write (another team's share, a witness's URL). A folder
 * receives, synced to disk:
 * - `cle-publique.pem`: the log's public key (refused if it changes);
 * - `points.jsonl`: one line per checkpoint (note, size, root, RFC 3161 token);
 * - `feuilles.jsonl`: one line per leaf (index, case, journal number, leaf hash),
 *   so that `greffe audit verify` names the case of a leaf that changed;
 * - `dernier-point.txt`: the latest signed note.
 * A URL receives the same as one JSON POST per checkpoint.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckpointRow, LogLeafRow } from '../store/case-store.ts';
import { type NoteSigner, publicKeyPem } from './checkpoint.ts';

export const EXPORT_FILES = {
  publicKey: 'cle-publique.pem',
  checkpoints: 'points.jsonl',
  leaves: 'feuilles.jsonl',
  latest: 'dernier-point.txt',
} as const;

/** One exported checkpoint (a line of points.jsonl). */
export interface ExportedCheckpoint {
  readonly id: number;
  readonly size: number;
  readonly root: string;
  readonly note: string;
  readonly takenAt: string;
  readonly timestamp: { readonly token: string; readonly time: string; readonly authority: string } | null;
}

/** One exported leaf (a line of feuilles.jsonl). */
export interface ExportedLeaf {
  readonly idx: number;
  readonly caseId: string;
  readonly seq: number;
  readonly leaf: string;
}

export type LeafReader = (from: number, to: number) => Promise<LogLeafRow[]>;

export interface CheckpointExport {
  /** Where, for the operator's messages. */
  readonly target: string;
  export(c: CheckpointRow, leaves: LeafReader, signer: NoteSigner): Promise<void>;
}

export const exportedCheckpoint = (c: CheckpointRow): ExportedCheckpoint => ({
  id: c.id,
  size: c.size,
  root: c.root,
  note: c.note,
  takenAt: c.takenAt,
  timestamp:
    c.timestampToken && c.timestampTime && c.timestampAuthority
      ? { token: c.timestampToken, time: c.timestampTime, authority: c.timestampAuthority }
      : null,
});

/** Appends text to a file and syncs it (and, when it was created, its folder). */
function appendSynced(file: string, text: string): void {
  const created = !existsSync(file);
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) syncDir(dirname(file));
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeSynced(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The lines of a JSON-lines file (an unfinished last line, cut by a crash, is left out). */
export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (!text.endsWith('\n')) lines.pop();
  return lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

/** Exports to a folder. */
export function folderExport(dir: string): CheckpointExport {
  let exportedLeaves: number | undefined;
  return {
    target: dir,
    async export(c, leaves, signer) {
      mkdirSync(dir, { recursive: true });
      const keyFile = join(dir, EXPORT_FILES.publicKey);
      const pem = publicKeyPem(signer.publicKey);
      if (!existsSync(keyFile)) {
        writeSynced(keyFile, pem);
        syncDir(dir);
      } else if (readFileSync(keyFile, 'utf8') !== pem) {
        throw new Error(
          `${keyFile} : la clé publique exportée n’est pas celle qui signe le journal ; exportez vers un autre dossier ou rétablissez la clé.`,
        );
      }
      const leavesFile = join(dir, EXPORT_FILES.leaves);
      exportedLeaves ??= readJsonLines<ExportedLeaf>(leavesFile).length;
      if (exportedLeaves < c.size) {
        const rows = await leaves(exportedLeaves, c.size);
        appendSynced(
          leavesFile,
          rows
            .map((l) => `${JSON.stringify({ idx: l.idx, caseId: l.caseId, seq: l.seq, leaf: l.leafHash })}\n`)
            .join(''),
        );
        exportedLeaves = c.size;
      }
      appendSynced(join(dir, EXPORT_FILES.checkpoints), `${JSON.stringify(exportedCheckpoint(c))}\n`);
      writeSynced(join(dir, EXPORT_FILES.latest), c.note);
    },
  };
}

/** Exports to a URL: one POST per checkpoint, with the leaves added since the previous one. */
export function urlExport(url: string, fetchFn: typeof fetch = fetch): CheckpointExport {
  let sentLeaves: number | undefined;
  return {
    target: url,
    async export(c, leaves, signer) {
      const from = sentLeaves ?? 0;
      const rows = from < c.size ? await leaves(from, c.size) : [];
      const res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          publicKey: publicKeyPem(signer.publicKey),
          checkpoint: exportedCheckpoint(c),
          leaves: rows.map((l) => ({ idx: l.idx, caseId: l.caseId, seq: l.seq, leaf: l.leafHash })),
        }),
      });
      if (!res.ok) throw new Error(`export du point de contrôle vers ${url} : HTTP ${res.status}.`);
      sentLeaves = c.size;
    },
  };
}

/** A folder path or an http(s) URL. */
export const exportTo = (target: string): CheckpointExport =>
  /^https?:\/\//.test(target) ? urlExport(target) : folderExport(target);
