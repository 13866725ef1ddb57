/** A one-time message carried to the next page ("Votre réponse est enregistrée."). */
let pending: string | undefined;

export function setFlash(message: string): void {
  pending = message;
}

/** The pending message, cleared once read. */
export function takeFlash(): string | undefined {
  const m = pending;
  pending = undefined;
  return m;
}
