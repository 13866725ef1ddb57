/**
 * "Mes avis": the notices the platform's own channel (`plateforme`) brought
 * the reader, newest first, unread ones marked; each leads to its case and,
 * for the newest of a case, to what the reader may do on it now. Opening a
 * notice's link or "Marquer comme lu" marks it read (the header's count follows).
 * Below, « Suivi de vos envois »: what became of the e-mails, SMS and letters
 * sent to the reader (delivered, failed, returned), as the case history records it.
 */
import { useState } from 'react';
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import type { Notices } from '../lib/api-schema.gen.ts';
import { formatInstant } from '../lib/format.ts';
import { noticesChanged } from '../lib/notices.ts';
import { navigate } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

type Notice = Notices['notices'][number];

export function NoticesPage() {
  const { user } = useSession();
  const [state, reload] = useAsync(() => api.notices(), [user?.id]);
  return (
    <>
      <PageTitle>Mes avis</PageTitle>
      <Loaded state={state} what="Chargement de vos avis">
        {(inbox) => (
          <>
            <p data-testid="resume-avis">
              {inbox.notices.length === 0
                ? 'Vous n’avez reçu aucun avis sur la plateforme.'
                : inbox.unread === 0
                  ? 'Vous avez lu tous vos avis.'
                  : `${inbox.unread} ${inbox.unread > 1 ? 'avis non lus' : 'avis non lu'} sur ${inbox.notices.length}.`}
            </p>
            <ul className="greffe-notices">
              {inbox.notices.map((n) => (
                <NoticeItem key={n.id} notice={n} onRead={reload} />
              ))}
            </ul>
            <Deliveries deliveries={inbox.deliveries} />
          </>
        )}
      </Loaded>
    </>
  );
}

function NoticeItem({ notice: n, onRead }: { notice: Notice; onRead: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const markRead = async () => {
    if (n.read) return;
    await api.markNoticeRead(n.id);
    noticesChanged();
  };
  /** Marks the notice read, then opens `to` (a failed mark is said, the link still opens). */
  const follow = async (e: React.MouseEvent<HTMLAnchorElement>, to: string) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    try {
      await markRead();
    } catch (err: unknown) {
      console.warn('Avis non marqué comme lu', err);
    }
    navigate(to);
  };
  const links = [
    ...n.actions.map((a) => ({
      to: `/affaires/${encodeURIComponent(n.caseId ?? '')}/actions/${a.event}`,
      label: a.label,
    })),
    ...(n.caseId
      ? [
          {
            to: `/affaires/${encodeURIComponent(n.caseId)}`,
            label: `Voir l’affaire ${n.reference ?? ''}`.trim(),
          },
        ]
      : []),
  ];
  return (
    <li className={n.read ? 'greffe-notice' : 'greffe-notice greffe-notice--unread'} data-testid="avis">
      <h2 className="fr-h6 fr-mb-1w">
        {!n.read && <span className="fr-badge fr-badge--sm fr-badge--new fr-mr-1w">Nouveau</span>}
        {n.subject}
      </h2>
      <p className="fr-text--sm greffe-muted fr-mb-1w">
        Reçu le {formatInstant(n.at)}
        {n.reference ? ` — affaire ${n.reference}` : ''}
      </p>
      <p className="greffe-notice-body">{n.body}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {links.map((l, i) => (
          <li key={l.to}>
            <a
              href={l.to}
              className={i === 0 ? 'fr-btn fr-btn--sm' : 'fr-btn fr-btn--sm fr-btn--secondary'}
              onClick={(e) => void follow(e, l.to)}
            >
              {l.label}
            </a>
          </li>
        ))}
        {!n.read && (
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await markRead();
                  onRead();
                } catch (err: unknown) {
                  setError(err instanceof Error ? err.message : String(err));
                  setBusy(false);
                }
              }}
            >
              Marquer comme lu<span className="fr-sr-only"> : {n.subject}</span>
            </button>
          </li>
        )}
      </ul>
      {error && <p className="fr-error-text">{error}</p>}
    </li>
  );
}

/** A delivery status's badge: its word and DSFR colour. */
const STATUS: Readonly<Record<string, readonly [string, string]>> = {
  envoye: ['Envoyé', 'info'],
  echec: ['Échec', 'error'],
  distribue: ['Distribué', 'success'],
  avise_non_reclame: ['Non réclamé', 'warning'],
  retourne: ['Retourné', 'error'],
};

function Deliveries({ deliveries }: { deliveries: Notices['deliveries'] }) {
  return (
    <section className="greffe-section" aria-labelledby="suivi-envois">
      <h2 id="suivi-envois" className="fr-h5">
        Suivi de vos envois
      </h2>
      {deliveries.length === 0 ? (
        <p>Aucun courriel, SMS ou courrier ne vous a encore été adressé en dehors de la plateforme.</p>
      ) : (
        <ul className="greffe-notices">
          {deliveries.map((d) => {
            const [word, tone] = STATUS[d.status] ?? [d.status, 'info'];
            return (
              <li key={`${d.caseId}-${d.at}-${d.label}`} className="greffe-notice" data-testid="envoi">
                <p className="fr-mb-1w">
                  <span className={`fr-badge fr-badge--sm fr-badge--${tone} fr-mr-1w`}>{word}</span>
                  {d.channel}
                  {d.reference ? ` — affaire ${d.reference}` : ''} — le {formatInstant(d.at)}
                </p>
                <p className="fr-text--sm greffe-muted">{d.label}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
