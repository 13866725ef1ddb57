/** forms: validation of the spec's forms (server side, French messages) and the web app's build location. */
export { fieldOf, messageFr, problemsFromErrors } from './messages.ts';
export type { FormProblem } from './messages.ts';
export { validateFormData } from './validate.ts';
export type { FormValidation } from './validate.ts';
export { WEB_DIST_DIR, webDistReady } from './web-dist.ts';
