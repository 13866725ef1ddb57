/**
 * Charts drawn as inline SVG (no chart library, nothing fetched from outside),
 * each with its figures also given as a table for screen readers and print.
 */
import { useId } from 'react';
import { formatCount, formatPercent } from '../lib/format.ts';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const WIDTH = 640;
const LABEL_W = 300;
const ROW = 34;

/** Horizontal bars; `max` fixes the scale (1 for shares), `target` draws a reference line. */
export function BarChart({
  title,
  description,
  bars,
  max,
  format,
  target,
}: {
  title: string;
  description: string;
  bars: readonly Bar[];
  max?: number;
  format: (n: number) => string;
  target?: { value: number; label: string } | undefined;
}) {
  const id = useId();
  const top = Math.max(max ?? 0, target?.value ?? 0, ...bars.map((b) => b.value), 1e-9);
  const plot = WIDTH - LABEL_W - 70;
  const x = (v: number) => LABEL_W + (v / top) * plot;
  const height = bars.length * ROW + (target ? 28 : 8);
  return (
    <figure className="greffe-chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} className="fr-h6">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="greffe-chart__svg"
      >
        <title>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * ROW})`}>
            <text x={LABEL_W - 8} y={ROW / 2 + 5} textAnchor="end" className="greffe-chart__label">
              <title>{b.label}</title>
              {b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label}
            </text>
            <rect
              x={LABEL_W}
              y={6}
              width={Math.max(0, x(b.value) - LABEL_W)}
              height={ROW - 12}
              className="greffe-chart__bar"
            />
            <text x={x(b.value) + 6} y={ROW / 2 + 5} className="greffe-chart__value">
              {format(b.value)}
            </text>
          </g>
        ))}
        {target && (
          <g>
            <line
              x1={x(target.value)}
              x2={x(target.value)}
              y1={0}
              y2={bars.length * ROW}
              className="greffe-chart__target"
            />
            <text
              x={x(target.value)}
              y={bars.length * ROW + 18}
              textAnchor="middle"
              className="greffe-chart__label"
            >
              {target.label}
            </text>
          </g>
        )}
      </svg>
      <details>
        <summary>Voir les données</summary>
        <div className="fr-table fr-table--sm">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Valeur</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td>{format(b.value)}</td>
                </tr>
              ))}
              {target && (
                <tr>
                  <td>{target.label}</td>
                  <td>{format(target.value)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export const percent = (n: number): string => formatPercent(n);
export const days = (n: number): string => `${formatCount(Math.round(n * 10) / 10)} j`;
export const count = (n: number): string => formatCount(n);
