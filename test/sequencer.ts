/**
 * The order of the suite's files (vitest.config.ts `sequence.sequencer`): vitest's own (files that
 * failed, then the longest, from its results cache; on a fresh clone the largest), with two changes
 * for the diagram cache the suite turns on (GREFFE_DIAGRAM_CACHE):
 * - test/diagram-overlaps.test.ts first: it lays out every diagram of every procedure version for
 *   real and writes them to the cache;
 * - the files that read those drawings again (`greffe dev`'s preview draws every diagram of draft
 *   1.2.0) last, so that on a fresh clone they read the cache instead of drawing the same diagrams
 *   before the writer has (measured: dev-preview 175 s with a cold cache, 23–37 s warm).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = ['test/diagram-overlaps.test.ts'];
const LAST = ['test/dev-preview.test.ts'];

export default class DiagramCacheSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const path = relative(this.ctx.config.root, spec.moduleId).split('\\').join('/');
      if (FIRST.includes(path)) return 0;
      if (LAST.includes(path)) return 2;
      return 1;
    };
    // Array.prototype.sort is stable: vitest's order holds within each rank.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
