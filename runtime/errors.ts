/**
 * The runtime's one error class: an HTTP status, a stable machine-readable
 * code, a French message for people, and details for programs. The API's one
 * `onError` turns it into `{ error: { code, message, details } }`.
 */
export class GreffeError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'GreffeError';
  }

  toJSON(): { error: { code: string; message: string; details: Readonly<Record<string, unknown>> } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** The one answer for a case the caller may not see, whether it exists or not (no leak of existence). */
export const caseNotFound = (id: string): GreffeError =>
  new GreffeError(404, 'CASE_NOT_FOUND', 'Affaire introuvable.', { case: id });
