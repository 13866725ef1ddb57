/** The articles on time: every deadline with its duration, start, consequence and reminders; how parties are told. */
import type { Channel, Deadline, Procedure } from '../../spec/index.ts';
import { formatParameter, joinFr, renderTemplate } from '../../spec/index.ts';
import { CHANNEL_FR, channelsFr, definite, definiteList, pronoun, stripStop, ucFirst } from '../french.ts';
import { deadlineDuration, expiryTransitions, homePhase, roleLabels, startersOf } from '../view.ts';
import { specRef } from './refs.ts';
import { type ArticleDraft, type Block, artRef } from './types.ts';

/** How procedural time is counted, per calendar of spec/vocabulary.ts. */
const CALENDAR_FR: Record<string, string> = {
  fr: 'Les délais sont calculés selon les articles 640 à 642 du Code de procédure civile.',
};

const quoted = (labels: readonly string[]) =>
  joinFr(
    labels.map((l) => `« ${stripStop(l)} »`),
    'ou',
  );

/** Reminders sharing roles and channels read as one sentence: "… 3 jours et 1 jour avant son terme". */
function reminderSentences(p: Procedure, d: Deadline): string[] {
  const groups = new Map<
    string,
    { roles: readonly string[]; channels: readonly Channel[]; before: string[] }
  >();
  for (const r of d.reminders) {
    const key = `${r.roles.join()}|${r.channels.join()}`;
    const before = p.parameters[r.before];
    const g = groups.get(key) ?? { roles: r.roles, channels: r.channels, before: [] };
    g.before.push(before ? formatParameter(before) : r.before);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const many = g.roles.length > 1;
    const one = g.before.length === 1;
    return `${ucFirst(definiteList(roleLabels(p, g.roles)))} ${many ? 'reçoivent' : 'reçoit'} ${one ? 'un rappel' : 'des rappels'} ${channelsFr(g.channels)}, ${joinFr(g.before)} avant son terme.`;
  });
}

function deadlineParagraph(p: Procedure, d: Deadline): string {
  if (d.textFr) return renderTemplate(d.textFr, p).trim();
  const it = ucFirst(pronoun(d.label));
  const out = [`${ucFirst(definite(d.label))} est de ${deadlineDuration(p, d)}.`];
  const starters = startersOf(p, d.id);
  const phase = starters[0] ? homePhase(p, starters[0]) : undefined;
  const where = phase ? ` (voir l’${artRef(`phase:${phase.id}`)})` : '';
  if (starters.length === 1)
    out.push(`${it} court à compter de l’acte ${quoted(starters.map((t) => t.label))}${where}.`);
  if (starters.length > 1)
    out.push(`${it} court à compter de l’un des actes ${quoted(starters.map((t) => t.label))}.`);
  const targets = [...new Set(expiryTransitions(p, d).map((t) => p.states[t.to]?.label ?? t.to))];
  const consequences: string[] = [];
  if (targets.length) consequences.push(`l’affaire passe à l’étape ${quoted(targets)}`);
  if (d.onExpiry.alert.length) {
    const n = d.onExpiry.alert.length;
    consequences.push(
      `${definiteList(roleLabels(p, d.onExpiry.alert))} ${n > 1 ? 'sont alertés' : 'est alerté'}`,
    );
  }
  if (consequences.length) out.push(`À son expiration, ${joinFr(consequences)}.`);
  out.push(...reminderSentences(p, d));
  return out.join(' ');
}

export function deadlinesArticle(p: Procedure): ArticleDraft | undefined {
  const deadlines = Object.values(p.deadlines);
  if (deadlines.length === 0) return undefined;
  const calendar = CALENDAR_FR[p.calendar];
  const blocks: Block[] = [
    ...(calendar ? [{ kind: 'p' as const, text: calendar }] : []),
    ...deadlines.map((d): Block => ({ kind: 'p', text: deadlineParagraph(p, d), anchor: `delai-${d.id}` })),
  ];
  return {
    key: 'delais',
    aliases: deadlines.map((d) => `delai:${d.id}`),
    title: 'Délais et rappels',
    blocks,
    diagram: 'procedure',
    refs: deadlines.flatMap((d) => [
      specRef(d),
      ...(p.parameters[d.duration] ? [specRef(p.parameters[d.duration]!)] : []),
    ]),
  };
}

/** How the actors learn of each act: the channels the spec's notifications use. */
export function informationArticle(p: Procedure): ArticleDraft | undefined {
  const channels = new Set<Channel>();
  for (const t of p.transitions)
    for (const e of t.effects) if (e.kind === 'notify') for (const c of e.channels) channels.add(c);
  if (channels.size === 0) return undefined;
  const others = [...channels].filter((c) => c !== 'plateforme').map((c) => CHANNEL_FR[c]);
  const hasReminders = Object.values(p.deadlines).some((d) => d.reminders.length > 0);
  const blocks: Block[] = [
    {
      kind: 'p',
      text: 'Chaque acte est porté à la connaissance des acteurs qu’il concerne, sur la plateforme.',
    },
    ...(others.length
      ? [{ kind: 'p' as const, text: `Selon l’acte, ils en sont aussi informés ${joinFr(others, 'ou')}.` }]
      : []),
    ...(hasReminders
      ? [
          {
            kind: 'p' as const,
            text: `Des rappels leur sont adressés avant l’échéance des délais (voir l’${artRef('delais')}).`,
          },
        ]
      : []),
  ];
  return { key: 'information', title: 'Information des parties', blocks, refs: [] };
}
