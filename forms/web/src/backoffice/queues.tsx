/**
 * The back office's work queue: the court's cases where one of the reader's
 * roles has something to do now. Issue 17: the cases with a running deadline
 * come from the paged queue (`GET /api/cases?queue=…&limit=50&cursor=…`),
 * soonest due first, 50 at a time, with « Affaires suivantes », « Affaires
 * précédentes » and « Revenir au début »; the paged queue has no total and
 * no other order (its cursor is the due date). Cases without a running
 * deadline (a claim just filed, awaiting its summons…) are not in the paged
 * queue: they are listed below it, grouped by state (build-queues.ts), from
 * the full list, which the server does not page yet. The « File » filter (a
 * state, or a deadline by name, of the procedures the reader acts in)
 * applies to both. Loaded only by court staff.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorAlert, Loaded, PageTitle } from '../components/page.tsx';
import { ApiError, QUEUE_PAGE_SIZE, api } from '../lib/api.ts';
import type { CaseSummary, QueuePage } from '../lib/api-schema.gen.ts';
import { formatDaysLeft, formatInstant } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { nextDeadlineText } from '../pages/my-cases.tsx';
import { buildQueues, deadlineOf } from './build-queues.ts';

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

function CaseTable({ cases, caption }: { cases: readonly CaseSummary[]; caption: string }) {
  return (
    <div className="fr-table">
      <table>
        <caption className="fr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Affaire</th>
            <th scope="col">État</th>
            <th scope="col">Prochaine échéance</th>
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
              <td>
                {nextDeadlineText(c)} <DueBadge c={c} />
              </td>
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

/** « Affaires 51 à 100 », said of page `index` (from 0) holding `count` cases. */
export function rangeText(index: number, count: number, last: boolean): string {
  if (count === 0)
    return index === 0 ? 'Aucune affaire avec un délai en cours dans cette file.' : 'Aucune affaire de plus.';
  const from = index * QUEUE_PAGE_SIZE + 1;
  const to = from + count - 1;
  const range = count === 1 ? `Affaire ${from}` : `Affaires ${from} à ${to}`;
  return `${range}${last ? ', fin de la file' : ''}.`;
}

/** The paged part: the cases with a running deadline, soonest due first. */
function PagedQueue({ queue }: { queue: string }) {
  // cursors[i]: the cursor of page i (undefined for the first); the last is the page shown.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfterLoad = useRef(false);
  const index = cursors.length - 1;

  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', ...(s.status === 'done' && { shown: s }) }));
    api.queuePage(queue, cursors[index]).then(
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
  }, [queue, cursors, index]);

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
        : rangeText(state.index, state.page.cases.length, state.page.next === null);
  // While a page loads, the buttons of the page shown stay (disabled).
  const next = shown ? shown.page.next : null;

  return (
    <section className="greffe-section" aria-labelledby="file-echeances-titre">
      <h2 id="file-echeances-titre" ref={heading} tabIndex={-1}>
        Affaires avec un délai en cours
      </h2>
      <p className="fr-text--sm">
        Échéance la plus proche d’abord, {QUEUE_PAGE_SIZE} affaires par page. Le nombre total d’affaires de la
        file n’est pas calculé.
      </p>
      <p role="status" aria-live="polite" className="fr-text--bold">
        {status}
      </p>
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {shown && shown.page.cases.length > 0 && (
        <CaseTable
          cases={shown.page.cases}
          caption={`Affaires avec un délai en cours, page ${shown.index + 1}`}
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

/** The cases without a running deadline where the reader acts now (not in the paged queue: from the full list), by state. */
async function loadWithoutDeadline(queue: string) {
  const cases = (await api.cases(queue || 'tout')).filter((c) => !c.nextDeadline);
  const keys = [...new Set(cases.map((c) => `${c.procedure}@${c.version}`))];
  const views = await Promise.all(
    keys.map((k) => {
      const [id, version] = k.split('@') as [string, string];
      return api.procedure(id, version);
    }),
  );
  const procedures = new Map(views.map((v) => [`${v.id}@${v.version}`, v]));
  return { cases, queues: buildQueues(cases, procedures) };
}

function WithoutDeadline({ queue }: { queue: string }) {
  const [state] = useAsync(() => loadWithoutDeadline(queue), [queue]);
  return (
    <section className="greffe-section" aria-labelledby="file-sans-delai-titre">
      <h2 id="file-sans-delai-titre">Affaires sans délai en cours</h2>
      <Loaded state={state} what="Chargement des affaires sans délai en cours">
        {({ cases, queues }) =>
          cases.length === 0 ? (
            <p>Aucune affaire sans délai en cours n’attend d’action de votre part.</p>
          ) : (
            <>
              <p className="fr-text--sm">
                {cases.length === 1
                  ? '1 affaire attend une action de votre part sans délai en cours.'
                  : `${cases.length} affaires attendent une action de votre part sans délai en cours.`}{' '}
                Elles ne sont pas dans la file par échéance ci-dessus.
              </p>
              {queues.map((q) => (
                <section key={q.id} aria-labelledby={`${q.id}-titre`}>
                  <h3 id={`${q.id}-titre`}>
                    {q.title} ({q.cases.length})
                  </h3>
                  <p className="fr-text--sm">{q.description}</p>
                  <CaseTable cases={q.cases} caption={`Affaires sans délai en cours : ${q.title}`} />
                </section>
              ))}
            </>
          )
        }
      </Loaded>
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
      <PagedQueue key={queue} queue={queue} />
      <WithoutDeadline queue={queue} />
    </>
  );
}
