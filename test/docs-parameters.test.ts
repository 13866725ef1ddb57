/**
 * One parameter change in a copy of the annex (threshold 4,000 → 5,000 EUR,
 * critique window 7 → 10 days) changes, together, the graphical summary,
 * the diagrams, the legal text and the runtime's decisions: all four come
 * from the same spec.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildSite, durationsInWords, launchBrowser } from '../renderer/index.ts';
import { evaluateEligibility } from '../rules/index.ts';
import { runJourney } from '../runtime/index.ts';
import { formatDuration, formatMoney, type Journey, loadProcedure, type Procedure } from '../spec/index.ts';
import { ANNEX_DIR, copySpec } from './helpers/spec-copy.ts';

let browser: Browser;
let original: Procedure;
let changed: Procedure;
const out = { original: '', changed: '' };

function setParameters(dir: string): void {
  const file = join(dir, 'procedure.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['parameters', 'seuil', 'value', 'amount'], 5000);
  doc.setIn(['parameters', 'delai_critique', 'value'], 'P10D');
  writeFileSync(file, doc.toString());
}

function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return procedure;
}

beforeAll(async () => {
  const copy = copySpec(ANNEX_DIR);
  setParameters(copy);
  original = load(ANNEX_DIR);
  changed = load(copy);
  browser = await launchBrowser();
  out.original = mkdtempSync(join(tmpdir(), 'greffe-annexe-a-'));
  out.changed = mkdtempSync(join(tmpdir(), 'greffe-annexe-b-'));
  await buildSite([original], out.original, { browser });
  await buildSite([changed], out.changed, { browser });
  // Two annex builds: the ELK layout of the diagrams takes about twice dagre's time (docs/annexe.md).
}, 480_000);

afterAll(async () => {
  await browser?.close();
});

const read = (which: keyof typeof out, file: string) =>
  readFileSync(join(out[which], 'petits-litiges', '1.0.0', file), 'utf8');
/** The words of an SVG's text, whatever tspans mermaid split them into. */
const svgText = (svg: string) =>
  [...svg.matchAll(/>([^<>]+)</g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&apos;/g, "'");
const normalize = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ');

const before = {
  seuil: normalize(formatMoney({ amount: 4000, currency: 'EUR' })),
  critique: formatDuration('P7D'),
};
const after = {
  seuil: normalize(formatMoney({ amount: 5000, currency: 'EUR' })),
  critique: formatDuration('P10D'),
};

describe('changing the threshold and the critique window in a copy of the annex', () => {
  it('changes the graphical summary', () => {
    const a = normalize(svgText(read('original', 'resume.svg')));
    const b = normalize(svgText(read('changed', 'resume.svg')));
    expect(a).toContain(`moins de ${before.seuil}`);
    expect(b).toContain(`moins de ${after.seuil}`);
    expect(b).not.toContain(before.seuil);
    const critique = (text: string) => text.match(/(\d+ jours?) Délai de critique/)?.[1];
    expect(critique(a)).toBe(before.critique);
    expect(critique(b)).toBe(after.critique);
  });

  it('changes the diagrams, in their mermaid source and in the pre-rendered SVG', () => {
    const expiry = (d: string) => `Constater l'expiration du délai de critique (après ${d})`;
    expect(read('original', 'diagrammes/phase-jugement.mmd')).toContain(expiry(before.critique));
    expect(read('changed', 'diagrammes/phase-jugement.mmd')).toContain(expiry(after.critique));
    expect(read('changed', 'diagrammes/phase-jugement.mmd')).not.toContain(expiry(before.critique));
    expect(svgText(read('original', 'diagrammes/phase-jugement.svg'))).toContain(
      `(après ${before.critique})`,
    );
    expect(svgText(read('changed', 'diagrammes/phase-jugement.svg'))).toContain(`(après ${after.critique})`);
    expect(normalize(svgText(read('changed', 'diagrammes/procedure.svg')))).toContain(after.seuil);
  });

  it('changes the legal text, in HTML, Markdown and the PDF build', () => {
    for (const file of ['annexe.md', 'texte.html']) {
      const a = normalize(read('original', file));
      const b = normalize(read('changed', file));
      expect(a).toContain(`strictement inférieure à ${before.seuil}`);
      expect(b).toContain(`strictement inférieure à ${after.seuil}`);
      // The decree writes durations in words ("sept jours").
      expect(a).toContain(
        `Le délai de critique du jugement provisoire est de ${durationsInWords(before.critique)}.`,
      );
      expect(b).toContain(
        `Le délai de critique du jugement provisoire est de ${durationsInWords(after.critique)}.`,
      );
      expect(b).not.toContain(before.seuil);
    }
  });

  it('changes the runtime’s decisions: eligibility of a 4,500 EUR claim, and the end of the critique window', async () => {
    const claim = { montant: 4500, objets: ['paiement'] };
    const a = await evaluateEligibility(original, claim);
    const b = await evaluateEligibility(changed, claim);
    expect('eligible' in a && a.eligible).toBe(false);
    expect('eligible' in b && b.eligible).toBe(true);

    // Eight days after the provisional judgment: the window is closed under 7 days, still open under 10.
    const journey: Journey = {
      name: 'critique',
      start: 'jugement_provisoire_a_rendre',
      steps: [
        {
          event: 'rendre_jugement_provisoire',
          as: 'juge',
          data: {
            motifs: 'Les pièces produites établissent la créance.',
            dispositif: 'Condamnation envisagée.',
          },
          loc: original.loc,
        },
        { wait: 'P8D', loc: original.loc },
      ],
      expect: { state: 'jugement_definitif_a_rendre' },
      loc: original.loc,
    };
    expect((await runJourney(original, journey)).passed).toBe(true);
    const still = await runJourney(changed, journey);
    expect(still.passed).toBe(false);
    expect(still.actual).toContain('critique_jugement_provisoire');
  });
});
