/**
 * Laying out text in a hand-written SVG without a browser: line wrapping by
 * estimated width. Liberation Sans (metric-compatible with Arial) averages
 * about 0.5 em per character in French text; 0.54 leaves a safety margin.
 */
import { esc } from '../html.ts';

export const FONT = 'Liberation Sans, Arial, Helvetica, sans-serif';
const EM_PER_CHAR = 0.54;

/** Splits `text` into lines no wider than `width` pixels at `size`. */
export function wrap(text: string, width: number, size: number): string[] {
  const max = Math.max(8, Math.floor(width / (size * EM_PER_CHAR)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface TextOptions {
  readonly size: number;
  readonly weight?: 'bold' | 'normal';
  readonly fill?: string;
  readonly anchor?: 'start' | 'middle';
  /** Line height in pixels (default 1.3 × size). */
  readonly leading?: number;
}

/** A multi-line <text> whose first baseline is at `y`; returns the markup and the height used. */
export function textBlock(
  lines: readonly string[],
  x: number,
  y: number,
  o: TextOptions,
): { svg: string; height: number } {
  const leading = o.leading ?? Math.round(o.size * 1.3);
  if (lines.length === 0) return { svg: '', height: 0 };
  const attrs = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${o.size}"`,
    o.weight === 'bold' ? 'font-weight="bold"' : '',
    `fill="${o.fill ?? '#161616'}"`,
    o.anchor === 'middle' ? 'text-anchor="middle"' : '',
  ].filter(Boolean);
  const spans = lines
    .map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : leading}">${esc(l)}</tspan>`)
    .join('');
  return { svg: `<text ${attrs.join(' ')}>${spans}</text>`, height: leading * lines.length };
}
