/**
 * Browser entry of the preview's forms page: every form of a version drawn
 * by the web app's own component (SpecForm, the DSFR renderers of
 * forms/web/src/renderers), from the same form views the API serves. Filling
 * a form checks the answers as the platform would; nothing is sent.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { FormView } from '../../../forms/web/src/lib/api-schema.gen.ts';
import { SpecForm } from '../../../forms/web/src/form/spec-form.tsx';

function FormPreview({ form }: { form: FormView }) {
  const [checked, setChecked] = useState(0);
  return (
    <section
      className="fr-mb-4w"
      id={`formulaire-${form.id}`}
      aria-labelledby={`formulaire-${form.id}-titre`}
    >
      <h2 id={`formulaire-${form.id}-titre`}>{form.title}</h2>
      {form.description ? <p>{form.description}</p> : null}
      <SpecForm
        form={form}
        submitLabel="Vérifier les réponses (aperçu)"
        onSubmit={async () => {
          setChecked((n) => n + 1);
        }}
      />
      {checked > 0 ? (
        <p className="fr-alert fr-alert--success fr-mt-2w" role="status">
          Réponses valides ({checked} vérification{checked > 1 ? 's' : ''}) : aucune donnée n’est envoyée
          depuis l’aperçu.
        </p>
      ) : null}
    </section>
  );
}

async function start(): Promise<void> {
  const root = document.getElementById('formulaires');
  const url = root?.dataset.source;
  if (!root || !url) throw new Error('Élément #formulaires ou son attribut data-source absent');
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Formulaires indisponibles (${res.status})`);
  const forms = (await res.json()) as FormView[];
  createRoot(root).render(
    <StrictMode>
      {forms.map((f) => (
        <FormPreview key={f.id} form={f} />
      ))}
    </StrictMode>,
  );
}

start().catch((err: unknown) => {
  const root = document.getElementById('formulaires');
  if (root) root.textContent = `Les formulaires n’ont pas pu être affichés : ${String(err)}`;
});
