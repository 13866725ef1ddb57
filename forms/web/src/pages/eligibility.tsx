/**
 * The eligibility questionnaire: the filing form's questions that the spec's
 * eligibility rules read, answered at once by the server's rules — eligible or
 * not, with each reason and its legal basis, and where to go otherwise. When
 * the answers do not settle it, the server names the facts still missing and
 * the questionnaire asks exactly those, keeping the answers given.
 * It takes over the server-rendered questionnaire (the one that works without
 * JavaScript) with what was typed into it, and, when the server had already
 * answered those values, shows the same answer.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorAlert, Loaded, PageTitle } from '../components/page.tsx';
import { ReasonList } from '../components/reasons.tsx';
import { SpecForm } from '../form/spec-form.tsx';
import { ApiError, api } from '../lib/api.ts';
import type { EligibilityResult } from '../lib/api-schema.gen.ts';
import { recallAnswers, rememberAnswers } from '../lib/filing.ts';
import { eligibilityFacts, eligibilityForm, filingForm, loadForm, stillMissing } from '../lib/procedures.ts';
import { answersFromEntries, serverForm } from '../lib/server-form.ts';
import { useAsync } from '../lib/use-async.ts';
import { extras } from './extras-loader.ts';
import { StartButtons } from './procedure.tsx';

// Only an ineligible answer shows it: kept out of the questionnaire's download.
const CourtFinder = lazy(async () => ({
  default: (await extras()).CourtFinder,
}));

async function load(id: string, version: string) {
  const procedure = await api.procedure(id, version);
  const formId = procedure.eligibility?.form ?? filingForm(procedure);
  if (!formId) throw new Error('Cette procédure ne comporte pas de formulaire de demande.');
  const facts = eligibilityFacts(procedure);
  if (facts.length === 0) throw new Error('Cette procédure ne comporte pas de questionnaire d’éligibilité.');
  const filing = await loadForm(procedure, formId);
  // Read last: the citizen may have typed into the server's questionnaire until the app replaced it.
  const server = serverForm(window.location.pathname);
  const typed = server && {
    answers: answersFromEntries((filing.schema.properties ?? {}) as Record<string, object>, server.entries),
    evaluated: server.evaluated,
  };
  return { procedure, filing, form: eligibilityForm(filing, facts), typed };
}

type Answers = Record<string, unknown>;
type Filing = Awaited<ReturnType<typeof load>>['filing'];

export function EligibilityPage({ id, version }: { id: string; version: string }) {
  const [state] = useAsync(() => load(id, version), [id, version]);
  const [result, setResult] = useState<EligibilityResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** Facts the rules still need after the last answers (null: the first questions), and those answers. */
  const [missing, setMissing] = useState<{ facts: string[]; answers: Answers } | null>(null);
  /** The answer to the server's questionnaire taken over could not be had again. */
  const [takeOverError, setTakeOverError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus each new answer, even an identical one.
  useLayoutEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result, attempt]);

  /** Asks the rules; the facts still missing become the next questions. Throws an ApiError for the form. */
  const check = async (filing: Filing, answers: Answers): Promise<void> => {
    let r: Awaited<ReturnType<typeof api.eligibility>>;
    try {
      r = await api.eligibility(id, version, answers);
    } catch (e: unknown) {
      const facts = stillMissing(e);
      if (!facts) throw e;
      const asked = facts.filter((f) => f in ((filing.schema.properties ?? {}) as object));
      if (asked.length < facts.length)
        throw new Error(
          `Les règles ont besoin d’informations que ce questionnaire ne demande pas : ${facts.join(', ')}.`,
        );
      setResult(null);
      setMissing({ facts, answers });
      return;
    }
    rememberAnswers(id, version, answers);
    setMissing(null);
    setResult(r);
    setAttempt((a) => a + 1);
  };

  // The server had answered the questionnaire taken over: the same answer here, from the same rules.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per load; `check` only sets state.
  useEffect(() => {
    if (state.status !== 'done' || !state.value.typed?.evaluated) return;
    check(state.value.filing, state.value.typed.answers).catch((e: unknown) =>
      setTakeOverError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e))),
    );
  }, [state]);
  return (
    <>
      <PageTitle>Votre demande peut-elle être traitée en ligne ?</PageTitle>
      <Loaded state={state}>
        {({ procedure, filing, form: first, typed }) => {
          const form = missing ? eligibilityForm(filing, missing.facts) : first;
          return (
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-7">
                <p>
                  Répondez à {form.uischema.elements ? (form.uischema.elements as unknown[]).length : 'ces'}{' '}
                  questions pour savoir tout de suite si la procédure « {procedure.title} » s’applique à votre
                  demande.
                </p>
                {missing && (
                  <p className="fr-text--bold" data-testid="questions-manquantes">
                    Pour conclure, répondez encore à{' '}
                    {missing.facts.length > 1 ? 'ces questions' : 'cette question'}.
                  </p>
                )}
                {takeOverError && <ErrorAlert error={takeOverError} />}
                <SpecForm
                  key={missing?.facts.join(',') ?? ''}
                  form={form}
                  initialData={
                    missing?.answers ??
                    (typed ? { ...recallAnswers(id, version), ...typed.answers } : recallAnswers(id, version))
                  }
                  submitLabel="Vérifier"
                  onSubmit={(data) => check(filing, { ...missing?.answers, ...(data as Answers) })}
                />
              </div>
              <div className="fr-col-12 fr-col-md-5" aria-live="polite">
                {result && (
                  <div
                    className={result.eligible ? 'fr-alert fr-alert--success' : 'fr-alert fr-alert--warning'}
                    data-testid="resultat-eligibilite"
                  >
                    <h2 className="fr-alert__title" ref={resultRef} tabIndex={-1}>
                      {result.eligible
                        ? 'Oui : votre demande peut être traitée en ligne'
                        : 'Non : votre demande ne peut pas être traitée en ligne'}
                    </h2>
                    <ReasonList reasons={result.reasons} />
                    {!result.eligible && procedure.eligibility?.alternative && (
                      <p>
                        <strong>Où vous adresser : </strong>
                        {procedure.eligibility.alternative}
                      </p>
                    )}
                  </div>
                )}
                {result?.eligible && <StartButtons id={id} version={version} secondary />}
                {result && !result.eligible && (
                  <Suspense fallback={null}>
                    <CourtFinder />
                  </Suspense>
                )}
              </div>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
