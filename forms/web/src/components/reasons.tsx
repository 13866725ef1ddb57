/** The rules' reasons (eligibility, guards): each sentence with its legal basis. */
import type { Reason } from '../lib/api-schema.gen.ts';
import { plainBasis } from '../lib/format.ts';

export function ReasonList({ reasons }: { reasons: readonly Reason[] | undefined }) {
  if (!reasons || reasons.length === 0) return null;
  return (
    <ul className="greffe-reasons">
      {reasons.map((r) => (
        <li key={r.rule}>
          {r.text}
          {r.basis && <span className="fr-hint-text">Fondement : {plainBasis(r.basis)}</span>}
        </li>
      ))}
    </ul>
  );
}
