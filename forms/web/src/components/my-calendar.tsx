/**
 * « Mon calendrier »: the secret address of the person's calendar feed (the
 * deadlines and hearings of his cases, runtime/api/routes-calendar.ts), to
 * paste into a calendar application. The address is shown once, when made;
 * « Révoquer et créer une nouvelle adresse » ends the old one.
 */
import { useEffect, useId, useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import type { CalendarFeed } from '../lib/api-schema.gen.ts';
import { formatInstant } from '../lib/format.ts';

export function MyCalendar() {
  const id = useId();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    api.calendarFeed().then(setFeed, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  const run = async (action: () => Promise<CalendarFeed>) => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setFeed(await action());
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch (e: unknown) {
      console.warn(e);
      setError('La copie a échoué : sélectionnez l’adresse et copiez-la vous-même.');
    }
  };
  return (
    <section className="greffe-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`} className="fr-h5">
        Mon calendrier
      </h2>
      <p className="fr-text--sm">
        Les délais en cours et les audiences de vos affaires dans votre agenda (Outlook, Google Agenda,
        Thunderbird, Calendrier…), désignées par leur numéro d’affaire. Quiconque connaît l’adresse voit ces
        dates : ne la communiquez pas.
      </p>
      {feed?.url ? (
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-url`}>
            Adresse de votre calendrier
            <span className="fr-hint-text">
              Elle n’est affichée que maintenant : ajoutez-la à votre agenda (« s’abonner à un calendrier »).
            </span>
          </label>
          <input
            className="fr-input"
            id={`${id}-url`}
            readOnly
            value={feed.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w"
            onClick={() => void copy(feed.url as string)}
          >
            Copier l’adresse
          </button>
          <p role="status" className="fr-text--sm">
            {copied ? 'Adresse copiée.' : ''}
          </p>
        </div>
      ) : feed?.active ? (
        <p className="fr-text--sm">
          Votre calendrier est actif depuis le {formatInstant(feed.createdAt as string)}. Son adresse n’est
          affichée qu’à sa création : pour la retrouver, créez-en une nouvelle.
        </p>
      ) : null}
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
      {feed && (
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--secondary"
              disabled={busy}
              onClick={() => void run(api.issueCalendarFeed)}
            >
              {feed.active ? 'Révoquer et créer une nouvelle adresse' : 'Créer l’adresse de mon calendrier'}
            </button>
          </li>
          {feed.active && (
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary"
                disabled={busy}
                onClick={() => void run(api.revokeCalendarFeed)}
              >
                Révoquer l’adresse
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
