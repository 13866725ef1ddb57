/**
 * Writing mermaid `stateDiagram-v2` source safely: labels stripped of the
 * characters mermaid's grammar gives a meaning to, ids prefixed so a spec
 * state named like a mermaid keyword (`end`, `note`, `state`) stays a state.
 */

/** A label mermaid will print as written (quotes, semicolons, braces and # removed). */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/"/g, '’')
    .replace(/;/g, ',')
    .replace(/[#{}[\]|`]/g, '')
    .trim();
}

export const stateId = (id: string): string => `s_${id}`;

/** Style classes used across diagrams; fills stay light so black text keeps a 7:1 contrast. */
export const CLASS_DEFS = [
  'classDef final fill:#e3f1e6,stroke:#1f6f3a,stroke-width:2px',
  'classDef initial fill:#e8eefc,stroke:#1d3f8f,stroke-width:2px',
  'classDef ext fill:#ffffff,stroke:#6b6b6b,stroke-dasharray:4 3',
  'classDef anytime fill:#fff6dc,stroke:#8a6100,stroke-dasharray:4 3',
  'classDef role fill:#fdeee8,stroke:#a23b12,stroke-width:2px',
];

/** Collects the lines of one state diagram; declares each state once. */
export class StateDiagram {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();
  private readonly classes = new Map<string, string[]>();
  private readonly groups = new Map<string, string>();

  constructor(title: string) {
    // The front matter is YAML: a JSON string is a valid YAML scalar whatever the title holds.
    this.lines.push('---', `title: ${JSON.stringify(mermaidLabel(title))}`, '---', 'stateDiagram-v2');
  }

  /** Declares a state (once) with its label and optional style class. */
  state(id: string, label: string, cls?: string): string {
    const node = stateId(id);
    if (!this.declared.has(node)) {
      this.declared.add(node);
      this.lines.push(`  state "${mermaidLabel(label)}" as ${node}`);
      if (cls) this.classes.set(cls, [...(this.classes.get(cls) ?? []), node]);
    }
    return node;
  }

  /** A pseudo-state standing for a set of states (one per distinct set); ids cannot clash with spec ids. */
  group(states: readonly string[], label: string): string {
    const key = [...states].sort().join(',');
    const known = this.groups.get(key);
    if (known) return known;
    const node = this.state(`_groupe_${this.groups.size + 1}`, label, 'anytime');
    this.groups.set(key, node);
    return node;
  }

  has(id: string): boolean {
    return this.declared.has(stateId(id));
  }

  edge(from: string, to: string, label?: string): void {
    const text = label ? mermaidLabel(label) : '';
    this.lines.push(`  ${from} --> ${to}${text ? ` : ${text}` : ''}`);
  }

  start(node: string): void {
    this.lines.push(`  [*] --> ${node}`);
  }

  end(node: string): void {
    this.lines.push(`  ${node} --> [*]`);
  }

  toString(): string {
    const out = [...this.lines];
    if (this.classes.size) out.push(...CLASS_DEFS.map((c) => `  ${c}`));
    for (const [cls, nodes] of this.classes) out.push(`  class ${nodes.join(',')} ${cls}`);
    return `${out.join('\n')}\n`;
  }
}
