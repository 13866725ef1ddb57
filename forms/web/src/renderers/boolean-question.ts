/** How a yes/no field is asked: radios for a question, one checkbox for a statement. */

/** Whether a boolean field reads as a question to answer (radios) rather than a box to tick. */
export function isQuestion(format: unknown, title: string, mustBeTrue: boolean): boolean {
  if (format === 'radio') return true;
  if (format === 'checkbox' || mustBeTrue) return false;
  return title.trim().endsWith('?');
}
