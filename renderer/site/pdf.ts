/**
 * The legal text as a PDF for a Journal officiel-style publication: a print
 * page (serif, A4, centred title, numbered pages) printed by Chromium.
 * The page is self-contained: inline CSS, system fonts, no network.
 */
import type { Browser } from 'playwright-core';
import { esc } from '../html.ts';
import type { LegalText } from '../legal/types.ts';
import { articlesHtml } from './legal-html.ts';

const PRINT_CSS = `
@page { size: A4; margin: 22mm 20mm 20mm; }
html { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.4; color: #000; }
body { margin: 0; }
header { text-align: center; margin-bottom: 10mm; }
header p { margin: 0 0 2mm; }
.code { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9pt; }
h1 { font-size: 15pt; margin: 3mm 0; }
article h2 { font-size: 11pt; text-align: center; margin: 6mm 0 2mm; }
article p { text-align: justify; margin: 0 0 2mm; text-indent: 6mm; }
article ul { margin: 0 0 2mm 8mm; padding: 0; }
article li { text-align: justify; }
a { color: inherit; text-decoration: none; }
article { break-inside: auto; }
article h2 { break-after: avoid; }
`;

/** The print page of the legal text (also useful on its own). */
export function printHtml(text: LegalText): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${esc(text.title)}</title><style>${PRINT_CSS}</style></head>
<body>
<header><p class="code">Annexe au Code de procédure civile</p><h1>${esc(text.title)}</h1><p>${esc(text.subtitle)}</p></header>
${articlesHtml(text)}
</body></html>`;
}

/** Prints the legal text to a PDF buffer with `browser`. */
export async function legalTextPdf(browser: Browser, text: LegalText): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(printHtml(text), { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-family:serif;font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '22mm', bottom: '20mm', left: '20mm', right: '20mm' },
      tagged: true,
      outline: true,
    });
  } finally {
    await page.close();
  }
}
