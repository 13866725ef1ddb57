/**
 * Renders a court act (spec/acts.ts template + the case's data) to PDF with
 * pdf-lib: the court's header, the RG number, the parties, the paragraphs,
 * the access-code box, the statement of remedies on acts of service, the date
 * and the signatory. Fonts: Liberation Serif from Debian's fonts-liberation,
 * embedded (subset), so accents, « » and non-breaking spaces print as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { type ActTemplate, fillAct, partyRoles } from '../../spec/acts.ts';
import {
  formatDate,
  formatParameter,
  type JudgmentCharacter,
  type Procedure,
  serviceStatement,
} from '../../spec/index.ts';

export const FONT_DIR = process.env.GREFFE_FONT_DIR ?? '/usr/share/fonts/truetype/liberation';

/** The case data an act prints (spec/acts.ts ACT_CASE_FIELDS), before formatting. */
export interface ActData {
  readonly rg: string;
  readonly tribunal: string;
  /** The parties' names, by party role id (spec/acts.ts partyRoles). */
  readonly parties: Readonly<Record<string, string>>;
  /** Defaults to the party named by the template's `addressee`. */
  readonly destinataire?: string;
  readonly signataire: string;
  /** Civil date of the act, YYYY-MM-DD. */
  readonly date: string;
  readonly objet?: string;
  readonly montant?: string;
  readonly adressePlateforme: string;
  /** The printed values of the `${faits.…}` and `${decision.…}` the template cites (spec/act-fields.ts citedValues). */
  readonly fields?: Readonly<Record<string, string>>;
  /** The character of the judgment served (recorded by the reducer): only the remedies open against it are stated. */
  readonly character?: JudgmentCharacter;
}

export interface RenderOptions {
  /** Printed at the foot of every page, e.g. that the seal's certificate is a development one. */
  readonly notice?: string;
}

/**
 * The statement of remedies (CPC art. 680: the act of service states the remedies, their time and how
 * to exercise them, or time does not run), written from the typed remedies of the decision the act
 * serves (spec/remedies.ts). A procedure in language v1 has no typed remedies: the section then says
 * plainly that it is not filled in.
 */
export const REMEDIES_TITLE = 'Voies de recours (Code de procédure civile, art. 680)';
export const REMEDIES_PLACEHOLDER =
  'Section à compléter : les voies de recours ouvertes au destinataire, leur délai et leurs modalités ' +
  'd’exercice seront tirés des recours que déclare la procédure (version 2 du langage de spécification). ' +
  'Ce modèle ne les énonce pas encore.';

/**
 * Where the access code is, printed in the act's log-in box instead of the code: the act is a document of
 * the case (other roles read it, it is kept for years), so the code travels only in the message or the
 * covering letter addressed to the person (runtime/store/messages.ts), never on the act.
 */
export const ACCESS_CODE_WHERE =
  'il figure dans le courriel ou la lettre qui vous transmet cet acte, à votre seul nom ; il n’est pas reproduit ici.';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const TEXT = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A cursor over pages: writes wrapped lines top-down and opens a new page when one is full. */
export class Writer {
  private page: PDFPage;
  private y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly notice: string | undefined,
    private readonly regular: PDFFont,
  ) {
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }
  private newPage(): PDFPage {
    const page = this.doc.addPage(A4);
    if (this.notice) {
      for (const [i, l] of wrap(this.notice, this.regular, 8, A4[0] - 2 * MARGIN).entries())
        page.drawText(l, { x: MARGIN, y: 30 - i * 10, size: 8, font: this.regular, color: GREY });
    }
    return page;
  }
  text(
    s: string,
    font: PDFFont,
    size: number,
    opts: { align?: 'center' | 'right'; gap?: number; indent?: number } = {},
  ) {
    const indent = opts.indent ?? 0;
    const width = A4[0] - 2 * MARGIN - 2 * indent;
    // Liberation has no narrow no-break space (U+202F, French thousands and « »): a no-break space prints instead.
    for (const l of wrap(s.replace(/[\u202f\u2009]/g, '\u00a0'), font, size, width)) {
      if (this.y - size < MARGIN) {
        this.page = this.newPage();
        this.y = A4[1] - MARGIN;
      }
      this.y -= size * 1.35;
      const w = font.widthOfTextAtSize(l, size);
      const x =
        opts.align === 'center'
          ? (A4[0] - w) / 2
          : opts.align === 'right'
            ? A4[0] - MARGIN - w
            : MARGIN + indent;
      this.page.drawText(l, { x, y: this.y, size, font, color: TEXT });
    }
    this.y -= opts.gap ?? 0;
  }
  box(lines: readonly [string, PDFFont][], size: number) {
    const height = lines.length * size * 1.35 + 14;
    if (this.y - height < MARGIN) {
      this.page = this.newPage();
      this.y = A4[1] - MARGIN;
    }
    const top = this.y - 6;
    this.page.drawRectangle({
      x: MARGIN,
      y: top - height,
      width: A4[0] - 2 * MARGIN,
      height,
      borderColor: TEXT,
      borderWidth: 1,
    });
    this.y = top - 5;
    for (const [l, f] of lines) this.text(l, f, size, { indent: 10 });
    this.y = top - height - 10;
  }
}

/**
 * The bytes of Liberation Serif `weight` (Regular, Bold). Missing: a French error naming the file and the
 * fix, instead of ENOENT (the fonts come from Debian's fonts-liberation, installed by `npm start`'s set-up).
 */
export function readFont(weight: 'Regular' | 'Bold'): Buffer {
  const file = `${FONT_DIR}/LiberationSerif-${weight}.ttf`;
  if (!existsSync(file)) {
    throw new Error(
      `Police introuvable : ${file}. Les actes en PDF l’incorporent. ` +
        'Installez-la : sudo apt-get install -y fonts-liberation (ou relancez npm start, qui l’installe en root), ' +
        'ou indiquez son dossier dans GREFFE_FONT_DIR.',
    );
  }
  return readFileSync(file);
}

/** A new PDF with Liberation Serif regular and bold embedded (subset). */
export async function newPdf(): Promise<{ doc: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all(
    (['Regular', 'Bold'] as const).map((w) => doc.embedFont(readFont(w), { subset: true })),
  );
  if (!regular || !bold) throw new Error('Police Liberation Serif introuvable.');
  return { doc, regular, bold };
}

/** The values a template's `${…}` names print, formatted in French. */
export function actValues(t: ActTemplate, d: ActData): Record<string, string> {
  const addressee =
    t.addressee !== undefined && Object.hasOwn(d.parties, t.addressee) ? (d.parties[t.addressee] ?? '') : '';
  return {
    rg: d.rg,
    tribunal: d.tribunal,
    ...d.parties,
    destinataire: d.destinataire ?? addressee,
    signataire: d.signataire,
    date_acte: formatDate(d.date),
    objet: d.objet ?? '',
    montant: d.montant ?? '',
    adresse_plateforme: d.adressePlateforme,
    ...d.fields,
  };
}

export async function renderActPdf(
  t: ActTemplate,
  p: Procedure,
  d: ActData,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const { doc, regular, bold } = await newPdf();
  const values = actValues(t, d);
  const fill = (s: string) =>
    fillAct(s, values, (n) => (p.parameters[n] ? formatParameter(p.parameters[n]) : undefined));
  const title = fill(t.title);
  const when = new Date(`${d.date}T12:00:00Z`);
  doc.setTitle(`${title} — ${d.rg}`);
  doc.setSubject(`${p.shortTitle ?? p.title} — ${d.tribunal}`);
  doc.setLanguage('fr-FR');
  doc.setCreator('greffe');
  doc.setProducer('greffe (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);

  const w = new Writer(doc, options.notice, regular);
  w.text('RÉPUBLIQUE FRANÇAISE', bold, 11);
  w.text(d.tribunal.charAt(0).toUpperCase() + d.tribunal.slice(1), regular, 11);
  w.text('Greffe', regular, 11, { gap: 4 });
  w.text(`RG n° ${d.rg}`, bold, 11, { align: 'right', gap: 18 });
  w.text(title.toUpperCase(), bold, 14, { align: 'center', gap: 4 });
  if (t.preamble) w.text(fill(t.preamble), bold, 11, { align: 'center', gap: 4 });
  w.text(p.shortTitle ?? p.title, regular, 10, { align: 'center', gap: 14 });
  const named = partyRoles(p).filter((r) => Object.hasOwn(d.parties, r));
  named.forEach((r, i) => {
    const gap = i === named.length - 1 ? { gap: 4 } : {};
    w.text(`${p.roles[r]?.label ?? r} : ${d.parties[r]}`, regular, 11, gap);
  });
  if (values.destinataire) w.text(`Destinataire : ${values.destinataire}`, bold, 11, { gap: 4 });
  w.text('', regular, 6);
  for (const para of t.paragraphs) w.text(fill(para), regular, 11, { gap: 8 });
  if (t.accessCode) {
    w.box(
      [
        ['Vos identifiants de connexion', bold],
        [`Adresse : ${d.adressePlateforme}`, regular],
        [`Affaire : ${d.rg}`, regular],
        [`Code d’accès : ${ACCESS_CODE_WHERE}`, bold],
      ],
      11,
    );
  }
  if (t.remedies) {
    const served = p.transitions.find(
      (x) => x.service && x.effects.some((e) => e.kind === 'produce' && e.document === t.document),
    )?.service?.document;
    const statement = served ? serviceStatement(p, served, d.character) : undefined;
    w.text(statement?.title ?? REMEDIES_TITLE, bold, 11, { gap: 2 });
    const paragraphs = statement?.paragraphs ?? [REMEDIES_PLACEHOLDER];
    paragraphs.forEach((para, i) => {
      w.text(para, regular, 10, { gap: i === paragraphs.length - 1 ? 10 : 4 });
    });
  }
  w.text(`Fait le ${formatDate(d.date)}.`, regular, 11, { align: 'right', gap: 2 });
  w.text(`${p.roles[t.signatory]?.label ?? t.signatory}`, regular, 11, { align: 'right' });
  w.text(d.signataire, bold, 11, { align: 'right' });
  return doc.save({ useObjectStreams: false });
}
