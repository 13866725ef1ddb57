/** The articles on time: every deadline with its duration, start, consequence and reminders; how parties are told. */
import type { Channel, Deadline, Procedure, Transition } from '../../spec/index.ts';
import { formatParameter, joinFr, renderTemplate } from '../../spec/index.ts';
import { CHANNEL_FR, channelsFr, definite, definiteList, ofDefinite, pronoun, ucFirst } from '../french.ts';
import { deadlineDuration, deadlineFiring, expiryTransitions, roleLabels, startersOf } from '../view.ts';
import { targetClause } from './act-paragraph.ts';
import { specRef } from './refs.ts';
import { type ArticleDraft, type Block, artRef } from './types.ts';

/** How procedural time is counted, per calendar of spec/vocabulary.ts. */
export const CALENDAR_FR: Readonly<Record<string, string>> = {
  fr: 'Les délais sont calculés selon les articles 640 à 642 du Code de procédure civile.',
  juridiction:
    'Les délais sont calculés selon les articles 640 à 642 du Code de procédure civile, les jours fériés étant ceux du ressort de la juridiction saisie : dans le Bas-Rhin, le Haut-Rhin et la Moselle, le Vendredi saint et le 26 décembre sont en outre fériés (Code du travail, art. L3134-13).',
};

/** What starts a deadline, as a decree refers to it: the alinéa of each act, or the expiry of the deadline that fires an automatic act. */
function startClause(p: Procedure, starters: readonly Transition[]): string {
  const refs = starters.map((t) => {
    const d = t.automatic ? deadlineFiring(p, t) : undefined;
    return d ? `de l’expiration ${ofDefinite(d.label)}` : `de l’acte prévu au ${artRef(`acte:${t.index}`)}`;
  });
  return `à compter ${joinFr([...new Set(refs)], 'ou')}`;
}

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
  // Délais de distance (text_edition 2 only: a published text does not change).
  if (d.distance && p.textEdition === 2)
    out.push(`${it} est augmenté dans les conditions des articles 643 et 644 du code de procédure civile.`);
  const starters = startersOf(p, d.id);
  if (starters.length) {
    // Per-party time (CPC art. 528), from the act's own date when the spec says so.
    const each = d.perParty ? ' contre chaque partie' : '';
    const dated = starters.every((t) =>
      t.effects.some((e) => e.kind === 'start' && e.deadline === d.id && e.from !== undefined),
    );
    out.push(`${it} court${each} ${startClause(p, starters)}${dated ? ', à la date de cet acte' : ''}.`);
  }
  const expiries = expiryTransitions(p, d);
  // A stay transition (e.g. recording that the time to answer ran out) moves the case nowhere.
  const targets = [...new Set(expiries.filter((t) => !t.stay).map((t) => t.to))];
  const consequences: string[] = [];
  if (targets.length)
    consequences.push(
      joinFr(
        targets.map((to) =>
          targetClause(
            p,
            expiries.find((t) => t.to === to),
            to,
          ),
        ),
        'ou',
      ),
    );
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
    ...deadlines.map(
      (d): Block => ({
        kind: 'p',
        text: deadlineParagraph(p, d),
        anchor: `delai-${d.id}`,
        loc: d.loc,
        drafted: d.textFr !== undefined,
      }),
    ),
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
  const forms = p.transitions.some((t) => t.form);
  const blocks: Block[] = [
    ...(forms
      ? [
          {
            kind: 'p' as const,
            text: 'Chaque acte est accompli sur la plateforme, au moyen du formulaire qui lui est propre.',
          },
        ]
      : []),
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
