/** Every diagram of the functional specification, in reading order. */
import type { Procedure } from '../../spec/index.ts';
import { findCascades } from '../cascade.ts';
import { orderedPhases } from '../view.ts';
import { cascadeDiagram } from './cascade-diagram.ts';
import { overviewDiagram } from './overview-diagram.ts';
import { phaseDiagram, procedureDiagram } from './procedure-diagram.ts';
import { roleDiagram } from './role-diagram.ts';
import type { Diagram } from './types.ts';

/**
 * The phases at a glance, the whole procedure, one diagram per phase, one per role, one per
 * identification cascade.
 * @example renderMermaid(procedure).map((d) => d.id) // ['vue-d-ensemble', 'procedure', 'phase-saisine', …]
 */
export function renderMermaid(p: Procedure): Diagram[] {
  return [
    overviewDiagram(p),
    procedureDiagram(p),
    ...orderedPhases(p).map((ph) => phaseDiagram(p, ph)),
    ...Object.values(p.roles).flatMap((r) => roleDiagram(p, r) ?? []),
    ...findCascades(p).map((c) => cascadeDiagram(p, c)),
  ];
}
