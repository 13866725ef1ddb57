/** Provenance of spec items for the articles' apparatus (file:line, white-paper section, legal basis, note). */
import type { Loc } from '../../spec/index.ts';
import type { SpecRef } from './types.ts';

interface Item {
  readonly label?: string;
  readonly title?: string;
  readonly id?: string;
  readonly event?: string;
  readonly loc: Loc;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
}

/** The apparatus entry for any spec item (procedure, role, state, act, deadline, ruleset…). */
export function specRef(item: Item): SpecRef {
  return {
    label: item.label ?? item.title ?? item.event ?? item.id ?? '',
    loc: item.loc,
    ...(item.source !== undefined && { source: item.source }),
    ...(item.basis !== undefined && { basis: item.basis }),
    ...(item.note !== undefined && { note: item.note }),
  };
}
