/**
 * The case dashboard, for every role: where the case stands in the procedure,
 * what the reader may do now, the deadlines with the days left, documents and
 * decisions, the history, and the help box. What each role sees is what the
 * server sends it (the spec's visibility rules).
 */
import { lazy, Suspense, useState } from 'react';
import { type DataShape, DataList, schemaTitles, shapeOf } from '../components/data-list.tsx';
import { Deadlines } from '../components/deadlines.tsx';
import { Documents } from '../components/documents.tsx';
import { HelpBox } from '../components/help-box.tsx';
import { Hearings } from '../components/hearings.tsx';
import { Loaded, PageTitle } from '../components/page.tsx';
import { PhaseTrack } from '../components/phase-track.tsx';
import { Timeline } from '../components/timeline.tsx';
import { UploadPanel } from '../components/upload-panel.tsx';
import { api } from '../lib/api.ts';
import type { CaseView, FormView, ProcedureView } from '../lib/api-schema.gen.ts';
import { isDraftData } from '../lib/filing.ts';
import { wordsIn } from '../lib/glossary.ts';
import { takeFlash } from '../lib/flash.ts';
import { filingForm, isPartyRole, loadForm, roleLabel } from '../lib/procedures.ts';
import { caseName } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { fillText, parameterTexts } from '../lib/templates.ts';
import { useAsync } from '../lib/use-async.ts';
import { extras } from './extras-loader.ts';

// The conversation only matters during a confidential exchange: loaded then, not with every case page.
const ThreadSection = lazy(async () => ({
  default: (await extras()).ThreadSection,
}));

async function load(caseId: string) {
  const view = await api.getCase(caseId);
  const procedure = await api.procedure(view.procedure, view.version);
  // The forms of the events that carry data: each event's answers are shown with its own form's titles, in its order.
  const formIds = new Set<string>();
  const filing = filingForm(procedure);
  if (filing) formIds.add(filing);
  const formOfEvent = (event: string) =>
    procedure.transitions.find((t) => t.event === event)?.form ?? undefined;
  for (const e of view.timeline) {
    const form = e.data && e.event ? formOfEvent(e.event) : undefined;
    if (form) formIds.add(form);
  }
  const forms = new Map<string, FormView>();
  await Promise.all(
    [...formIds].map(async (f) => {
      try {
        forms.set(f, await loadForm(procedure, f));
      } catch (e: unknown) {
        console.warn(`Formulaire ${f} indisponible`, e);
      }
    }),
  );
  const shapeFor = (event: string): DataShape => {
    const form = formOfEvent(event);
    return shapeOf(form ? forms.get(form) : undefined);
  };
  // The case's facts come from the filing form's answers: its titles and order, where it has them.
  const facts = shapeOf(filing ? forms.get(filing) : undefined);
  const titles: Record<string, string> = {};
  for (const f of forms.values()) schemaTitles(f.schema, titles);
  return { view, procedure, shapeFor, facts, titles };
}

export function CasePage({ caseId }: { caseId: string }) {
  const [state, reload] = useAsync(() => load(caseId), [caseId]);
  const [flash] = useState(takeFlash);
  return (
    <Loaded state={state} what="Chargement de l’affaire">
      {(loaded) => <Dashboard {...loaded} flash={flash} reload={reload} />}
    </Loaded>
  );
}

function Dashboard({
  view,
  procedure,
  shapeFor,
  facts,
  titles,
  flash,
  reload,
}: {
  view: CaseView;
  procedure: ProcedureView;
  shapeFor: (event: string) => DataShape;
  facts: DataShape;
  titles: Record<string, string>;
  flash: string | undefined;
  reload: () => void;
}) {
  const params = parameterTexts(procedure);
  const help = view.state.help ? fillText(view.state.help, params) : undefined;
  const party = view.myRoles.some((r) => isPartyRole(procedure.roles.find((x) => x.id === r)));
  const draft = isDraftData(view.draft?.data) ? view.draft.data : undefined;
  const roles = view.myRoles.map((r) => roleLabel(procedure, r)).join(', ');
  // Filed: the case's first transition is recorded (and seen); the receipt exists from then on.
  const filed = view.timeline.some((t) => t.kind === 'transition' && t.data);
  // A message of the thread is written in the conversation, not through a form page.
  const compose = new Set(view.thread?.compose ?? []);
  // The step's own actions first: one open from few states (answer, decide) before one open almost all along
  // the case (a referral, a withdrawal), which is offered but is not what this step asks (issue 15, point 9).
  const breadth = (event: string) =>
    Math.max(0, ...procedure.transitions.filter((t) => t.event === event).map((t) => t.from.length));
  const actions = view.actions
    .filter((a) => !compose.has(a.event))
    .map((a, i) => ({ a, i, b: breadth(a.event) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.a);
  const writing = compose.size > 0;
  return (
    <>
      {flash && (
        <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{flash}</p>
        </div>
      )}
      <PageTitle title={caseName(view.reference)}>{caseName(view.reference)}</PageTitle>
      <p className="greffe-subtitle">
        {procedure.title}
        {roles && <span className="fr-hint-text">Vous intervenez comme : {roles}</span>}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <section className="greffe-section" aria-labelledby="ou-en-est">
            <h2 id="ou-en-est">Où en est l’affaire</h2>
            <p>
              <span
                className={
                  view.state.final
                    ? 'fr-badge fr-badge--success'
                    : 'fr-badge fr-badge--info fr-badge--no-icon'
                }
                data-testid="etat-affaire"
              >
                {view.state.label}
              </span>
            </p>
            <PhaseTrack phases={view.phases} stateLabel={view.state.label} />
            {party && filed && (
              <p className="fr-mt-2w">
                <a
                  className="fr-link fr-link--download"
                  href={`/api/cases/${encodeURIComponent(view.id)}/receipt`}
                  download
                >
                  Télécharger l’accusé de réception de la demande
                  <span className="fr-link__detail">PDF : numéro, date, pièces et suite</span>
                </a>
              </p>
            )}
          </section>
          <section className="greffe-section" aria-labelledby="a-faire">
            <h2 id="a-faire">Ce que vous pouvez faire maintenant</h2>
            {writing && (
              <p>
                <a href="#echanges">Écrivez aux autres participants dans les échanges ci-dessous.</a>
              </p>
            )}
            {actions.length === 0 ? (
              !writing && (
                <p>Vous n’avez rien à faire pour le moment. Vous serez prévenu dès que l’affaire avancera.</p>
              )
            ) : (
              <ul className="fr-btns-group fr-btns-group--inline-md">
                {actions.map((a) => (
                  <li key={a.event}>
                    <Link
                      to={`/affaires/${view.id}/actions/${a.event}`}
                      className={
                        draft?.event === a.event || actions.length === 1
                          ? 'fr-btn'
                          : 'fr-btn fr-btn--secondary'
                      }
                    >
                      {draft?.event === a.event ? `Reprendre : ${a.label}` : a.label}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {view.thread && (
            <Suspense fallback={<p>Chargement des échanges…</p>}>
              <ThreadSection
                thread={view.thread}
                view={view}
                procedure={procedure}
                shapeOf={shapeFor}
                onSent={reload}
              />
            </Suspense>
          )}
          <Hearings view={view} />
          <section className="greffe-section" aria-labelledby="delais">
            <h2 id="delais">Délais en cours</h2>
            <Deadlines deadlines={view.deadlines} />
          </section>
          <section className="greffe-section" aria-labelledby="documents">
            <h2 id="documents">Documents et décisions</h2>
            <Documents caseId={view.id} documents={view.documents} procedure={procedure} />
          </section>
          {party && !view.state.final && (
            <UploadPanel
              caseId={view.id}
              kinds={procedure.documents}
              roles={view.myRoles}
              onUploaded={reload}
            />
          )}
          {!party && Object.keys(view.facts).length > 0 && (
            <section className="greffe-section" aria-labelledby="dossier">
              <h2 id="dossier">Éléments du dossier</h2>
              <DataList data={view.facts} shape={facts} titles={titles} tiers />
            </section>
          )}
          <section className="greffe-section" aria-labelledby="historique">
            <h2 id="historique">Historique</h2>
            <Timeline
              entries={view.timeline}
              procedure={procedure}
              shapeOf={shapeFor}
              myRoles={view.myRoles}
            />
          </section>
          <section className="greffe-section" aria-labelledby="parties">
            <h2 id="parties">Intervenants</h2>
            <ul>
              {view.participants.map((p) => (
                <li key={`${p.role}-${p.name}`}>
                  {roleLabel(procedure, p.role)} : {p.name}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <HelpBox
            now={help}
            glossary={wordsIn(help ?? '', procedure.glossary)}
            searchable={procedure.glossary}
          />
        </div>
      </div>
    </>
  );
}
