/**
 * The courts a case may be filed with: an id from this list, never free text
 * (a court nobody sits in would leave the case visible to no court). Staff
 * accounts (`greffe users add --court`) and `greffe serve --court` take the
 * same ids. The two sample courts serve development mode and the tests.
 */
export interface Court {
  readonly id: string;
  readonly name: string;
}

export const COURTS: readonly Court[] = [
  { id: 'tj-exemple', name: 'Tribunal judiciaire d’exemple (démonstration)' },
  { id: 'tj-autre', name: 'Autre tribunal judiciaire d’exemple (démonstration)' },
  { id: 'tj-paris', name: 'Tribunal judiciaire de Paris' },
  { id: 'tj-lyon', name: 'Tribunal judiciaire de Lyon' },
  { id: 'tj-marseille', name: 'Tribunal judiciaire de Marseille' },
  { id: 'tj-lille', name: 'Tribunal judiciaire de Lille' },
  { id: 'tj-bordeaux', name: 'Tribunal judiciaire de Bordeaux' },
  { id: 'tj-toulouse', name: 'Tribunal judiciaire de Toulouse' },
  { id: 'tj-nantes', name: 'Tribunal judiciaire de Nantes' },
  { id: 'tj-strasbourg', name: 'Tribunal judiciaire de Strasbourg' },
];

const byId = new Map(COURTS.map((c) => [c.id, c]));

export const courtById = (id: string): Court | undefined => byId.get(id);

export const courtIds = (): string[] => COURTS.map((c) => c.id);
