/**
 * OVHcloud's SMS delivery reports. OVH calls the « URL de callback » set on
 * the SMS account (the `callBack` property of PUT /sms/{serviceName}, or the
 * manager's « URL de callback changements d'état ») each time a sent SMS
 * changes state, with these values in the query string (OVH's guide « Tout
 * savoir sur les utilisateurs SMS »): `id` (the SMS id that POST …/jobs
 * answered in `ids`), `ptt` (the operator's state code), `date`,
 * `description` (the DLR id: 0 pending, 1 success, 2 failed, 4 waiting,
 * 8 buffered, 16 error/not billed) and `descriptionDlr` (its words). Some
 * clients read the DLR id as `dlr` (RaspiSMS's OVH adapter): both are read.
 * OVH signs nothing: the callback URL carries a secret token of ours, its
 * only authentication (docs/exploitation.md).
 */
import type { ReportStatus } from '../delivery-reports.ts';

/** `ptt` codes (OVH's table): 1–3 are on the way, 4 delivered, 6 unknown for good; the others, failures. */
const PTT_PENDING = new Set(['1', '2', '3', '6']);
const PTT_REASONS: Readonly<Record<string, string>> = {
  '5': 'non distribué, sans précision de l’opérateur',
  '8': 'expiré : le téléphone n’a pu être joint pendant la durée de validité du message',
  '20': 'message non distribuable en l’état',
  '21': 'crédit insuffisant chez l’opérateur du destinataire',
  '23': 'numéro invalide, inconnu ou définitivement interdit',
  '24': 'abonné absent (téléphone éteint ou hors réseau)',
  '25': 'erreur temporaire du réseau de l’opérateur',
  '26': 'erreur temporaire du téléphone (mémoire pleine, occupé)',
  '27': 'téléphone incapable de recevoir ce message',
  '28': 'refusé par l’opérateur comme indésirable',
  '29': 'contenu refusé par le réseau',
};

export interface OvhDeliveryReport {
  /** OVH's SMS id. */
  readonly providerId: string;
  /** Undefined: an intermediate state (accepted, retrying, pending), nothing to journal. */
  readonly status: ReportStatus | undefined;
  readonly reason?: string;
  readonly data: Readonly<Record<string, string>>;
}

/** Reads one callback's query values; throws a French error when `id` or any state is missing. */
export function ovhDeliveryReport(q: Readonly<Record<string, string | undefined>>): OvhDeliveryReport {
  const id = q.id?.trim();
  const ptt = q.ptt?.trim();
  const dlr = (q.description ?? q.dlr)?.trim();
  if (!id) throw new Error('Avis de distribution OVH sans identifiant de SMS (id).');
  if (!ptt && !dlr) throw new Error('Avis de distribution OVH sans état (ptt, description ou dlr).');
  const data: Record<string, string> = { source: 'ovh', providerId: id };
  for (const k of ['ptt', 'date', 'descriptionDlr'] as const) if (q[k]) data[k] = String(q[k]);
  if (dlr) data.dlr = dlr;
  let status: ReportStatus | undefined;
  let reason: string | undefined;
  if (ptt) {
    if (ptt === '4') status = 'distribue';
    else if (!PTT_PENDING.has(ptt)) {
      status = 'echec';
      reason = `${PTT_REASONS[ptt] ?? 'refusé par l’opérateur'} (code ${ptt})`;
    }
  } else if (dlr === '1') status = 'distribue';
  else if (dlr === '2' || dlr === '16') {
    status = 'echec';
    reason = `${q.descriptionDlr?.trim() || 'échec de la distribution'} (code ${dlr})`;
  }
  return { providerId: id, status, ...(reason && { reason }), data };
}
