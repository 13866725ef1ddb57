/**
 * Diagram SVGs for the preview, drawn as `greffe docs build` draws them
 * (mermaid in headless Chromium, renderer/mermaid-render.ts), on demand and
 * kept by source: a save that leaves a diagram's source unchanged costs
 * nothing, and the requests of one page are drawn together in one batch.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, renderMermaidSvgs } from '../../renderer/index.ts';

interface Pending {
  readonly source: string;
  readonly resolve: (svg: string) => void;
  readonly reject: (err: unknown) => void;
}

export class DiagramCache {
  private readonly svgs = new Map<string, Promise<string>>();
  private pending: Pending[] = [];
  private browser?: Promise<Browser>;
  private running: Promise<void> = Promise.resolve();

  /** The SVG of a mermaid source. */
  svg(source: string): Promise<string> {
    const known = this.svgs.get(source);
    if (known) return known;
    const made = new Promise<string>((resolve, reject) => {
      this.pending.push({ source, resolve, reject });
    });
    this.svgs.set(source, made);
    // A failed drawing is not kept: the next request tries again (after a fix, the source differs anyway).
    made.catch(() => this.svgs.delete(source));
    if (this.pending.length === 1) setImmediate(() => this.flush());
    return made;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.running = this.running.then(async () => {
      try {
        this.browser ??= launchBrowser();
        const browser = await this.browser;
        const done = await renderMermaidSvgs(
          browser,
          batch.map((p, i) => ({ id: `d${i}`, source: p.source })),
        );
        batch.forEach((p, i) => p.resolve(done[i]?.svg ?? ''));
      } catch (err: unknown) {
        for (const p of batch) p.reject(err);
      }
    });
  }

  async close(): Promise<void> {
    await this.running;
    if (this.browser) await (await this.browser).close();
  }
}
