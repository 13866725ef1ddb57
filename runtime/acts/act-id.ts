/** The document id of an act's sealed PDF, from the id of the produced text it renders (runtime/acts/issue.ts). */
export const actDocumentId = (producedId: string): string => `${producedId}-pdf`;
