/** The case's documents and decisions, each downloadable by whoever may see it. */
import { api } from '../lib/api.ts';
import type { DocumentInfo, ProcedureView } from '../lib/api-schema.gen.ts';
import { formatInstant, formatSize } from '../lib/format.ts';
import { roleLabel } from '../lib/procedures.ts';

export function Documents({
  caseId,
  documents,
  procedure,
}: {
  caseId: string;
  documents: readonly DocumentInfo[];
  procedure: ProcedureView;
}) {
  if (documents.length === 0) return <p>Aucun document pour le moment.</p>;
  return (
    <div className="fr-table fr-table--no-caption greffe-stacked-table">
      <table>
        <caption>Documents de l’affaire</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Déposé par</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td data-label="Document">
                <a href={api.documentUrl(caseId, d.id)} download={d.filename || undefined}>
                  {d.label}
                  {d.filename ? ` — ${d.filename}` : ''}
                </a>
                <span className="fr-hint-text">
                  {d.mediaType}, {formatSize(d.size)}
                </span>
              </td>
              <td data-label="Déposé par">
                {d.uploadedByRole ? roleLabel(procedure, d.uploadedByRole) : 'La plateforme'}
              </td>
              <td data-label="Date">{formatInstant(d.uploadedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
