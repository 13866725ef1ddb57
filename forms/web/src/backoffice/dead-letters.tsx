/**
 * The outbox's dead letters, for the registry staff: each message that failed
 * for good (after its retries, or at once when it cannot be delivered as it
 * stands, e.g. no address for its recipient), with its case, its channel, its addressee and
 * the provider's error, and a « Réessayer » button that puts it back in the
 * queue (runtime/api/routes-connectors.ts). Loaded only by court staff.
 */
import { useState } from 'react';
import { Loaded, PageTitle } from '../components/page.tsx';
import { ApiError, request } from '../lib/api.ts';
import type { DeadLetters } from '../lib/api-schema.gen.ts';
import { formatInstant } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { useAsync } from '../lib/use-async.ts';

type DeadLetter = DeadLetters['deadLetters'][number];

/** The channels' names (the spec vocabulary's connectors). */
const CHANNELS: Readonly<Record<string, string>> = {
  courriel: 'Courriel',
  sms: 'SMS',
  lettre_simple: 'Lettre simple',
  lettre_recommandee: 'Lettre recommandée',
  lettre_recommandee_electronique: 'Lettre recommandée électronique',
  signification_electronique: 'Signification électronique',
  signification_papier: 'Signification sur papier',
  saisie_attribution: 'Saisie-attribution',
};

const load = () => request<DeadLetters>('GET', '/api/outbox/dead-letters');

export default function DeadLettersPage() {
  const [state, reload] = useAsync(load, []);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | undefined>();
  const retry = async (m: DeadLetter) => {
    try {
      await request('POST', `/api/outbox/${m.id}/retry`);
      setNotice({ ok: true, text: `Le message n° ${m.id} est remis dans la file d’envoi.` });
      reload();
    } catch (e: unknown) {
      setNotice({ ok: false, text: e instanceof ApiError ? e.message : 'Nouvel essai impossible.' });
    }
  };
  return (
    <>
      <PageTitle>Envois en échec</PageTitle>
      <p className="greffe-subtitle">
        Les messages que la plateforme n’a pas pu remettre après plusieurs tentatives espacées, ou qu’elle ne
        peut pas remettre tels quels (par exemple, aucune adresse connue pour le destinataire : ils ne sont
        pas réessayés). Corrigez la cause, puis réessayez.
      </p>
      {notice && (
        <div
          className={`fr-alert fr-alert--sm fr-mb-2w ${notice.ok ? 'fr-alert--success' : 'fr-alert--error'}`}
          role="status"
        >
          <p>{notice.text}</p>
        </div>
      )}
      <Loaded state={state} what="Chargement des envois en échec">
        {({ deadLetters }) =>
          deadLetters.length === 0 ? (
            <p>Aucun envoi en échec.</p>
          ) : (
            <div className="fr-table">
              <table>
                <caption className="fr-sr-only">Envois en échec</caption>
                <thead>
                  <tr>
                    <th scope="col">Affaire</th>
                    <th scope="col">Canal</th>
                    <th scope="col">Destinataire</th>
                    <th scope="col">Erreur</th>
                    <th scope="col">Tentatives</th>
                    <th scope="col">Créé le</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {deadLetters.map((m) => (
                    <tr key={m.id}>
                      <td>
                        {m.caseId ? <Link to={`/affaires/${m.caseId}`}>{m.reference ?? m.caseId}</Link> : '—'}
                      </td>
                      <td>{CHANNELS[m.connector] ?? m.connector}</td>
                      <td>{m.recipient}</td>
                      <td>{m.error ?? '—'}</td>
                      <td>{m.attempts}</td>
                      <td>{formatInstant(m.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="fr-btn fr-btn--sm fr-btn--secondary"
                          onClick={() => retry(m)}
                          aria-label={`Réessayer l’envoi n° ${m.id}`}
                        >
                          Réessayer
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
