/**
 * One action on a case, with the spec's form for it: the filing (multi-step,
 * with a saved, resumable draft), the defendant's answer, the court's
 * decisions. Sent with an idempotency key and the case version it was read at.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { HelpBox } from '../components/help-box.tsx';
import { SignatureCode } from '../components/signature-code.tsx';
import { Loaded, PageTitle } from '../components/page.tsx';
import { UploadPanel } from '../components/upload-panel.tsx';
import { SpecForm } from '../form/spec-form.tsx';
import { api, ApiError, uploadDocument } from '../lib/api.ts';
import type { ActionInfo, CaseView, FormView, ProcedureView } from '../lib/api-schema.gen.ts';
import { type DraftData, isDraftData } from '../lib/filing.ts';
import { setFlash } from '../lib/flash.ts';
import { formatTime } from '../lib/format.ts';
import { isPartyRole, loadForm } from '../lib/procedures.ts';
import { Link, navigate } from '../lib/router.ts';
import { fillText, parameterTexts } from '../lib/templates.ts';
import { useAsync } from '../lib/use-async.ts';

async function load(caseId: string, event: string) {
  const view = await api.getCase(caseId);
  const procedure = await api.procedure(view.procedure, view.version);
  const action = view.actions.find((a) => a.event === event);
  const form = action?.form ? await loadForm(procedure, action.form) : undefined;
  return { view, procedure, action, form };
}

export function ActionPage({ caseId, event }: { caseId: string; event: string }) {
  const [state] = useAsync(() => load(caseId, event), [caseId, event]);
  return (
    <Loaded state={state}>
      {({ view, procedure, action, form }) =>
        action ? (
          <ActionForm view={view} procedure={procedure} action={action} form={form} />
        ) : (
          <>
            <PageTitle>Action indisponible</PageTitle>
            <p>
              Cette action n’est pas possible dans l’état actuel de l’affaire, ou n’est pas ouverte à votre
              rôle.
            </p>
            <Link to={`/affaires/${caseId}`}>Retour à l’affaire</Link>
          </>
        )
      }
    </Loaded>
  );
}

type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string };

function ActionForm({
  view,
  procedure,
  action,
  form,
}: {
  view: CaseView;
  procedure: ProcedureView;
  action: ActionInfo;
  form: FormView | undefined;
}) {
  const party = view.myRoles.some((r) => isPartyRole(procedure.roles.find((x) => x.id === r)));
  // A party's answers are kept as a draft (one per person and case) until sent; the draft names its action.
  const drafting = party;
  const draft =
    drafting && isDraftData(view.draft?.data) && view.draft.data.event === action.event
      ? view.draft.data
      : undefined;
  const [status, setStatus] = useState<DraftStatus>(
    draft && view.draft ? { kind: 'saved', at: view.draft.savedAt } : { kind: 'idle' },
  );
  const version = useRef(view.caseVersion);
  const key = useRef(api.newKey());
  // The label of the transition the review's preview named: what the flash says was recorded.
  const taken = useRef<string | undefined>(undefined);
  const latest = useRef<{ values: unknown; step: number }>({
    values: draft?.values ?? {},
    step: draft?.step ?? 0,
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const saveDraft = async () => {
    clearTimeout(timer.current);
    setStatus({ kind: 'saving' });
    try {
      const data: DraftData = {
        event: action.event,
        values: latest.current.values,
        step: latest.current.step,
      };
      const { savedAt } = await api.saveDraft(view.id, data);
      setStatus({ kind: 'saved', at: savedAt });
    } catch (e: unknown) {
      setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const saveSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveDraft(), 3000);
  };

  // A signing act goes with the one-time code the party received (components/signature-code.tsx).
  const signing = action.signature === true;
  const signatureCode = useRef('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const submit = async (data: unknown) => {
    try {
      setCodeError(null);
      await api.fire(
        view.id,
        action.event,
        data,
        version.current,
        key.current,
        signing ? signatureCode.current : undefined,
      );
    } catch (e: unknown) {
      if (e instanceof ApiError && e.code.startsWith('SIGNATURE_CODE')) setCodeError(e.message);
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = api.newKey();
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        // Someone acted on the case meanwhile: take its new version, keep the person's answers.
        version.current = (await api.getCase(view.id)).caseVersion;
      }
      throw e;
    }
    clearTimeout(timer.current);
    setFlash(`« ${taken.current ?? action.label} » : c’est enregistré.`);
    navigate(`/affaires/${view.id}`);
  };

  const params = parameterTexts(procedure);
  const draftButton = drafting && form && (
    <li>
      <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => void saveDraft()}>
        Enregistrer le brouillon
      </button>
    </li>
  );

  return (
    <>
      <p className="fr-mb-1w">
        <Link to={`/affaires/${view.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          {view.reference === null ? 'Retour au brouillon' : `Retour à l’affaire ${view.reference}`}
        </Link>
      </p>
      <PageTitle>{form?.title ?? action.label}</PageTitle>
      {form && form.title !== action.label && <p className="greffe-subtitle">{action.label}</p>}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          {/* The form's `help` speaks to whoever fills it (in the help box); its `description` summarises the
              act for the court, in the drafters' words ("Formulaire contextuel de défense…"): shown when no
              help says it to the person (issue 15, point 9). */}
          {form?.description && !form.help && <p>{form.description}</p>}
          {drafting && form && (
            <p className="fr-text--sm greffe-draft-status" aria-live="polite" data-testid="etat-brouillon">
              {status.kind === 'saving' && 'Enregistrement du brouillon…'}
              {status.kind === 'saved' &&
                `Brouillon enregistré à ${formatTime(status.at)}. Vous pourrez reprendre plus tard.`}
              {status.kind === 'failed' && `Le brouillon n’a pas pu être enregistré : ${status.message}`}
            </p>
          )}
          {signing && (
            <SignatureCode
              caseId={view.id}
              error={codeError}
              onCode={(c) => {
                signatureCode.current = c;
              }}
            />
          )}
          {form ? (
            <SpecForm
              form={form}
              initialData={draft?.values}
              initialStep={draft?.step ?? 0}
              submitLabel={action.label}
              review
              preview={async (data) => {
                const o = await api.preview(view.id, action.event, data);
                taken.current = o.label;
                return o;
              }}
              onSubmit={submit}
              upload={(kind, file, onProgress) =>
                uploadDocument(
                  view.id,
                  kind,
                  file,
                  onProgress,
                  procedure.documents?.find((d) => d.id === kind)?.upload?.maxSize,
                )
              }
              onChange={(values) => {
                latest.current = { ...latest.current, values };
                if (drafting) saveSoon();
              }}
              onStepChange={(step, values) => {
                latest.current = { values, step };
                if (drafting) void saveDraft();
              }}
              secondaryActions={draftButton}
            />
          ) : (
            <ConfirmOnly label={action.label} onConfirm={() => submit({})} />
          )}
          {party && (
            <UploadPanel
              caseId={view.id}
              // Beside a form, the pieces every party may file; kinds kept to some roles stay on the case page.
              kinds={procedure.documents?.filter(
                (d) =>
                  (!d.visibleTo || d.visibleTo.length === 0) &&
                  !(form && uploadsIn(form.uischema).includes(d.id)),
              )}
              roles={view.myRoles}
              onUploaded={() => {}}
            />
          )}
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <HelpBox
            now={form?.help ?? (view.state.help ? fillText(view.state.help, params) : undefined)}
            glossary={form?.glossary ?? {}}
            searchable={procedure.glossary}
          />
        </div>
      </div>
    </>
  );
}

/** Document kinds the form itself uploads (controls with `options.document`): not offered twice. */
function uploadsIn(element: unknown): string[] {
  const el = element as { options?: { document?: unknown }; elements?: unknown[] };
  const own = typeof el.options?.document === 'string' ? [el.options.document] : [];
  return [...own, ...(el.elements ?? []).flatMap(uploadsIn)];
}

/** An action without a form (e.g. close the instruction): a confirmation, then the same sending path. */
function ConfirmOnly({ label, onConfirm }: { label: string; onConfirm: () => Promise<void> }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  return (
    <>
      {error && (
        <div className="fr-alert fr-alert--error fr-mb-3w" ref={ref} tabIndex={-1}>
          <h2 className="fr-alert__title">{error.message}</h2>
        </div>
      )}
      <p>Cette action ne demande aucune information. Confirmez-la pour l’enregistrer dans l’affaire.</p>
      <button
        type="button"
        className="fr-btn"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await onConfirm();
          } catch (e: unknown) {
            setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
            setBusy(false);
          }
        }}
      >
        Confirmer : {label}
      </button>
    </>
  );
}
