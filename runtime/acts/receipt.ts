/**
 * The filing receipt (accusé de réception): what the claimant keeps once his
 * claim is recorded — the RG number, the date and time of filing, the court,
 * his answers in the filing form's order and words, each document with its
 * SHA-256 fingerprint, what happens next and the deadlines running. Printed
 * from the case as the caller may see it (the same gate as the case view).
 */
import { controlOrder } from '../../forms/form-order.ts';
import { formatBytes, formatDate, formatNumber, type Procedure } from '../../spec/index.ts';
import { newPdf, Writer } from './render-pdf.ts';

interface Schema {
  readonly title?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly oneOf?: readonly { readonly const?: unknown; readonly title?: string }[];
}

/** What the receipt prints, taken from the caller's case view. */
export interface ReceiptData {
  readonly reference: string;
  readonly court: string;
  /** The filing: its label, instant and answers. */
  readonly filed: { readonly label: string; readonly at: string; readonly data: Record<string, unknown> };
  readonly formId?: string | undefined;
  readonly stateLabel: string;
  readonly help?: string | null;
  readonly documents: readonly {
    label: string;
    filename: string;
    size: number;
    sha256: string;
  }[];
  readonly deadlines: readonly { label: string; due: string }[];
  /** The address of the platform, where the case is followed. */
  readonly platform: string;
}

const optionLabel = (schema: Schema | undefined, v: unknown): string =>
  (schema?.oneOf ?? schema?.items?.oneOf)?.find((o) => o.const === v)?.title ?? String(v);

/** "label : answer" lines of a form's data, in the form's order, nested groups indented. */
export function answerLines(
  schema: Schema | undefined,
  order: readonly string[],
  data: Record<string, unknown>,
  prefix = '',
  depth = 0,
): { text: string; depth: number }[] {
  const props = schema?.properties ?? {};
  const rank = (k: string) => {
    const full = prefix ? `${prefix}.${k}` : k;
    const i = order.findIndex((p) => p === full || p.startsWith(`${full}.`));
    return i >= 0 ? i : order.length + Object.keys(props).indexOf(k);
  };
  const keys = Object.keys(data)
    .filter((k) => data[k] !== undefined && data[k] !== null && data[k] !== '')
    .sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((k) => {
    const v = data[k];
    const s = props[k];
    const label = s?.title ?? k;
    if (v && typeof v === 'object' && !Array.isArray(v))
      return [
        { text: label, depth },
        ...answerLines(s, order, v as Record<string, unknown>, prefix ? `${prefix}.${k}` : k, depth + 1),
      ];
    const shown = Array.isArray(v)
      ? v
          .map((x) =>
            x && typeof x === 'object' && typeof (x as { filename?: unknown }).filename === 'string'
              ? (x as { filename: string }).filename
              : optionLabel(s, x),
          )
          .join(', ')
      : v === true
        ? 'Oui'
        : v === false
          ? 'Non'
          : typeof v === 'number'
            ? formatNumber(v)
            : optionLabel(s, v);
    // "Que demandez-vous ? Le paiement…", "Nom : Martin".
    return [{ text: `${label}${/[?:]$/.test(label) ? ' ' : ' : '}${shown}`, depth }];
  });
}

/** "3 décembre 2026 à 14 h 05" in the procedure's time zone. */
function dateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${formatDate(`${get('year')}-${get('month')}-${get('day')}`)} à ${get('hour')} h ${get('minute')}`;
}

export async function renderReceiptPdf(p: Procedure, d: ReceiptData, timeZone: string): Promise<Uint8Array> {
  const { doc, regular, bold } = await newPdf();
  const when = new Date(d.filed.at);
  doc.setTitle(`Accusé de réception — ${d.reference}`);
  doc.setSubject(`${p.shortTitle ?? p.title} — ${d.court}`);
  doc.setLanguage('fr-FR');
  doc.setCreator('greffe');
  doc.setProducer('greffe (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const w = new Writer(doc, undefined, regular);
  w.text('RÉPUBLIQUE FRANÇAISE', bold, 11);
  w.text(d.court, regular, 11);
  w.text('Greffe', regular, 11, { gap: 4 });
  w.text(`RG n° ${d.reference.replace(/^RG\s*/, '')}`, bold, 11, { align: 'right', gap: 18 });
  w.text('ACCUSÉ DE RÉCEPTION', bold, 14, { align: 'center', gap: 4 });
  w.text(p.shortTitle ?? p.title, regular, 10, { align: 'center', gap: 14 });
  w.text(
    `Votre demande (« ${d.filed.label} ») a été enregistrée le ${dateTime(d.filed.at, timeZone)} ` +
      `(heure légale française) par le greffe du ${d.court.charAt(0).toLowerCase()}${d.court.slice(1)}, ` +
      `sous le numéro ${d.reference}. Rappelez ce numéro dans tout échange avec le tribunal.`,
    regular,
    11,
    { gap: 10 },
  );
  w.text('Votre demande', bold, 12, { gap: 4 });
  const form = d.formId ? p.forms[d.formId] : undefined;
  const order = controlOrder(form?.uischema);
  for (const line of answerLines(form?.schema as Schema | undefined, order, d.filed.data))
    w.text(line.text, regular, 10, { indent: 12 * line.depth, gap: 2 });
  w.text('', regular, 6);
  w.text('Pièces déposées', bold, 12, { gap: 4 });
  if (d.documents.length === 0) w.text('Aucune pièce.', regular, 10, { gap: 2 });
  for (const doc of d.documents) {
    w.text(`${doc.label} : ${doc.filename} (${formatBytes(doc.size)})`, regular, 10);
    w.text(`Empreinte SHA-256 : ${doc.sha256}`, regular, 8, { indent: 12, gap: 4 });
  }
  w.text('', regular, 6);
  w.text('La suite', bold, 12, { gap: 4 });
  w.text(`Votre affaire en est à l’étape : ${d.stateLabel}.`, regular, 10, { gap: 2 });
  if (d.help) w.text(d.help, regular, 10, { gap: 4 });
  for (const dl of d.deadlines) w.text(`${dl.label} : jusqu’au ${formatDate(dl.due)} inclus.`, regular, 10);
  w.text(
    `Suivez votre affaire et recevez les avis du tribunal sur ${d.platform}, rubrique « Mes affaires ».`,
    regular,
    10,
    { gap: 10 },
  );
  w.text(
    'Les empreintes SHA-256 permettent de vérifier que les fichiers conservés par le tribunal sont ' +
      'exactement ceux que vous avez déposés.',
    regular,
    8,
  );
  return doc.save({ useObjectStreams: false });
}
