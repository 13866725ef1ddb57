/**
 * Depositing pieces and observations (written, audio, video) on a case, for
 * each document kind the spec opens to uploads and the reader's role may see;
 * each file shows a progress bar while it travels.
 */
import { useId, useState } from 'react';
import { ApiError, uploadDocument } from '../lib/api.ts';
import type { DocumentKindInfo } from '../lib/api-schema.gen.ts';
import { formatSize } from '../lib/format.ts';

const TYPE_ACCEPT: Record<string, string> = {
  pdf: 'application/pdf',
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
};
const TYPE_LABEL: Record<string, string> = { pdf: 'PDF', image: 'image', audio: 'audio', video: 'vidéo' };

interface Transfer {
  readonly key: number;
  readonly name: string;
  readonly fraction: number;
  readonly done?: boolean;
  readonly error?: string;
}

let counter = 0;

function KindUpload({
  caseId,
  kind,
  onUploaded,
}: {
  caseId: string;
  kind: DocumentKindInfo;
  onUploaded: () => void;
}) {
  const id = useId();
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const upload = kind.upload;
  if (!upload) return null;
  const types = upload.types.map((t) => TYPE_LABEL[t] ?? t).join(', ');
  const size = upload.maxSize ? formatSize(upload.maxSize) : undefined;
  const update = (key: number, patch: Partial<Transfer>) =>
    setTransfers((l) => l.map((t) => (t.key === key ? { ...t, ...patch } : t)));
  const send = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = counter++;
      setTransfers((l) => [...l, { key, name: file.name, fraction: 0 }]);
      uploadDocument(
        caseId,
        kind.id,
        file,
        (fraction) => update(key, { fraction }),
        upload.maxSize,
      ).promise.then(
        () => {
          update(key, { fraction: 1, done: true });
          onUploaded();
        },
        (e: unknown) => update(key, { error: e instanceof ApiError ? e.message : String(e) }),
      );
    }
  };
  return (
    <div className="fr-upload-group fr-mb-3w">
      <label className="fr-label" htmlFor={`${id}-file`}>
        {kind.label}
        <span className="fr-hint-text">
          Formats acceptés : {types}.{size ? ` Taille maximale : ${size}.` : ''} Vous pouvez choisir plusieurs
          fichiers.
        </span>
      </label>
      <input
        className="fr-upload"
        type="file"
        id={`${id}-file`}
        multiple
        accept={
          upload.types
            .map((t) => TYPE_ACCEPT[t] ?? '')
            .filter(Boolean)
            .join(',') || undefined
        }
        aria-describedby={`${id}-status`}
        onChange={(e) => {
          send(e.target.files);
          e.target.value = '';
        }}
      />
      <ul className="greffe-uploads" id={`${id}-status`} aria-live="polite">
        {transfers.map((t) => (
          <li key={t.key}>
            {t.error ? (
              <p className="fr-message fr-message--error">
                {t.name} : {t.error}
              </p>
            ) : (
              <>
                <label htmlFor={`${id}-p${t.key}`}>
                  {t.name} : {t.done ? 'envoyé' : `envoi en cours, ${Math.round(t.fraction * 100)} %`}
                </label>
                <progress id={`${id}-p${t.key}`} max={100} value={Math.round(t.fraction * 100)} />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UploadPanel({
  caseId,
  kinds,
  roles,
  onUploaded,
}: {
  caseId: string;
  kinds: readonly DocumentKindInfo[] | undefined;
  roles: readonly string[];
  onUploaded: () => void;
}) {
  const open = (kinds ?? []).filter(
    (k) =>
      k.upload && (!k.visibleTo || k.visibleTo.length === 0 || k.visibleTo.some((r) => roles.includes(r))),
  );
  if (open.length === 0) return null;
  return (
    <section className="greffe-section" aria-labelledby="deposer-pieces">
      <h2 id="deposer-pieces">Joindre des pièces ou des observations</h2>
      <p>Les fichiers sont envoyés dès que vous les choisissez et ajoutés à votre dossier.</p>
      {open.map((k) => (
        <KindUpload key={k.id} caseId={caseId} kind={k} onUploaded={onUploaded} />
      ))}
    </section>
  );
}
