/**
 * Logging in with a one-time code sent by e-mail (the server's embedded
 * login, runtime/api/routes-identity.ts): the address, then the 6-digit code.
 */
import { useId, useState } from 'react';
import { ApiError, request } from '../lib/api.ts';
import type { User } from '../lib/api-schema.gen.ts';
import { Messages } from '../renderers/field.tsx';

export function EmailLogin({ onLoggedIn }: { onLoggedIn: (user: User) => Promise<void> }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const ask = () =>
    run(async () => {
      if (!email.trim()) throw new ApiError(0, 'CLIENT', 'Saisissez votre adresse électronique.');
      await request('POST', '/api/auth/code', { email: email.trim() });
      setSent(true);
    });
  const verify = () =>
    run(async () => {
      const { user } = await request<{ user: User }>('POST', '/api/auth/code/verify', {
        email: email.trim(),
        code: code.trim(),
      });
      await onLoggedIn(user);
    });

  const field = sent ? 'code' : 'email';
  return (
    <form
      className="greffe-section"
      aria-labelledby={`${id}-t`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void (sent ? verify() : ask());
      }}
    >
      <h2 id={`${id}-t`} className="fr-h5">
        Se connecter avec un code reçu par courriel
      </h2>
      {sent && (
        <p role="status">
          Si l’adresse {email.trim()} est valide, un code de 6 chiffres vient d’y être envoyé. Il est valable
          10 minutes.
        </p>
      )}
      <div className={error ? 'fr-input-group fr-input-group--error' : 'fr-input-group'}>
        <label className="fr-label" htmlFor={`${id}-${field}`}>
          {sent ? 'Code reçu par courriel' : 'Adresse électronique'}
          <span className="fr-hint-text">{sent ? '6 chiffres' : 'Format attendu : nom@domaine.fr'}</span>
        </label>
        <input
          key={field}
          className={error ? 'fr-input fr-input--error' : 'fr-input'}
          id={`${id}-${field}`}
          type={sent ? 'text' : 'email'}
          inputMode={sent ? 'numeric' : 'email'}
          autoComplete={sent ? 'one-time-code' : 'email'}
          maxLength={sent ? 6 : 254}
          value={sent ? code : email}
          aria-describedby={`${id}-messages`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => (sent ? setCode(e.target.value) : setEmail(e.target.value))}
        />
        <Messages id={`${id}-messages`} lines={error ? [error] : []} />
      </div>
      <button type="submit" className="fr-btn" disabled={busy}>
        {sent ? 'Se connecter' : 'Recevoir un code'}
      </button>
    </form>
  );
}
