/**
 * The transparency log's configuration, from the environment
 * (docs/exploitation.md, « Journal infalsifiable »):
 * - GREFFE_JOURNAL_KEY: PKCS#8 PEM Ed25519 key that signs the checkpoints;
 *   without it a development key is generated beside the database, and the
 *   server says so at start (such checkpoints prove nothing to a third party);
 * - GREFFE_JOURNAL_ORIGIN: the log's name in its checkpoints (default greffe/journal);
 * - GREFFE_CHECKPOINT_EXPORT: a folder or an http(s) URL the operator does not
 *   write to (default: `transparence/` beside the database, said at start);
 * - GREFFE_CHECKPOINT_INTERVAL: seconds between scheduled checkpoints (default 3600);
 * - the RFC 3161 authority is the seal's (GREFFE_TSA_URL, or the local
 *   development authority).
 */
import { join } from 'node:path';
import { connectorConfigFromEnv } from '../connectors/config.ts';
import { sealFromConfig } from '../connectors/seal/seal.ts';
import type { TimestampConnector } from '../connectors/seal/tsa.ts';
import { loadNoteSigner, type NoteSigner } from './checkpoint.ts';

export interface TransparencyConfig {
  readonly keyFile?: string;
  readonly origin: string;
  /** Folder or URL. */
  readonly exportTarget: string;
  readonly exportIsDefault: boolean;
  readonly intervalMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_ORIGIN = 'greffe/journal';
export const devKeyFile = (dataDir: string): string => join(dataDir, 'cle-journal-developpement.pem');
export const defaultExportDir = (dataDir: string): string => join(dataDir, 'transparence');

export function transparencyConfigFromEnv(env: Env, dataDir: string): TransparencyConfig {
  const interval = env.GREFFE_CHECKPOINT_INTERVAL ? Number(env.GREFFE_CHECKPOINT_INTERVAL) : 3600;
  if (!(Number.isFinite(interval) && interval > 0))
    throw new Error('GREFFE_CHECKPOINT_INTERVAL : un nombre de secondes positif est attendu.');
  return {
    ...(env.GREFFE_JOURNAL_KEY && { keyFile: env.GREFFE_JOURNAL_KEY }),
    origin: env.GREFFE_JOURNAL_ORIGIN ?? DEFAULT_ORIGIN,
    exportTarget: env.GREFFE_CHECKPOINT_EXPORT ?? defaultExportDir(dataDir),
    exportIsDefault: env.GREFFE_CHECKPOINT_EXPORT === undefined,
    intervalMs: interval * 1000,
  };
}

export function signerOf(c: Pick<TransparencyConfig, 'keyFile' | 'origin'>, dataDir: string): NoteSigner {
  return loadNoteSigner({
    name: c.origin,
    ...(c.keyFile && { keyFile: c.keyFile }),
    devKeyFile: devKeyFile(dataDir),
  });
}

/** The seal's timestamp authority (configured, or the local development one). */
export async function timestampFromEnv(env: Env, dataDir: string): Promise<TimestampConnector> {
  return (await sealFromConfig(connectorConfigFromEnv(env, dataDir).seal)).timestamp;
}
