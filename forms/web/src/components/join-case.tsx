/** "Vous avez reçu un code ?": a summoned person enters the code of their letter to reach the case. */
import { useId, useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';
import { Messages } from '../renderers/field.tsx';

export function JoinCase() {
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const join = async () => {
    if (!code.trim()) {
      setError('Saisissez le code indiqué dans votre courrier.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const c = await api.join(code.trim());
      navigate(`/affaires/${c.id}`);
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <form
      className="greffe-section"
      aria-labelledby={`${id}-t`}
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
      noValidate
    >
      <h2 id={`${id}-t`} className="fr-h5">
        Vous avez reçu un courrier du tribunal ?
      </h2>
      <div className={error ? 'fr-input-group fr-input-group--error' : 'fr-input-group'}>
        <label className="fr-label" htmlFor={`${id}-code`}>
          Code d’accès à l’affaire
          <span className="fr-hint-text">Il figure sur votre courrier, par exemple ABCD-EFGH-JKLM.</span>
        </label>
        <input
          className={error ? 'fr-input fr-input--error' : 'fr-input'}
          id={`${id}-code`}
          value={code}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-code-messages`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setCode(e.target.value)}
        />
        <Messages id={`${id}-code-messages`} lines={error ? [error] : []} />
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy}>
        Accéder à l’affaire
      </button>
    </form>
  );
}
