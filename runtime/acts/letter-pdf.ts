/**
 * A letter of the court, print-ready for a hybrid-mail provider: A4, fonts
 * embedded, the recipient's address in the window of a DL envelope (French
 * window: 100 mm from the left, 45 mm from the top), the sender's block, the
 * reference, the subject, the body; an enclosed act (a sealed PDF) follows as
 * its own pages.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { formatDate } from '../../spec/index.ts';
import { readFont } from './render-pdf.ts';

export interface Letter {
  readonly court: string;
  readonly reference: string;
  readonly recipient: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly body: string;
  /** Civil date, YYYY-MM-DD. */
  readonly date: string;
  /** « Lettre recommandée avec avis de réception », printed above the address. */
  readonly mention?: string;
  readonly enclosure?: Uint8Array;
  readonly notice?: string;
}

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];

export async function renderLetterPdf(l: Letter): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFont('Regular'), { subset: true });
  const bold = await doc.embedFont(readFont('Bold'), { subset: true });
  doc.setTitle(`${l.subject} — ${l.reference}`);
  doc.setLanguage('fr-FR');
  doc.setCreator('greffe');
  let page = doc.addPage(A4);
  const black = rgb(0, 0, 0);
  const clean = (s: string) => s.replace(/[\u202f\u2009]/g, '\u00a0');
  const draw = (s: string, x: number, y: number, size = 11, f = font) =>
    page.drawText(clean(s), { x, y, size, font: f, color: black });
  // Sender (top left).
  draw('RÉPUBLIQUE FRANÇAISE', 20 * MM, A4[1] - 20 * MM, 10, bold);
  draw(l.court.charAt(0).toUpperCase() + l.court.slice(1), 20 * MM, A4[1] - 25 * MM, 10);
  draw('Greffe', 20 * MM, A4[1] - 30 * MM, 10);
  // Recipient in the envelope's window.
  let y = A4[1] - 50 * MM;
  if (l.mention) {
    draw(l.mention, 100 * MM, A4[1] - 43 * MM, 8, bold);
  }
  for (const line of [l.recipient.name, ...l.recipient.address.split(/\s*[,\n]\s*/)]) {
    draw(line, 100 * MM, y, 11);
    y -= 13;
  }
  y = A4[1] - 95 * MM;
  draw(`Affaire n° ${l.reference}`, 20 * MM, y, 11, bold);
  draw(`Le ${formatDate(l.date)}`, 130 * MM, y, 11);
  y -= 24;
  draw(`Objet : ${l.subject}`, 20 * MM, y, 11, bold);
  y -= 24;
  const width = A4[0] - 40 * MM;
  for (const para of l.body.split('\n')) {
    let line = '';
    const flush = () => {
      if (y < 25 * MM) {
        page = doc.addPage(A4);
        y = A4[1] - 25 * MM;
      }
      draw(line, 20 * MM, y);
      y -= 15;
      line = '';
    };
    for (const word of clean(para).split(/ +/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, 11) > width) {
        flush();
        line = word;
      } else line = next;
    }
    flush();
  }
  if (l.notice) {
    for (const p of doc.getPages()) p.drawText(clean(l.notice), { x: 20 * MM, y: 12 * MM, size: 7, font });
  }
  if (l.enclosure) {
    const act = await PDFDocument.load(l.enclosure);
    for (const p of await doc.copyPages(act, act.getPageIndices())) doc.addPage(p);
  }
  return doc.save({ useObjectStreams: false });
}
