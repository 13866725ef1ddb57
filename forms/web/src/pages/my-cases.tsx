/** A party's cases: each with where it stands and its next deadline. */
import { Suspense } from 'react';
import { JoinCase } from '../components/join-case.tsx';
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import type { CaseSummary } from '../lib/api-schema.gen.ts';
import { caseName, formatDate, formatDaysLeft, formatInstant } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { LazyMyCalendar } from './extras-loader.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function nextDeadlineText(c: CaseSummary): string {
  const d = c.nextDeadline;
  if (!d) return '—';
  if (typeof d === 'string') return formatDate(d);
  const parts = [
    d.label,
    d.due ? formatDate(d.due) : '',
    d.daysLeft !== undefined ? `(${formatDaysLeft(d.daysLeft)})` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export function MyCasesPage() {
  const { user } = useSession();
  const [cases] = useAsync(() => api.cases(), [user?.id]);
  return (
    <>
      <PageTitle>Mes affaires</PageTitle>
      <Loaded state={cases} what="Chargement de vos affaires">
        {(list) =>
          list.length === 0 ? (
            <>
              <p>Vous n’avez pas encore d’affaire sur la plateforme.</p>
              <Link to="/" className="fr-btn">
                Déposer une demande
              </Link>
            </>
          ) : (
            <ul className="greffe-case-list">
              {list.map((c) => (
                <li key={c.id} className="greffe-case-item">
                  <h2 className="fr-h5">
                    <Link to={`/affaires/${c.id}`}>{caseName(c.reference)}</Link>
                  </h2>
                  <p>
                    <span className="fr-badge fr-badge--sm fr-badge--info">{c.stateLabel}</span>
                  </p>
                  <p className="fr-text--sm">
                    Prochaine échéance : {nextDeadlineText(c)} — mise à jour le {formatInstant(c.updatedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <JoinCase />
      <Suspense fallback={null}>
        <LazyMyCalendar />
      </Suspense>
    </>
  );
}
