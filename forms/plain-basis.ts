/** How a legal basis is shown to citizens, by the web app and by the server's own pages alike. */

/**
 * A legal basis as a citizen should read it: the white paper's section marks ("(livre blanc, II.A.1)",
 * "(I.C)") are the drafters' references, not law a citizen can look up.
 */
export function plainBasis(basis: string): string {
  return basis
    .replace(/\s*\((?:livre blanc[^)]*|[IVX]+(?:\.[A-Z0-9]+)+)\)/g, '')
    .replace(/\s+;/g, ' ;')
    .trim();
}
