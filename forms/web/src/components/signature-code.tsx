/**
 * A party's simple electronic signature (runtime/service/protocol-signature.ts):
 * « Recevoir un code » sends a 6-digit code by e-mail or SMS, the party types
 * it here, and the signing act is sent with it. The code is not a form answer:
 * it is never journaled, only the evidence of its use is.
 */
import { useId, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { Messages } from '../renderers/field.tsx';

export interface SignatureCodeProps {
  readonly caseId: string;
  /** The code typed so far, read by the page when it sends the act. */
  readonly onCode: (code: string) => void;
  /** A refusal of the code by the server (wrong, expired, blocked…), shown under the field. */
  readonly error: string | null;
}

export function SignatureCode({ caseId, onCode, error }: SignatureCodeProps) {
  const id = useId();
  const [canal, setCanal] = useState<'courriel' | 'sms'>('courriel');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setBusy(true);
    setAskError(null);
    try {
      const r = await api.signatureCode(caseId, canal);
      const how = r.canal === 'sms' ? 'par SMS au' : 'à';
      setSent(
        `Un code de 6 chiffres vient d’être envoyé ${how} ${r.destinataire}. Il est valable jusqu’à ${formatTime(r.expireLe)}.`,
      );
    } catch (e: unknown) {
      setAskError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = error ?? askError;
  return (
    <section className="greffe-section fr-mb-3w" aria-labelledby={`${id}-t`} data-testid="signature-code">
      <h2 id={`${id}-t`} className="fr-h5">
        Signer avec un code à usage unique
      </h2>
      <p className="fr-text--sm">
        Pour signer, demandez un code : saisi ici avec votre approbation, il vaut signature électronique du
        protocole. Ne le communiquez à personne.
      </p>
      <fieldset className="fr-fieldset" aria-labelledby={`${id}-canal`}>
        <legend className="fr-fieldset__legend fr-text--regular" id={`${id}-canal`}>
          Recevoir le code
        </legend>
        {(['courriel', 'sms'] as const).map((c) => (
          <div className="fr-fieldset__element fr-fieldset__element--inline" key={c}>
            <div className="fr-radio-group">
              <input
                type="radio"
                id={`${id}-${c}`}
                name={`${id}-canal`}
                checked={canal === c}
                onChange={() => setCanal(c)}
              />
              <label className="fr-label" htmlFor={`${id}-${c}`}>
                {c === 'sms' ? 'Par SMS' : 'Par courriel'}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-mb-2w"
        disabled={busy}
        onClick={() => void ask()}
      >
        Recevoir un code
      </button>
      <p role="status" aria-live="polite" className="fr-text--sm">
        {sent}
      </p>
      <div className={shown ? 'fr-input-group fr-input-group--error' : 'fr-input-group'}>
        <label className="fr-label" htmlFor={`${id}-code`}>
          Code de signature reçu
          <span className="fr-hint-text">6 chiffres</span>
        </label>
        <input
          className={shown ? 'fr-input fr-input--error' : 'fr-input'}
          id={`${id}-code`}
          name="codeSignature"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          aria-describedby={`${id}-messages`}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            onCode(e.target.value.trim());
          }}
        />
        <Messages id={`${id}-messages`} lines={shown ? [shown] : []} />
      </div>
    </section>
  );
}
