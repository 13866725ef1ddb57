/**
 * Writes a procedure N times larger than a given one, for the loader bench:
 * the state machine is cloned N times (states, transitions, deadlines renamed
 * with a suffix), each clone entered from the original's initial state, so
 * every clone stays reachable, valid and checked like the original.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

export function scaleSpec(srcDir: string, factor: number): string {
  const dest = join(
    mkdtempSync(join(tmpdir(), 'greffe-bench-')),
    basename(dirname(srcDir)),
    basename(srcDir),
  );
  cpSync(srcDir, dest, { recursive: true });
  const file = join(dest, 'procedure.yaml');
  const text = readFileSync(file, 'utf8');
  const header = text.split('\n', 1)[0] ?? '';
  const spec = asObj(parse(text));
  const states = asObj(spec.states);
  const deadlines = asObj(spec.deadlines);
  const transitions = (spec.transitions as Obj[]) ?? [];
  const originals = [...transitions];
  const originalStates = Object.entries(states);
  const originalDeadlines = Object.entries(deadlines);
  const nonFinal = Object.keys(states).filter((s) => !asObj(states[s]).final);
  const initials = Object.keys(states).filter((s) => asObj(states[s]).initial);
  const firstActor = Object.keys(asObj(spec.roles))[0] as string;
  for (let k = 1; k < factor; k++) {
    const sfx = (id: string) => `${id}_${k}`;
    for (const [id, s] of originalStates) {
      states[sfx(id)] = { ...asObj(s), initial: false };
    }
    for (const [id, d] of originalDeadlines) {
      const exp = asObj(asObj(d).on_expiry);
      deadlines[sfx(id)] = {
        ...asObj(d),
        on_expiry: { ...exp, ...(typeof exp.event === 'string' && { event: sfx(exp.event) }) },
      };
    }
    for (const t of originals) {
      const from =
        t.from === '*'
          ? nonFinal.map(sfx)
          : Array.isArray(t.from)
            ? t.from.map((f) => sfx(String(f)))
            : sfx(String(t.from));
      const effects = ((t.effects as Obj[]) ?? []).map((e) =>
        typeof e.start === 'string'
          ? { start: sfx(e.start) }
          : typeof e.stop === 'string'
            ? { stop: sfx(e.stop) }
            : e,
      );
      transitions.push({ ...t, event: sfx(String(t.event)), from, to: sfx(String(t.to)), effects });
    }
    for (const initial of initials) {
      transitions.push({
        event: sfx(`entrer_variante_${initial}`),
        label: 'Entrer dans la variante',
        from: initial,
        to: sfx(initial),
        roles: [firstActor],
      });
    }
  }
  writeFileSync(file, `${header}\n${stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false })}`);
  return dest;
}
