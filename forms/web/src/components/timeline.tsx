/** What happened in the case, oldest first, with the data the reader's role may see. */
import type { ProcedureView, TimelineEntry } from '../lib/api-schema.gen.ts';
import { formatInstant } from '../lib/format.ts';
import { roleLabel } from '../lib/procedures.ts';
import { DataList, type DataShape } from './data-list.tsx';

export function Timeline({
  entries,
  procedure,
  shapeOf,
  myRoles = [],
}: {
  entries: readonly TimelineEntry[];
  procedure: ProcedureView;
  /** How to read an event's data: its form's titles and order. */
  shapeOf: (event: string) => DataShape;
  /** The reader's roles: an entry another role made is read with the fields' neutral labels. */
  myRoles?: readonly string[];
}) {
  if (entries.length === 0) return <p>Rien n’a encore été enregistré dans cette affaire.</p>;
  return (
    <ol className="greffe-timeline">
      {[...entries]
        .sort((a, b) => a.seq - b.seq)
        .map((e) => (
          <li key={e.seq}>
            <p className="greffe-timeline__head">
              <strong>{e.label}</strong>
              <span className="fr-hint-text">
                {formatInstant(e.at)}
                {e.actorRole ? ` — ${roleLabel(procedure, e.actorRole)}` : ''}
              </span>
            </p>
            {/* A party's signature: how it was made (runtime/service/protocol-signature.ts). */}
            {e.signature && <p className="fr-text--sm fr-mb-1w">{e.signature}</p>}
            {answers(e.data) && (
              <details>
                <summary>Voir le contenu</summary>
                <DataList
                  data={answers(e.data) ?? {}}
                  shape={shapeOf(e.event ?? '')}
                  tiers={!(e.actorRole && myRoles.includes(e.actorRole))}
                />
              </details>
            )}
          </li>
        ))}
    </ol>
  );
}

/** The answers of an event, without its signature's evidence (said in words above them). */
function answers(data: TimelineEntry['data']): Record<string, unknown> | undefined {
  if (!data) return undefined;
  const { preuve_signature: _evidence, ...rest } = data as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
