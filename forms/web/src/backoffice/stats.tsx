/** The procedure's objectives (procedure.md §7), computed by the server from the case journal, as charts. */
import { useState } from 'react';
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import type { ProcedureView, Stats } from '../lib/api-schema.gen.ts';
import { latestVersions } from '../lib/procedures.ts';
import { useAsync } from '../lib/use-async.ts';
import { BarChart, count, days, percent } from './charts.tsx';

async function load(pick: string | undefined) {
  const procedures = latestVersions(await api.procedures());
  const chosen = procedures.find((p) => p.id === pick) ?? procedures[0];
  const [stats, view] = await Promise.all([
    api.stats(chosen?.id, chosen?.version),
    chosen ? api.procedure(chosen.id, chosen.version) : Promise.resolve(undefined),
  ]);
  return { procedures, chosen, stats, view };
}

function byStateBars(stats: Stats, view: ProcedureView | undefined) {
  const entries = Object.entries(stats.byState);
  const label = (s: string) => view?.states.find((x) => x.id === s)?.label ?? s;
  const order = (s: string) => view?.states.findIndex((x) => x.id === s) ?? 0;
  return entries
    .filter(([, n]) => n > 0)
    .sort((a, b) => order(a[0]) - order(b[0]))
    .map(([s, n]) => ({ label: label(s), value: n }));
}

export default function StatsPage() {
  const [pick, setPick] = useState<string | undefined>(undefined);
  const [state] = useAsync(() => load(pick), [pick]);
  return (
    <>
      <PageTitle>Statistiques</PageTitle>
      <p>Indicateurs calculés à partir du journal des affaires, pour suivre les objectifs de la procédure.</p>
      <Loaded state={state} what="Calcul des indicateurs">
        {({ procedures, chosen, stats, view }) => (
          <>
            {procedures.length > 1 && (
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="stat-procedure">
                  Procédure
                </label>
                <select
                  className="fr-select"
                  id="stat-procedure"
                  value={chosen?.id}
                  onChange={(e) => setPick(e.target.value)}
                >
                  {procedures.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <ul className="greffe-kpis">
              <li>
                <span className="greffe-kpi__value">{count(stats.cases)}</span> affaires
              </li>
              {stats.closed !== undefined && (
                <li>
                  <span className="greffe-kpi__value">{count(stats.closed)}</span> terminées
                </li>
              )}
              <li>
                <span className="greffe-kpi__value">{count(stats.bankExecutions)}</span> exécutions par
                signification à la banque
              </li>
            </ul>
            {stats.settledAmicably === null ? (
              <p>
                Aucune affaire n’est encore terminée : les parts d’accords, de renvois et d’astreintes
                viendront ensuite.
              </p>
            ) : (
              <BarChart
                title="Issues des affaires terminées"
                description="Part des affaires réglées à l’amiable, renvoyées à la procédure habituelle, et des décisions assorties d’une astreinte."
                bars={[
                  { label: 'Règlement amiable', value: stats.settledAmicably },
                  { label: 'Renvoi à la procédure habituelle', value: stats.referralRate ?? 0 },
                  { label: 'Décisions avec astreinte', value: stats.astreinteShare ?? 0 },
                ]}
                max={1}
                format={percent}
              />
            )}
            {stats.timeToDecision.medianDays === null ? (
              <p>Aucune décision rendue : pas encore de délai à mesurer.</p>
            ) : (
              <BarChart
                title="Délai jusqu’à la décision"
                description="Délai médian et délai dans lequel 90 % des affaires sont jugées, comparés à l’objectif."
                bars={[
                  { label: 'Délai médian', value: stats.timeToDecision.medianDays },
                  { label: '90 % des décisions en moins de', value: stats.timeToDecision.p90Days ?? 0 },
                ]}
                format={days}
                target={
                  stats.timeToDecision.targetDays !== null
                    ? {
                        value: stats.timeToDecision.targetDays,
                        label: `Objectif : ${stats.timeToDecision.target ?? days(stats.timeToDecision.targetDays)}`,
                      }
                    : undefined
                }
              />
            )}
            <BarChart
              title="Affaires par état"
              description="Nombre d’affaires dans chaque état de la procédure."
              bars={byStateBars(stats, view)}
              format={count}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
