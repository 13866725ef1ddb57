/**
 * Where the case stands: the procedure's phases in order, done / current / to
 * come, drawn as a track. The status is also written in words for screen
 * readers and for anyone who does not read colours.
 */
import type { CaseView } from '../lib/api-schema.gen.ts';

const STATUS_TEXT = { done: 'étape terminée', current: 'étape en cours', todo: 'étape à venir' } as const;

export function PhaseTrack({ phases, stateLabel }: { phases: CaseView['phases']; stateLabel: string }) {
  return (
    <ol className="greffe-track">
      {phases.map((p, i) => (
        <li
          key={p.id}
          className={`greffe-track__step greffe-track__step--${p.status}`}
          aria-current={p.status === 'current' ? 'step' : undefined}
        >
          <svg className="greffe-track__marker" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <circle cx="12" cy="12" r="10" />
            {p.status === 'done' && <path d="M7 12.5l3.2 3.2L17 9" />}
            {p.status === 'current' && <circle cx="12" cy="12" r="4.5" className="greffe-track__dot" />}
          </svg>
          <span className="greffe-track__label">
            <span className="fr-sr-only">
              Étape {i + 1} sur {phases.length}, {STATUS_TEXT[p.status]} :{' '}
            </span>
            {p.label}
            {p.status === 'current' && <span className="fr-sr-only"> ({stateLabel})</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
