/** Numbers as people in France type them: the reading the server shares (forms/posted-answers.ts). */
export { parseFrenchNumber } from '../../../posted-answers.ts';
