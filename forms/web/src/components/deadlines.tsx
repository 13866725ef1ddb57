/** The case's running deadlines: due date, days left said plainly, and how the date was computed. */
import type { Deadline } from '../lib/api-schema.gen.ts';
import { formatDate, formatDaysLeft } from '../lib/format.ts';

function badge(days: number): string {
  if (days < 0) return 'fr-badge fr-badge--error fr-badge--sm';
  if (days <= 3) return 'fr-badge fr-badge--warning fr-badge--sm';
  return 'fr-badge fr-badge--info fr-badge--sm';
}

export function Deadlines({ deadlines }: { deadlines: readonly Deadline[] }) {
  if (deadlines.length === 0) return <p>Aucun délai ne court en ce moment.</p>;
  return (
    <ul className="greffe-deadlines">
      {[...deadlines]
        .sort((a, b) => a.due.localeCompare(b.due))
        .map((d) => (
          <li key={d.id} className="greffe-deadline">
            <p className="greffe-deadline__title">
              <strong>{d.label}</strong>{' '}
              <span className={badge(d.daysLeft)}>{formatDaysLeft(d.daysLeft)}</span>
            </p>
            <p className="fr-mb-1v">
              Échéance : <strong>{formatDate(d.due)}</strong>
            </p>
            {d.explanation && (
              <details>
                <summary>Comment cette date est calculée</summary>
                <p className="fr-text--sm">{d.explanation}</p>
              </details>
            )}
          </li>
        ))}
    </ul>
  );
}
