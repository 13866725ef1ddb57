import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../spec/index.ts';
import { esc } from '../html.ts';
import { ANNEX, loadOrThrow, MEDIATION } from '../test-procedures.ts';
import { deadlineDuration, statesOf } from '../view.ts';
import { summaryModel } from './summary-model.ts';
import { renderSummarySvg } from './summary-svg.ts';

describe.each([ANNEX, MEDIATION].map((dir) => [dir, loadOrThrow(dir)] as const))(
  'graphical summary of %s',
  (_, p) => {
    const svg = renderSummarySvg(p);
    const model = summaryModel(p);
    /** The SVG's text, joined across the lines the layout wrapped. */
    const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' ');

    it('is a standalone A4-wide SVG with a title and a description, referring to nothing outside', () => {
      expect(svg).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="794" height="\d+" viewBox="0 0 794 \d+"/,
      );
      expect(svg).toContain('<title id="resume-titre">');
      expect(svg).toContain('<desc id="resume-desc">');
      expect(svg.match(/https?:\/\//g)).toEqual(['http://']);
    });

    it('shows every phase that has acts, in order, with the delays that run there', () => {
      const phases = Object.values(p.phases)
        .filter((ph) => statesOf(p, ph.id).some((s) => !s.final))
        .sort((a, b) => a.order - b.order);
      expect(model.rows.map((r) => r.phaseId)).toEqual(phases.map((ph) => ph.id));
      for (const d of Object.values(p.deadlines)) expect(text).toContain(esc(deadlineDuration(p, d)));
    });

    it('names the possible outcomes and the title with its parameters', () => {
      for (const o of model.outcomes) expect(text.replace(/ +/g, ' ')).toContain(esc(o.label).split(' ')[0]);
      expect(model.title).toBe(renderTemplate(p.title, p));
      expect(model.title).not.toContain('${');
    });
  },
);
