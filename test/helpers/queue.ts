/** Walks a paged queue (runtime/service/list-cases.ts) from its first page to its last. */
import { expect } from 'vitest';
import type { Caller } from '../../runtime/access/policy.ts';
import type { CaseSummary, QueuePage } from '../../runtime/service/list-cases.ts';
import type { Runtime } from '../../runtime/service/context.ts';

export type PageLister = (
  rt: Runtime,
  caller: Caller,
  queue: string,
  limit: number,
  cursor: string | undefined,
) => Promise<QueuePage>;

/** Every page of `queue` for `who`, `limit` at a time: the cases in order and the number of pages. */
export async function walkPages(
  list: PageLister,
  rt: Runtime,
  who: Caller,
  queue: string,
  limit: number,
): Promise<{ cases: CaseSummary[]; pages: number }> {
  const cases: CaseSummary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(rt, who, queue, limit, cursor);
    expect(page.cases.length).toBeLessThanOrEqual(limit);
    cases.push(...page.cases);
    pages++;
    // A cursor that does not move on would loop: fail instead.
    if (pages > 100) throw new Error('la file ne finit pas');
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return { cases, pages };
}
