import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../spec/index.ts';
import { findCascades } from '../cascade.ts';
import { ANNEX, loadOrThrow, MEDIATION } from '../test-procedures.ts';
import { deadlineFiring } from '../view.ts';
import { renderMermaid } from './all-diagrams.ts';
import { edgeLabel } from './edge-label.ts';
import { mermaidLabel, stateId } from './mermaid-text.ts';

const annex = loadOrThrow(ANNEX);
const mediation = loadOrThrow(MEDIATION);

describe.each([
  [annex.id, annex],
  [mediation.id, mediation],
] as const)('diagrams of %s', (_, p) => {
  const diagrams = renderMermaid(p);

  it('has the whole procedure, one diagram per phase and one per acting role, with unique ids', () => {
    expect(new Set(diagrams.map((d) => d.id)).size).toBe(diagrams.length);
    expect(diagrams.filter((d) => d.kind === 'procedure')).toHaveLength(1);
    expect(diagrams.filter((d) => d.kind === 'phase').map((d) => d.subject)).toEqual(
      Object.values(p.phases)
        .sort((a, b) => a.order - b.order)
        .map((ph) => ph.id),
    );
    const acting = new Set(p.transitions.flatMap((t) => t.roles));
    for (const r of acting) expect(diagrams.some((d) => d.kind === 'role' && d.subject === r)).toBe(true);
  });

  it('opens with an overview: every phase, an arrow for each pair of phases an act links', () => {
    const overview = diagrams[0];
    expect(overview?.kind).toBe('overview');
    const source = overview?.source ?? '';
    for (const ph of Object.keys(p.phases)) expect(source).toContain(` as s_phase_${ph}\n`);
    let links = 0;
    for (const t of p.transitions.filter((x) => !x.stay && !x.fromAny)) {
      for (const f of t.from) {
        const a = p.states[f]?.phase;
        const b = p.states[t.to]?.phase;
        if (a === b) continue;
        links++;
        expect(source).toContain(`  s_phase_${a} --> s_phase_${b} : `);
      }
    }
    expect(links).toBeGreaterThan(0);
    expect(overview?.comment).toMatch(/^Ce diagramme montre les \d+ phases de la procédure/);
    expect(overview?.comment).toContain('Depuis « ');
  });

  it('draws every state and every act on the whole diagram', () => {
    const whole = diagrams.find((d) => d.kind === 'procedure')?.source ?? '';
    expect(whole.startsWith('---\ntitle: ')).toBe(true);
    expect(whole).toContain('stateDiagram-v2');
    for (const s of Object.keys(p.states)) expect(whole).toContain(` as ${stateId(s)}\n`);
    for (const t of p.transitions)
      expect(whole).toContain(` --> ${stateId(t.to)} : ${mermaidLabel(edgeLabel(p, t))}\n`);
  });

  it('comments each diagram in French', () => {
    for (const d of diagrams) {
      expect(d.comment.length).toBeGreaterThan(40);
      expect(d.comment).toMatch(/^(Ce diagramme|Phase \d+ sur \d+|L[ea] |L’|Les )/);
    }
  });

  it('shows on the arrow of an automatic act the duration of the delay that fires it', () => {
    const auto = p.transitions.find((t) => t.automatic && deadlineFiring(p, t));
    expect(auto).toBeDefined();
    expect(edgeLabel(p, auto!)).toMatch(/\(après \d+ (jours?|mois|semaines?|ans?)\)$/);
  });
});

describe('the identification cascade', () => {
  it('is found in the annex from the structure: successive attempts, each after the previous delay ran out', () => {
    const [cascade, ...others] = findCascades(annex);
    expect(others).toEqual([]);
    expect(cascade?.role.kind).toBe('partie');
    const steps = cascade?.steps ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const [i, step] of steps.entries()) {
      if (i === 0) continue;
      const previous = steps[i - 1]!;
      const escalation = step.entries.find((t) => t.automatic && t.from.includes(previous.state));
      expect(escalation && deadlineFiring(annex, escalation)?.id).toBe(previous.deadline?.id);
    }
    expect(cascade?.exits.every((t) => t.summons.includes(cascade.role.id))).toBe(true);
    expect(renderMermaid(annex).filter((d) => d.kind === 'identification')).toHaveLength(1);
  });

  it('is not invented where there is none', () => {
    expect(findCascades(mediation)).toEqual([]);
    const withoutEscalation: Procedure = {
      ...annex,
      transitions: annex.transitions.filter((t) => !t.automatic),
    };
    expect(findCascades(withoutEscalation)).toEqual([]);
  });
});

describe('mermaid labels', () => {
  it('removes what mermaid’s grammar would read', () => {
    expect(mermaidLabel('a "b" ; c # d {e}\n f')).toBe('a ’b’ , c  d e f');
  });
});
