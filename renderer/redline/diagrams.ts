/**
 * Redline diagrams: one mermaid flowchart per phase that changed, drawing the
 * states and acts of both versions together. Added, removed and changed
 * items are coloured, and also told apart without colour: a word in every
 * label ("ajouté", "supprimé", "modifié"), a thick arrow for an added act, a
 * dotted one for a removed act, a dashed frame for a removed state. The page
 * lists the same changes in text beside each diagram.
 */
import type { Procedure, Transition } from '../../spec/index.ts';
import { mermaidLabel } from '../diagrams/mermaid-text.ts';
import { type ChangeKind, type ProcedureDiff, transitionsByKey } from './model-diff.ts';

export type Status = ChangeKind | 'same';

export const STATUS_WORD: Record<ChangeKind, string> = {
  added: 'ajouté',
  removed: 'supprimé',
  changed: 'modifié',
};

export interface RedlineState {
  readonly id: string;
  readonly label: string;
  readonly status: Status;
  /** Drawn as a neighbour: the state belongs to another phase. */
  readonly outside: boolean;
}

export interface RedlineEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly status: Status;
  /** Key of the act (transitionKey). */
  readonly act: string;
}

export interface RedlineDiagram {
  /** File name without extension ("phase-instruction"). */
  readonly id: string;
  readonly phase: string;
  readonly title: string;
  readonly states: readonly RedlineState[];
  readonly edges: readonly RedlineEdge[];
  /** mermaid flowchart source. */
  readonly source: string;
}

const STYLE: Record<Status, { node: string; link: string; arrow: string }> = {
  added: {
    node: 'fill:#e3f1e6,stroke:#18753c,stroke-width:3px,color:#0b3d1c',
    link: 'stroke:#18753c,stroke-width:3px,color:#0b3d1c',
    arrow: '==>',
  },
  removed: {
    node: 'fill:#fde8e8,stroke:#ce0500,stroke-width:2px,stroke-dasharray:6 4,color:#6e0a0a',
    link: 'stroke:#ce0500,stroke-width:2px,color:#6e0a0a',
    arrow: '-.->',
  },
  changed: {
    node: 'fill:#fff6dc,stroke:#8a6100,stroke-width:3px,color:#4d3500',
    link: 'stroke:#8a6100,stroke-width:3px,color:#4d3500',
    arrow: '-->',
  },
  same: { node: 'fill:#ffffff,stroke:#6b6b6b,stroke-width:1px,color:#161616', link: '', arrow: '-->' },
};

const nodeId = (state: string) => `n_${state.replace(/[^A-Za-z0-9_]/g, '_')}`;
const withStatus = (label: string, s: Status) => (s === 'same' ? label : `${label} (${STATUS_WORD[s]})`);

/** Edges an act draws: one per source state (acts that move no case, or start anywhere, draw none). */
const edgesOf = (t: Transition | undefined): Map<string, { from: string; to: string }> =>
  new Map(
    t && !t.stay && !t.fromAny ? t.from.map((f) => [`${f}→${t.to}`, { from: f, to: t.to }] as const) : [],
  );

/** Every drawn edge of both versions, with its status. */
function allEdges(diff: ProcedureDiff): RedlineEdge[] {
  const ka = transitionsByKey(diff.before);
  const kb = transitionsByKey(diff.after);
  const changed = new Set(diff.transitions.filter((c) => c.kind === 'changed').map((c) => c.id));
  const out: RedlineEdge[] = [];
  for (const key of new Set([...kb.keys(), ...ka.keys()])) {
    const ta = ka.get(key);
    const tb = kb.get(key);
    const ea = edgesOf(ta);
    const eb = edgesOf(tb);
    for (const [k, e] of eb) {
      const status: Status = !ea.has(k) ? 'added' : changed.has(key) ? 'changed' : 'same';
      out.push({ ...e, label: (tb as Transition).label, status, act: key });
    }
    for (const [k, e] of ea)
      if (!eb.has(k)) out.push({ ...e, label: (ta as Transition).label, status: 'removed', act: key });
  }
  return out;
}

function stateStatus(diff: ProcedureDiff): Map<string, Status> {
  return new Map(diff.states.map((c) => [c.id, c.kind]));
}

/** The phase a state is in: the newer version's, else the older one's. */
const phaseOf = (diff: ProcedureDiff, state: string) =>
  diff.after.states[state]?.phase ?? diff.before.states[state]?.phase;

const stateLabel = (diff: ProcedureDiff, state: string) =>
  diff.after.states[state]?.label ?? diff.before.states[state]?.label ?? state;

const phaseLabel = (diff: ProcedureDiff, phase: string | undefined) =>
  (phase && (diff.after.phases[phase]?.label ?? diff.before.phases[phase]?.label)) ?? '?';

/** Phases of both versions: the newer version's order, then phases only the older one had. */
function phases(diff: ProcedureDiff): string[] {
  const order = (p: Procedure) =>
    Object.values(p.phases)
      .sort((x, y) => x.order - y.order)
      .map((x) => x.id);
  return [...new Set([...order(diff.after), ...order(diff.before)])];
}

function source(title: string, states: readonly RedlineState[], edges: readonly RedlineEdge[]): string {
  const lines = ['---', `title: ${JSON.stringify(mermaidLabel(title))}`, '---', 'flowchart TB'];
  for (const s of states) {
    lines.push(`  ${nodeId(s.id)}["${mermaidLabel(withStatus(s.label, s.status))}"]`);
  }
  edges.forEach((e) => {
    lines.push(
      `  ${nodeId(e.from)} ${STYLE[e.status].arrow}|"${mermaidLabel(withStatus(e.label, e.status))}"| ${nodeId(e.to)}`,
    );
  });
  edges.forEach((e, i) => {
    if (e.status !== 'same') lines.push(`  linkStyle ${i} ${STYLE[e.status].link}`);
  });
  lines.push('  classDef ext fill:#ffffff,stroke:#6b6b6b,stroke-dasharray:4 3,color:#3a3a3a');
  for (const st of ['added', 'removed', 'changed'] as const) lines.push(`  classDef ${st} ${STYLE[st].node}`);
  for (const st of ['added', 'removed', 'changed'] as const) {
    const ids = states.filter((s) => s.status === st).map((s) => nodeId(s.id));
    if (ids.length) lines.push(`  class ${ids.join(',')} ${st}`);
  }
  const ext = states.filter((s) => s.outside && s.status === 'same').map((s) => nodeId(s.id));
  if (ext.length) lines.push(`  class ${ext.join(',')} ext`);
  return `${lines.join('\n')}\n`;
}

/**
 * One diagram per phase where a state or a drawn act was added, removed or changed.
 * @example redlineDiagrams(diffProcedures(v100, v110)).map((d) => d.id) // ['phase-instruction', …]
 */
export function redlineDiagrams(diff: ProcedureDiff): RedlineDiagram[] {
  const status = stateStatus(diff);
  const edges = allEdges(diff);
  const out: RedlineDiagram[] = [];
  for (const phase of phases(diff)) {
    const inPhase = (s: string) => phaseOf(diff, s) === phase;
    const own = [
      ...new Set([...Object.keys(diff.after.states), ...Object.keys(diff.before.states)].filter(inPhase)),
    ];
    const mine = edges.filter((e) => inPhase(e.from) || inPhase(e.to));
    const changes =
      own.some((s) => (status.get(s) ?? 'same') !== 'same') || mine.some((e) => e.status !== 'same');
    if (!changes) continue;
    const neighbours = [...new Set(mine.flatMap((e) => [e.from, e.to]).filter((s) => !inPhase(s)))];
    const states: RedlineState[] = [
      ...own.map((id) => ({
        id,
        label: stateLabel(diff, id),
        status: status.get(id) ?? 'same',
        outside: false,
      })),
      ...neighbours.map((id) => ({
        id,
        label: `${stateLabel(diff, id)} — phase ${phaseLabel(diff, phaseOf(diff, id))}`,
        status: status.get(id) ?? 'same',
        outside: true,
      })),
    ];
    const title = `Modifications — Phase : ${phaseLabel(diff, phase)}`;
    out.push({
      id: `phase-${phase}`,
      phase,
      title,
      states,
      edges: mine,
      source: source(title, states, mine),
    });
  }
  return out;
}
