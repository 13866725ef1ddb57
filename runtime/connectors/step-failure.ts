/**
 * A message that did not reach its addressee (a letter returned, an e-mail
 * bounced, an SMS undelivered) means the step of the cascade it carried
 * failed: the deadline its sending event started ends now, firing the event
 * the spec gives its expiry (the next step), as its expiry would. The
 * receipt that says so carries `etapeClose` (the audit's replay reads it:
 * runtime/audit/replay.ts).
 */
import type { Channel, Procedure } from '../../spec/index.ts';
import { expiryCommand } from '../engine/expiry.ts';
import { fireSystemEvent } from '../service/fire-event.ts';
import type { Runtime } from '../service/context.ts';
import type { CaseRow, DeadlineRow, OutboxRow } from '../store/case-store.ts';

/** The spec's channel a connector delivers on (`notify … channels`). */
export const channelOf = (connector: string): string =>
  connector.startsWith('lettre_') ? 'courrier' : connector;

/**
 * Whether `row`'s connector was its addressee's only means in an event that starts `deadline`: a
 * bounced convocation e-mail fails the step it opened, but a bounced copy of a notice also put in the
 * platform's inbox (`channels: [plateforme, courriel]`) reached its addressee all the same.
 */
function onlyMeans(p: Procedure, deadline: string, row: OutboxRow): boolean {
  const role = row.recipientRole;
  const channel = channelOf(row.connector);
  if (!role) return false;
  return p.transitions.some((t) => {
    if (!t.effects.some((e) => e.kind === 'start' && e.deadline === deadline)) return false;
    const means = new Set<string>();
    for (const e of t.effects) {
      if (e.kind === 'notify' && e.roles.includes(role))
        for (const ch of e.channels as Channel[]) means.add(ch);
      if (e.kind === 'call' && e.to.includes(role)) means.add(channelOf(e.connector));
    }
    return means.size === 1 && means.has(channel);
  });
}

/**
 * The running deadline `row`'s sending event started, when its expiry fires an event (the cascade's next
 * step). `strict`: only when the message was its addressee's only means in that event (e-mail, SMS).
 */
export async function stepOf(
  rt: Runtime,
  c: CaseRow,
  p: Procedure,
  row: OutboxRow | undefined,
  strict = false,
): Promise<DeadlineRow | undefined> {
  if (!row || row.caseId !== c.id) return undefined;
  const { deadlines } = await rt.store.caseRecord(c.id, '');
  return deadlines.find(
    (x) =>
      x.startedAt === row.createdAt &&
      x.status === 'running' &&
      p.deadlines[x.deadline]?.onExpiry.event &&
      (!strict || onlyMeans(p, x.deadline, row)),
  );
}

/** The step failed: the deadline fires its expiry's event now (after the receipt that says why). */
export async function failStep(rt: Runtime, step: DeadlineRow, c: CaseRow, p: Procedure): Promise<void> {
  const event = p.deadlines[step.deadline]?.onExpiry.event;
  const now = await rt.store.getCase(c.id); // the receipt moved the journal, not the version
  if (!event || !now) return;
  const command = expiryCommand(
    { version: now.version },
    { deadline: step.deadline, dueAt: step.dueAt, event },
  );
  if (!command) return;
  const r = await fireSystemEvent(rt, p, now, command, step.id, {
    deadline: step,
    at: rt.clock.now().toISOString(),
  });
  if ('refused' in r) console.error(`greffe : envoi non distribué, étape non close (${r.refused.message}).`);
}
