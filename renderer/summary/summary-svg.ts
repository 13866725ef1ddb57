/**
 * The one-page graphical summary as a hand-written SVG: one band per phase
 * (who acts, which delays run, which ends are reachable), the acts possible
 * at any time, then the possible outcomes. 794 px wide: A4 at 96 dpi.
 */
import type { Procedure } from '../../spec/index.ts';
import { esc } from '../html.ts';
import { type SummaryModel, type SummaryRow, summaryModel } from './summary-model.ts';
import { FONT, textBlock, wrap } from './svg-text.ts';

const W = 794;
const M = 32;
const COL_B = 300;
const COL_C = 486;
const COL_C_LABEL = 560;
const RIGHT = W - M;

export const OUTCOME_COLORS: Record<string, { fill: string; stroke: string }> = {
  accord: { fill: '#e3f1e6', stroke: '#1f6f3a' },
  jugement: { fill: '#e8eefc', stroke: '#1d3f8f' },
  renvoi: { fill: '#fff6dc', stroke: '#8a6100' },
};
const GREY = { fill: '#eeeeee', stroke: '#4d4d4d' };
export const outcomeColor = (o: string) => OUTCOME_COLORS[o] ?? GREY;

function row(r: SummaryRow, y: number, shade: boolean): { svg: string; height: number } {
  const parts: string[] = [];
  const label = textBlock(wrap(r.label, COL_B - 84, 15), 72, y + 22, { size: 15, weight: 'bold' });
  const desc = r.description
    ? textBlock(wrap(r.description, COL_B - 84, 11), 72, y + 20 + label.height, {
        size: 11,
        fill: '#3a3a3a',
        leading: 13,
      })
    : { svg: '', height: 0 };
  const heightA = 20 + label.height + desc.height;
  const roles = textBlock(
    wrap(r.roles.length ? r.roles.join(', ') : '(étapes automatiques)', COL_C - COL_B - 12, 12),
    COL_B,
    y + 22,
    { size: 12 },
  );
  let yc = y + 22;
  const delays: string[] = [];
  for (const d of r.delays) {
    const lines = wrap(d.label, RIGHT - COL_C_LABEL, 11);
    delays.push(textBlock([d.duration], COL_C, yc, { size: 12, weight: 'bold' }).svg);
    const t = textBlock(lines, COL_C_LABEL, yc, { size: 11, leading: 13 });
    delays.push(t.svg);
    yc += Math.max(t.height, 15) + 2;
  }
  for (const e of r.exits) {
    const t = textBlock(wrap(`→ ${e.label}`, RIGHT - COL_C, 11), COL_C, yc, {
      size: 11,
      weight: 'bold',
      fill: outcomeColor(e.outcome).stroke,
    });
    delays.push(t.svg);
    yc += t.height + 2;
  }
  const height = Math.max(heightA, roles.height + 24, yc - y) + 2;
  parts.push(
    `<rect x="${M}" y="${y}" width="${W - 2 * M}" height="${height}" fill="${shade ? '#f3f5fb' : '#ffffff'}" stroke="#c8cbd6"/>`,
  );
  parts.push(`<circle cx="${M + 20}" cy="${y + 18}" r="13" fill="#1d3f8f"/>`);
  parts.push(
    textBlock([String(r.number)], M + 20, y + 23, {
      size: 13,
      weight: 'bold',
      fill: '#ffffff',
      anchor: 'middle',
    }).svg,
  );
  parts.push(label.svg, desc.svg, roles.svg, ...delays);
  return { svg: parts.join(''), height };
}

function outcomesRow(m: SummaryModel, y: number): { svg: string; height: number } {
  const n = Math.max(1, m.outcomes.length);
  const gap = 10;
  const w = (W - 2 * M - gap * (n - 1)) / n;
  const boxes = m.outcomes.map((o, i) => {
    const x = M + i * (w + gap);
    const c = outcomeColor(o.outcome);
    const title = textBlock(wrap(o.label, w - 16, 13), x + 8, y + 20, {
      size: 13,
      weight: 'bold',
      fill: c.stroke,
    });
    const states = textBlock(wrap(o.states.join(' ; '), w - 16, 10), x + 8, y + 24 + title.height, {
      size: 10,
    });
    return { x, c, title, states, h: 30 + title.height + states.height };
  });
  const h = Math.max(40, ...boxes.map((b) => b.h));
  const svg = boxes
    .map(
      (b) =>
        `<rect x="${b.x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${b.c.fill}" stroke="${b.c.stroke}" stroke-width="1.5"/>${b.title.svg}${b.states.svg}`,
    )
    .join('');
  return { svg, height: h };
}

/** The summary as a standalone SVG document (no external reference, fonts from the system). */
export function summarySvg(m: SummaryModel, footer: string): string {
  const body: string[] = [];
  const title = textBlock(wrap(m.title, W - 2 * M, 22), M, 44, { size: 22, weight: 'bold', fill: '#1d3f8f' });
  body.push(title.svg);
  let y = 44 + title.height;
  body.push(textBlock([m.subtitle], M, y, { size: 13, fill: '#3a3a3a' }).svg);
  y += 28;
  for (const [x, h] of [
    [M + 40, 'Phase'],
    [COL_B, 'Qui agit'],
    [COL_C, 'Délais et issues'],
  ] as const) {
    body.push(textBlock([h], x, y, { size: 12, weight: 'bold', fill: '#3a3a3a' }).svg);
  }
  y += 8;
  m.rows.forEach((r, i) => {
    const b = row(r, y, i % 2 === 0);
    body.push(b.svg);
    y += b.height;
    if (i < m.rows.length - 1) body.push(`<path d="M${M + 14} ${y + 1} l6 6 l6 -6 z" fill="#1d3f8f"/>`);
    y += 8;
  });
  if (m.anytime.length) {
    y += 6;
    const items = m.anytime.flatMap((a) =>
      wrap(`${a.label}${a.roles ? ` (${a.roles})` : ''}`, W - 2 * M - 24, 11),
    );
    const t = textBlock(items, M + 12, y + 40, { size: 11 });
    body.push(
      `<rect x="${M}" y="${y}" width="${W - 2 * M}" height="${t.height + 36}" rx="6" fill="#fff6dc" stroke="#8a6100" stroke-dasharray="5 3"/>`,
    );
    body.push(
      textBlock(['Possible à plusieurs stades de l’affaire'], M + 12, y + 20, {
        size: 13,
        weight: 'bold',
        fill: '#6b4a00',
      }).svg,
      t.svg,
    );
    y += t.height + 46;
  }
  body.push(textBlock(['Issues possibles'], M, y + 16, { size: 15, weight: 'bold', fill: '#1d3f8f' }).svg);
  y += 26;
  const o = outcomesRow(m, y);
  body.push(o.svg);
  y += o.height + 26;
  body.push(textBlock(wrap(footer, W - 2 * M, 10), M, y, { size: 10, fill: '#3a3a3a' }).svg);
  const H = Math.ceil(y + 24);
  const desc = `${m.rows.length} phases : ${m.rows.map((r) => r.label).join(', ')}. Issues : ${m.outcomes.map((x) => x.label).join(', ')}.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="resume-titre resume-desc" font-family="${FONT}">`,
    `<title id="resume-titre">${esc(`Récapitulatif graphique : ${m.title}`)}</title>`,
    `<desc id="resume-desc">${esc(desc)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** The summary of a procedure version, with the standard footer. */
export function renderSummarySvg(p: Procedure): string {
  return summarySvg(
    summaryModel(p),
    `Récapitulatif produit à partir de la spécification « ${p.id} », version ${p.version}. Les durées sont celles des paramètres de cette version.`,
  );
}
