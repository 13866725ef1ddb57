/**
 * "Que dois-je faire maintenant ?" and "Que veut dire ce mot ?", answered from
 * the spec: the current state's help text and the forms' glossaries. No
 * outside service: everything is already on the page.
 */
import { useId, useState } from 'react';
import { searchGlossary } from '../lib/glossary.ts';

/**
 * `glossary` lists the words shown at first (those of the page's form);
 * `searchable` adds the words the search box also finds (the whole procedure's).
 */
export function HelpBox({
  now,
  glossary,
  searchable = {},
  title = 'Besoin d’aide ?',
}: {
  now?: string | undefined;
  glossary: Readonly<Record<string, string>>;
  searchable?: Readonly<Record<string, string>>;
  title?: string;
}) {
  const [query, setQuery] = useState('');
  const id = useId();
  const all: Readonly<Record<string, string>> = { ...searchable, ...glossary };
  const byName = (a: string, b: string) => a.localeCompare(b, 'fr');
  const words = Object.keys(all).sort(byName);
  const q = query.trim();
  const shown = q ? searchGlossary(q, all) : Object.keys(glossary).sort(byName);
  return (
    <aside className="greffe-help" aria-labelledby={`${id}-title`}>
      <h2 className="fr-h5" id={`${id}-title`}>
        <span className="fr-icon-question-line" aria-hidden="true" /> {title}
      </h2>
      {now && (
        <section aria-labelledby={`${id}-now`}>
          <h3 className="fr-h6" id={`${id}-now`}>
            Que dois-je faire maintenant ?
          </h3>
          <p>{now}</p>
        </section>
      )}
      {words.length > 0 && (
        <section aria-labelledby={`${id}-words`}>
          <h3 className="fr-h6" id={`${id}-words`}>
            Que veut dire ce mot ?
          </h3>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${id}-q`}>
              Chercher un mot
              <span className="fr-hint-text">Par exemple : {words[0]}</span>
            </label>
            <input
              className="fr-input"
              id={`${id}-q`}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-controls={`${id}-list`}
            />
          </div>
          <p className="fr-sr-only" aria-live="polite">
            {q
              ? `${shown.length} mot${shown.length > 1 ? 's' : ''} trouvé${shown.length > 1 ? 's' : ''}`
              : ''}
          </p>
          <ul className="greffe-glossary" id={`${id}-list`}>
            {shown.map((w) => (
              <li key={w}>
                <details open={q !== '' && shown.length <= 3}>
                  <summary>{w}</summary>
                  <p>{all[w]}</p>
                </details>
              </li>
            ))}
          </ul>
          {q !== '' && shown.length === 0 && <p>Aucun mot ne correspond. Essayez un autre mot.</p>}
        </section>
      )}
    </aside>
  );
}
