/**
 * The hearings and conciliation sessions a case convened (the case view's
 * `hearings`, runtime/service/hearings.ts): day and place, and, while the case
 * is open, the way into its video room (`/affaires/:id/visio`, which asks the
 * server for a link signed for the reader at that moment).
 */
import type { CaseView } from '../lib/api-schema.gen.ts';
import { formatDate, formatInstant } from '../lib/format.ts';

export function Hearings({ view }: { view: CaseView }) {
  if (view.hearings.length === 0) return null;
  const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d) : formatInstant(d));
  return (
    <section className="greffe-section" aria-labelledby="audiences" id="salle">
      <h2 id="audiences">Audiences</h2>
      <ul>
        {view.hearings.map((h) => (
          <li key={h.seq}>
            {h.label} : le {day(h.date)}
            {h.place ? ` — ${h.place}` : ''}
          </li>
        ))}
      </ul>
      {!view.state.final && (
        <p>
          <a
            className="fr-btn fr-btn--secondary"
            href={`/affaires/${encodeURIComponent(view.id)}/visio`}
            target="_blank"
            rel="noopener"
          >
            Rejoindre la salle d’audience en ligne
            <span className="fr-sr-only"> (nouvelle fenêtre)</span>
          </a>
        </p>
      )}
    </section>
  );
}
