/**
 * The must-not analysis of `decision-before-answer` on specs with many filings: each answer
 * deadline is tracked on its own, however many there are (a 32-bit mask aliased the 33rd with the first).
 */
import { describe, expect, it } from 'vitest';
import { copySpec, editSpec } from '../test/helpers/spec-copy.ts';
import { loadProcedure } from './load.ts';

const RECOURS = 'test/fixtures/procedures/recours/1.0.0';

/** A copy of the recours fixture with `n` more incidents, each a filing with its own answer deadline. */
function withIncidents(n: number): string {
  const dir = copySpec(RECOURS);
  const ks = Array.from({ length: n }, (_, i) => i + 1);
  editSpec(
    dir,
    'procedure.yaml',
    '  incident: { label: Incident, phase: instance }\n',
    `  incident: { label: Incident, phase: instance }\n${ks
      .map((k) => `  incident_${k}: { label: Incident ${k}, phase: instance }\n`)
      .join('')}`,
  );
  editSpec(
    dir,
    'procedure.yaml',
    '\nremedies:\n',
    `\n${ks
      .map(
        (k) => `  - event: soulever_incident_${k}
    label: Soulever l'incident ${k}
    from: instruction
    to: incident_${k}
    roles: [demandeur, defendeur]
    filing: { answer: delai_observations_${k} }
    effects:
      - start: delai_observations_${k}
      - notify: { roles: [demandeur, defendeur, juge], message: "Incident ${k} ; observations dans un délai de \${delai_observations}." }
  - event: ordonner_${k}
    label: Statuer sur l'incident ${k}
    from: incident_${k}
    to: instruction
    roles: [juge]
    after: [delai_observations_${k}]
    decision: { kind: ordonnance, against: [demandeur, defendeur], remedies: [] }
`,
      )
      .join('')}remedies:\n`,
  );
  editSpec(
    dir,
    'procedure.yaml',
    /\ndocuments:\n/,
    `\n${ks
      .map(
        (k) => `  delai_observations_${k}:
    label: Délai d'observations ${k}
    duration: delai_observations
    on_expiry: { alert: [juge] }
`,
      )
      .join('')}documents:\n`,
  );
  return dir;
}

describe('decision-before-answer with many answer deadlines', () => {
  it('accepts 40 filings whose decisions each wait for their own answer time', () => {
    const { procedure, diagnostics } = loadProcedure(withIncidents(40));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(procedure?.transitions.filter((t) => t.filing)).toHaveLength(41);
  });

  it('still reports the 40th decision when it does not wait for its answer time, naming only that time', () => {
    const dir = withIncidents(40);
    editSpec(dir, 'procedure.yaml', '    after: [delai_observations_40]\n', '');
    const messages = loadProcedure(dir)
      .diagnostics.filter((d) => d.code === 'decision-before-answer')
      .map((d) => d.message);
    // The time may then still run back in the instruction, so every decision from there on is reported.
    expect(messages).toContainEqual(expect.stringMatching(/« ordonner_40 » .* depuis « incident_40 »/));
    for (const m of messages) expect(m).toMatch(/le délai de réponse « delai_observations_40 » court encore/);
  });
});
