/**
 * Writes a procedure N times larger than a given one, for the loader bench:
 * the state machine is cloned N times (states, transitions, deadlines renamed
 * with a suffix), each clone entered from the original's initial state, so
 * every clone stays reachable, valid and checked like the original. The
 * language-v2 references are renamed too (filings, `after:`, deadlines started
 * or stopped by object, a judgment's `void_unless_served`, and remedies with
 * their deadline, reopened state and events), so the clones carry as many
 * answer deadlines and remedies as the original and the v2 checks scale with them.
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
  const remedies = asObj(spec.remedies);
  const originalRemedies = Object.entries(remedies);
  for (let k = 1; k < factor; k++) {
    const sfx = (id: string) => `${id}_${k}`;
    const sfxList = (v: unknown) => (Array.isArray(v) ? v.map((x) => sfx(String(x))) : v);
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
    // Language v2: a remedy names the deadline it starts, the state it reopens and the events that file and decide it.
    for (const [id, r] of originalRemedies) {
      const o = asObj(r);
      const renamed: Obj = { ...o };
      for (const key of ['deadline', 'reopens', 'filed_by', 'decided_by'])
        if (typeof o[key] === 'string') renamed[key] = sfx(o[key] as string);
      remedies[sfx(id)] = renamed;
    }
    for (const t of originals) {
      const from =
        t.from === '*'
          ? nonFinal.map(sfx)
          : Array.isArray(t.from)
            ? t.from.map((f) => sfx(String(f)))
            : sfx(String(t.from));
      const effects = ((t.effects as Obj[]) ?? []).map((e) => {
        for (const key of ['start', 'stop'] as const) {
          const v = e[key];
          if (typeof v === 'string') return { [key]: sfx(v) };
          if (v && typeof v === 'object') {
            const o = asObj(v);
            return {
              [key]: {
                ...o,
                deadline: sfx(String(o.deadline)),
                ...(Array.isArray(o.after) && { after: sfxList(o.after) }),
              },
            };
          }
        }
        return e;
      });
      const clone: Obj = { ...t, event: sfx(String(t.event)), from, effects };
      if (t.stay !== true) clone.to = sfx(String(t.to));
      if (Array.isArray(t.after)) clone.after = sfxList(t.after);
      const filing = asObj(t.filing);
      if (typeof filing.answer === 'string') clone.filing = { ...filing, answer: sfx(filing.answer) };
      if (t.decision) {
        const dec = asObj(t.decision);
        const character = asObj(dec.character);
        clone.decision = {
          ...dec,
          ...(Array.isArray(dec.remedies) && { remedies: sfxList(dec.remedies) }),
          ...(dec.character !== undefined && {
            character: {
              ...character,
              ...(typeof character.void_unless_served === 'string' && {
                void_unless_served: sfx(character.void_unless_served),
              }),
            },
          }),
        };
      }
      transitions.push(clone);
    }
    for (const initial of initials) {
      transitions.push({
        event: sfx(`entrer_variante_${initial}`),
        label: 'Entrer dans la variante',
        from: initial,
        to: sfx(initial),
        roles: [firstActor],
        // The entry is a party's act a decision may follow (filing-undeclared): it asks the judge nothing.
        filing_exempt: 'Entrée dans une copie de la procédure, pour le banc d’essai.',
      });
    }
  }
  writeFileSync(file, `${header}\n${stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false })}`);
  return dest;
}
