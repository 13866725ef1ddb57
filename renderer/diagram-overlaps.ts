/**
 * Counts what makes a rendered diagram hard to read: text drawn over other text, and arrows drawn
 * across text. Measured in Chromium on the SVG the annex publishes (renderMermaidSvgs), at 1:1 scale.
 *
 * - A **label** is the text of a state (`g.node`), of an arrow (`g.edgeLabel`), of a frame
 *   (`g.cluster`) or the diagram's title: the union of the bounding boxes of its `<text>` elements.
 * - **label overlap**: two labels whose boxes intersect by more than TOLERANCE pixels in both
 *   directions.
 * - **edge crossing**: an arrow (`path[data-edge]`) with a point, sampled every SAMPLE pixels
 *   along it, strictly inside the box (shrunk by TOLERANCE) of a label other than its own.
 */
import type { Page } from 'playwright-core';

export interface OverlapReport {
  /** Labels and arrows measured (a diagram with none would prove nothing). */
  readonly labels: number;
  readonly edges: number;
  /** Pairs of labels drawn over each other: "« a » / « b »". */
  readonly labelOverlaps: readonly string[];
  /** Arrows drawn across a label: "edge12 → « label »". */
  readonly edgeCrossings: readonly string[];
}

export const TOLERANCE = 1;
export const SAMPLE = 2;

interface Box {
  owner: string;
  text: string;
  l: number;
  t: number;
  r: number;
  b: number;
}

/** Measures `svg` in `page` (the page's content is replaced). */
export async function measureOverlaps(page: Page, svg: string): Promise<OverlapReport> {
  await page.setContent(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>body{margin:0}</style></head><body>${svg}</body></html>`,
  );
  // No named inner function below: tsx would wrap it in a helper (`__name`) the page does not have.
  return page.evaluate(
    ({ tolerance, sample }) => {
      const root = document.querySelector('svg') as SVGSVGElement;
      // 1:1 scale: the SVG at the size of its viewBox, as when opened on its own.
      const vb = root.viewBox.baseVal;
      root.setAttribute('width', String(vb.width));
      root.setAttribute('height', String(vb.height));
      root.style.maxWidth = 'none';
      const byOwner = new Map<string, Box>();
      for (const t of root.querySelectorAll('text')) {
        const text = (t.textContent ?? '').replace(/\s+/g, ' ').trim();
        const r = t.getBoundingClientRect();
        if (!text || r.width === 0 || r.height === 0) continue;
        const edge = t.closest('g.edgeLabel')?.querySelector('[data-id]');
        const node = t.closest('g.node');
        const cluster = t.closest('g.cluster');
        const key = edge
          ? `edge:${edge.getAttribute('data-id')}`
          : node
            ? `node:${node.id}`
            : cluster
              ? `cluster:${cluster.id}`
              : 'title';
        const known = byOwner.get(key);
        if (known) {
          known.text = `${known.text} ${text}`;
          known.l = Math.min(known.l, r.left);
          known.t = Math.min(known.t, r.top);
          known.r = Math.max(known.r, r.right);
          known.b = Math.max(known.b, r.bottom);
        } else byOwner.set(key, { owner: key, text, l: r.left, t: r.top, r: r.right, b: r.bottom });
      }
      const boxes = [...byOwner.values()].map((b) => ({
        ...b,
        text: `« ${b.text.length > 50 ? `${b.text.slice(0, 49)}…` : b.text} »`,
      }));
      const labelOverlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i] as Box;
          const b = boxes[j] as Box;
          const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
          const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
          if (w > tolerance && h > tolerance) labelOverlaps.push(`${a.text} / ${b.text}`);
        }
      }
      const edgeCrossings: string[] = [];
      const paths = [...root.querySelectorAll('path[data-edge="true"]')] as SVGPathElement[];
      for (const p of paths) {
        const id = p.getAttribute('data-id') ?? p.id;
        const ctm = p.getScreenCTM();
        if (!ctm) continue;
        const length = p.getTotalLength();
        const points: DOMPoint[] = [];
        for (let at = 0; at <= length; at += sample) points.push(p.getPointAtLength(at).matrixTransform(ctm));
        for (const box of boxes) {
          if (box.owner === `edge:${id}`) continue;
          const inside = points.some(
            (q) =>
              q.x > box.l + tolerance &&
              q.x < box.r - tolerance &&
              q.y > box.t + tolerance &&
              q.y < box.b - tolerance,
          );
          if (inside) edgeCrossings.push(`${id} → ${box.text}`);
        }
      }
      return { labels: boxes.length, edges: paths.length, labelOverlaps, edgeCrossings };
    },
    { tolerance: TOLERANCE, sample: SAMPLE },
  );
}
