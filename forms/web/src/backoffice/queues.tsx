/**
 * The back office's work queue: the court's cases where one of the reader's
 * roles has something to do now, in two paged lists (issue 17), 50 cases at
 * a time, each with « Affaires suivantes », « Affaires précédentes » and
 * « Revenir au début » (the same component; no total, no other order: the
 * cursor is the order's key):
 * - the cases with a running deadline (`GET /api/cases?queue=…&limit=50&cursor=…`),
 *   soonest due first;
 * - the cases without one (a claim just filed, awaiting its summons…:
 *   `…&deadline=none`), least recently active first.
 * The « File » filter (a state, or a deadline by name, of the procedures the
 * reader acts in) applies to both. Loaded only by court staff.
 */
import { Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorAlert, PageTitle } from '../components/page.tsx';
import { ApiError, QUEUE_PAGE_SIZE, api } from '../lib/api.ts';
import type { CaseSummary, QueuePage } from '../lib/api-schema.gen.ts';
import { formatDaysLeft, formatInstant } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { LazyMyCalendar } from '../pages/extras-loader.ts';
import { nextDeadlineText } from '../pages/my-cases.tsx';
import { deadlineOf } from './build-queues.ts';

interface QueueOption {
  readonly value: string;
  readonly label: string;
}

/** The queues a reader may pick: states where one of their roles acts, and the deadlines, of every procedure. */
async function loadOptions(
  roles: readonly string[],
): Promise<{ states: QueueOption[]; deadlines: QueueOption[] }> {
  const summaries = await api.procedures();
  const views = await Promise.all(summaries.map((s) => api.procedure(s.id, s.version)));
  const states = new Map<string, string>();
  const deadlines = new Map<string, string>();
  for (const v of views) {
    for (const s of v.states) {
      const acts = v.transitions.some(
        (t) => !t.automatic && t.from.includes(s.id) && t.roles.some((r) => roles.includes(r)),
      );
      if (acts && !s.final && !states.has(s.id)) states.set(s.id, s.label);
    }
    for (const d of v.deadlines) if (!deadlines.has(d.id)) deadlines.set(d.id, d.label);
  }
  const list = (m: Map<string, string>) => [...m].map(([value, label]) => ({ value, label }));
  return { states: list(states), deadlines: list(deadlines) };
}

function DueBadge({ c }: { c: CaseSummary }) {
  const { daysLeft } = deadlineOf(c);
  if (daysLeft === undefined) return null;
  const cls =
    daysLeft < 0
      ? 'fr-badge fr-badge--sm fr-badge--error'
      : daysLeft <= 3
        ? 'fr-badge fr-badge--sm fr-badge--warning'
        : 'fr-badge fr-badge--sm fr-badge--info';
  return <span className={cls}>{formatDaysLeft(daysLeft)}</span>;
}

function CaseTable({
  cases,
  caption,
  withDue,
}: {
  cases: readonly CaseSummary[];
  caption: string;
  withDue: boolean;
}) {
  return (
    <div className="fr-table">
      <table>
        <caption className="fr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Affaire</th>
            <th scope="col">État</th>
            {withDue && <th scope="col">Prochaine échéance</th>}
            <th scope="col">Mise à jour</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/affaires/${c.id}`}>{c.reference ?? 'Brouillon'}</Link>
              </td>
              <td>{c.stateLabel}</td>
              {withDue && (
                <td>
                  {nextDeadlineText(c)} <DueBadge c={c} />
                </td>
              )}
              <td>{formatInstant(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type PageState =
  | { readonly status: 'loading'; readonly shown?: { index: number; page: QueuePage } }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'done'; readonly index: number; readonly page: QueuePage };

/** « Affaires 51 à 100 », said of page `index` (from 0) holding `count` cases (`none`: what an empty first page says). */
export function rangeText(
  index: number,
  count: number,
  last: boolean,
  none = 'Aucune affaire avec un délai en cours dans cette file.',
): string {
  if (count === 0) return index === 0 ? none : 'Aucune affaire de plus.';
  const from = index * QUEUE_PAGE_SIZE + 1;
  const to = from + count - 1;
  const range = count === 1 ? `Affaire ${from}` : `Affaires ${from} à ${to}`;
  return `${range}${last ? ', fin de la file' : ''}.`;
}

/** What sets the two paged lists apart. */
interface PagedList {
  /** The heading's id (focus goes there after a page loads). */
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  /** What an empty first page says. */
  readonly none: string;
  readonly withDue: boolean;
  readonly load: (queue: string, cursor?: string) => Promise<QueuePage>;
}

const WITH_DEADLINE: PagedList = {
  id: 'file-echeances-titre',
  title: 'Affaires avec un délai en cours',
  intro: `Échéance la plus proche d’abord, ${QUEUE_PAGE_SIZE} affaires par page. Le nombre total d’affaires de la file n’est pas calculé.`,
  none: 'Aucune affaire avec un délai en cours dans cette file.',
  withDue: true,
  load: api.queuePage,
};

const WITHOUT_DEADLINE: PagedList = {
  id: 'file-sans-delai-titre',
  title: 'Affaires sans délai en cours',
  intro: `Affaires attendant une action de votre part sans délai en cours (une demande à convoquer…), la moins récemment mise à jour d’abord, ${QUEUE_PAGE_SIZE} affaires par page. Le nombre total n’est pas calculé.`,
  none: 'Aucune affaire sans délai en cours n’attend d’action de votre part dans cette file.',
  withDue: false,
  load: api.idlePage,
};

/** One paged list of the court's cases: the cursor of each page shown so far, the last one shown. */
function PagedQueue({ queue, list }: { queue: string; list: PagedList }) {
  // cursors[i]: the cursor of page i (undefined for the first); the last is the page shown.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfterLoad = useRef(false);
  const index = cursors.length - 1;

  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', ...(s.status === 'done' && { shown: s }) }));
    list.load(queue, cursors[index]).then(
      (page) => live && setState({ status: 'done', index, page }),
      (e: unknown) =>
        live &&
        setState({
          status: 'error',
          error: e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)),
        }),
    );
    return () => {
      live = false;
    };
  }, [queue, cursors, index, list]);

  // After « Affaires suivantes » and the like, focus goes to the list's heading (the button pressed may be gone).
  useLayoutEffect(() => {
    if (state.status !== 'loading' && focusAfterLoad.current) {
      focusAfterLoad.current = false;
      heading.current?.focus();
    }
  }, [state]);

  const go = (next: readonly (string | undefined)[]) => {
    focusAfterLoad.current = true;
    setCursors(next);
  };
  const shown = state.status === 'done' ? state : state.status === 'loading' ? state.shown : undefined;
  const loading = state.status === 'loading';
  const status =
    state.status === 'loading'
      ? 'Chargement des affaires…'
      : state.status === 'error'
        ? 'La file n’a pas pu être chargée.'
        : rangeText(state.index, state.page.cases.length, state.page.next === null, list.none);
  // While a page loads, the buttons of the page shown stay (disabled).
  const next = shown ? shown.page.next : null;

  return (
    <section className="greffe-section" aria-labelledby={list.id}>
      <h2 id={list.id} ref={heading} tabIndex={-1}>
        {list.title}
      </h2>
      <p className="fr-text--sm">{list.intro}</p>
      <p role="status" aria-live="polite" className="fr-text--bold">
        {status}
      </p>
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {shown && shown.page.cases.length > 0 && (
        <CaseTable
          cases={shown.page.cases}
          caption={`${list.title}, page ${shown.index + 1}`}
          withDue={list.withDue}
        />
      )}
      {(index > 0 || next !== null) && (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {index > 0 && (
            <>
              <li>
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary"
                  disabled={loading}
                  onClick={() => go([undefined])}
                >
                  Revenir au début
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="fr-btn fr-btn--secondary"
                  disabled={loading}
                  onClick={() => go(cursors.slice(0, -1))}
                >
                  Affaires précédentes
                </button>
              </li>
            </>
          )}
          {next !== null && (
            <li>
              <button
                type="button"
                className="fr-btn"
                disabled={loading}
                onClick={() => go([...cursors, next])}
              >
                Affaires suivantes
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

export default function BackOfficePage() {
  const { user } = useSession();
  const [queue, setQueue] = useState('');
  const [options] = useAsync(() => loadOptions(user?.roles ?? []), [user?.id]);
  return (
    <>
      <PageTitle>Bureau</PageTitle>
      {user && (
        <p className="greffe-subtitle">
          {user.name}
          {user.court ? ` — juridiction ${user.court}` : ''}
        </p>
      )}
      <p>Les affaires de votre juridiction qui attendent une action de votre part.</p>
      {options.status === 'done' && (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="bureau-file">
            File
          </label>
          <select
            className="fr-select"
            id="bureau-file"
            value={queue}
            onChange={(e) => setQueue(e.target.value)}
          >
            <option value="">Toutes les affaires à traiter</option>
            {options.value.states.length > 0 && (
              <optgroup label="Par état">
                {options.value.states.map((o) => (
                  <option key={`etat-${o.value}`} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            )}
            {options.value.deadlines.length > 0 && (
              <optgroup label="Par délai en cours">
                {options.value.deadlines.map((o) => (
                  <option key={`delai-${o.value}`} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
      )}
      {/* Keyed by the filter: a new filter starts at the first page. */}
      <PagedQueue key={queue} queue={queue} list={WITH_DEADLINE} />
      <PagedQueue key={`sans-delai-${queue}`} queue={queue} list={WITHOUT_DEADLINE} />
      <Suspense fallback={null}>
        <LazyMyCalendar />
      </Suspense>
    </>
  );
}
