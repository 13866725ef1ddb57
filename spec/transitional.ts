/**
 * Transitional provisions (`transitional:` in procedure.yaml): what becomes of
 * the cases still open under an earlier version. By default they stay on it
 * (a case is governed by the version in force when it was filed); `cases: move`
 * moves them to this version by a declared map of states and facts, which is
 * checked here against the earlier version (loaded from the folder beside):
 * - `transitional-unknown-version`: no earlier version folder of that number;
 * - `transitional-unknown-state`: a state the earlier (key) or this (value) version lacks;
 * - `transitional-unmapped-state`: an open state of the earlier version left out;
 * - `transitional-closes-case`: an open case sent to a final state, closed with no decision;
 * - `transitional-deadline-skipped`: a deadline that may run in the old state is not
 *   declared, or does not run, in the new one (its expiry would never have its effect);
 * - `transitional-fact-missing`: a decision reachable from the new state reads a fact
 *   the case cannot have (neither recorded by the earlier version, renamed, nor defaulted);
 * - `transitional-unknown-fact`: a renamed or defaulted fact neither version knows.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { type BuildContext, closest, obj, str } from './build-context.ts';
import { compareVersions } from './versions.ts';
import {
  deadlinesRunningIn,
  type FlowParts,
  factsNeededAt,
  factsRead,
  recordableFacts,
} from './case-flow.ts';
import type { Procedure, TransitionalProvision } from './model.ts';
import type { SourceFile } from './yaml-source.ts';

/** The provisions as written (their shape was checked against the schema). */
export function buildTransitional(src: SourceFile): TransitionalProvision[] {
  const list = obj(src.data).transitional;
  if (!Array.isArray(list)) return [];
  return list.map((raw, i): TransitionalProvision => {
    const o = obj(raw);
    const facts = obj(o.facts);
    const strings = (v: unknown) =>
      Object.fromEntries(
        Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    return {
      from: String(o.from),
      cases: o.cases === 'move' ? 'move' : 'stay',
      states: strings(o.states),
      rename: strings(facts.rename),
      defaults: { ...obj(facts.defaults) },
      ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
      ...(str(o, 'basis') !== undefined && { basis: str(o, 'basis') }),
      ...(str(o, 'note') !== undefined && { note: str(o, 'note') }),
      loc: src.locate(['transitional', i]),
    };
  });
}

/** Every fact name a version knows: recorded, declared in rules.yaml, or read by a condition. */
function knownFacts(p: FlowParts): Set<string> {
  const out = new Set([...recordableFacts(p), ...Object.keys(p.rules.facts)]);
  for (const t of p.transitions) for (const f of factsRead(p, t)) out.add(f);
  return out;
}

const suggest = (name: string, known: Iterable<string>) => {
  const guess = closest(name, known);
  return guess ? `Vouliez-vous dire « ${guess} » ? ` : '';
};

/**
 * Checks the provisions of the version in `versionDir` (model `target`).
 * `load` loads an earlier version folder (without its own provisions), or
 * returns undefined when it does not load.
 */
export function checkTransitional(
  target: FlowParts & { readonly version: string },
  provisions: readonly TransitionalProvision[],
  src: SourceFile,
  versionDir: string,
  load: (dir: string) => Procedure | undefined,
  ctx: BuildContext,
): void {
  provisions.forEach((prov, i) => {
    const at = (...path: (string | number)[]) => src.locate(['transitional', i, ...path]);
    const keyAt = (...path: (string | number)[]) => src.locateKey(['transitional', i, ...path]);
    const sourceDir = join(dirname(resolve(versionDir)), prov.from);
    const earlier = compareVersions(prov.from, target.version) < 0;
    const source = earlier ? load(sourceDir) : undefined;
    if (!source) {
      ctx.error(
        'transitional-unknown-version',
        at('from'),
        earlier
          ? `La version ${prov.from} visée par les dispositions transitoires est introuvable (ou ne se charge pas) à côté de ${basename(versionDir)}/.`
          : `Les dispositions transitoires visent ${prov.from}, qui n’est pas antérieure à ${target.version}.`,
        'Écrivez dans from: le numéro d’une version antérieure de la même procédure (un dossier voisin).',
      );
      return;
    }
    if (prov.cases !== 'move') return;
    const targetStates = Object.keys(target.states);
    const sourceRunning = deadlinesRunningIn(source);
    const targetRunning = deadlinesRunningIn(target);
    const sourceFacts = knownFacts(source);
    const targetFacts = knownFacts(target);
    for (const [from, to] of Object.entries(prov.rename)) {
      if (!sourceFacts.has(from))
        ctx.error(
          'transitional-unknown-fact',
          keyAt('facts', 'rename', from),
          `Le fait « ${from} » renommé n’existe pas dans la version ${prov.from}.`,
          `${suggest(from, sourceFacts)}Écrivez à gauche un fait de la version ${prov.from}.`,
        );
      if (!targetFacts.has(to))
        ctx.error(
          'transitional-unknown-fact',
          at('facts', 'rename', from),
          `Le fait « ${to} » (nouveau nom de « ${from} ») n’existe pas dans la version ${target.version}.`,
          `${suggest(to, targetFacts)}Écrivez à droite un fait que cette version enregistre ou lit.`,
        );
    }
    for (const fact of Object.keys(prov.defaults)) {
      if (!targetFacts.has(fact))
        ctx.error(
          'transitional-unknown-fact',
          keyAt('facts', 'defaults', fact),
          `Le fait « ${fact} » qui reçoit une valeur par défaut n’existe pas dans la version ${target.version}.`,
          `${suggest(fact, targetFacts)}Donnez une valeur à un fait que cette version enregistre ou lit.`,
        );
    }
    // What a moved case may carry: the earlier version's facts under their new names, and the defaults.
    const available = new Set(Object.keys(prov.defaults));
    for (const f of recordableFacts(source)) available.add(prov.rename[f] ?? f);
    for (const [from, to] of Object.entries(prov.states)) {
      const old = source.states[from];
      if (!old) {
        ctx.error(
          'transitional-unknown-state',
          keyAt('states', from),
          `L’état « ${from} » n’existe pas dans la version ${prov.from}.`,
          `${suggest(from, Object.keys(source.states))}Écrivez à gauche un état non final de la version ${prov.from}.`,
        );
      }
      const next = target.states[to];
      if (!next) {
        ctx.error(
          'transitional-unknown-state',
          at('states', from),
          `L’état « ${to} » n’existe pas dans la version ${target.version}.`,
          `${suggest(to, targetStates)}Écrivez à droite un état de cette version.`,
        );
        continue;
      }
      if (!old || old.final) continue;
      if (next.final) {
        ctx.error(
          'transitional-closes-case',
          at('states', from),
          `Une affaire en cours à l’état « ${from} » passerait à l’état final « ${to} » : elle serait close sans décision.`,
          'Faites-la passer à un état non final, où la procédure suit son cours.',
        );
        continue;
      }
      for (const d of sourceRunning.get(from) ?? []) {
        if (target.deadlines[d] && targetRunning.get(to)?.has(d)) continue;
        ctx.error(
          'transitional-deadline-skipped',
          at('states', from),
          target.deadlines[d]
            ? `Le délai « ${d} » peut courir à l’état « ${from} » mais ne court jamais à l’état « ${to} » de la version ${target.version} : l’y faire passer priverait la partie de ce délai ou de son effet.`
            : `Le délai « ${d} » peut courir à l’état « ${from} » mais la version ${target.version} ne le déclare plus : son échéance resterait sans effet.`,
          `Faites passer l’affaire à un état où « ${d} » court encore (même nom, même événement d’échéance), ou laissez les affaires sur leur version (cases: stay).`,
        );
      }
      const missing = [...factsNeededAt(target, to)].filter((f) => !available.has(f));
      for (const f of missing.sort()) {
        ctx.error(
          'transitional-fact-missing',
          at('states', from),
          `À l’état « ${to} », une décision de la version ${target.version} lit le fait « ${f} », qu’une affaire venue de « ${from} » n’a pas.`,
          `Renommez le fait de la version ${prov.from} qui le remplace (facts: rename:) ou donnez-lui une valeur (facts: defaults:).`,
        );
      }
    }
    const unmapped = Object.values(source.states).filter(
      (s) => !s.final && !Object.hasOwn(prov.states, s.id),
    );
    for (const s of unmapped) {
      ctx.error(
        'transitional-unmapped-state',
        Object.keys(prov.states).length > 0 ? keyAt('states') : at('cases'),
        `Les affaires en cours à l’état « ${s.id} » de la version ${prov.from} n’ont pas d’état dans la version ${target.version}.`,
        `Ajoutez sous states: une ligne « ${s.id}: <état de la version ${target.version}> ».`,
      );
    }
  });
}
