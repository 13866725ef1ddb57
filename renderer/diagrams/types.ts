/** A diagram of the functional specification: mermaid source plus its French comment. */
export type DiagramKind = 'overview' | 'procedure' | 'phase' | 'role' | 'identification';

export interface Diagram {
  /** File name without extension, unique in a procedure version ("phase-instruction"). */
  readonly id: string;
  readonly kind: DiagramKind;
  readonly title: string;
  /** A short generated comment in French saying what the diagram shows. */
  readonly comment: string;
  /** mermaid `stateDiagram-v2` source. */
  readonly source: string;
  /** Id of the phase or role the diagram is about. */
  readonly subject?: string;
}
