/** The articles on the file: what parties may upload, who sees what; and the decisions with their recourse. */
import type { DocumentKind, Procedure } from '../../spec/index.ts';
import { formatParameter, isLanguageV2, joinFr, remedySentences, renderTemplate } from '../../spec/index.ts';
import {
  definite,
  describedItem,
  isPlural,
  lcFirst,
  ofDefinite,
  stripStop,
  toDefiniteList,
  ucFirst,
  withoutRoleMention,
} from '../french.ts';
import { roleLabels } from '../view.ts';
import { specRef } from './refs.ts';
import { type ArticleDraft, type Block, artRef } from './types.ts';

const UPLOAD_FR: Record<string, string> = { pdf: 'PDF', image: 'image', audio: 'audio', video: 'vidéo' };

function uploadItem(p: Procedure, d: DocumentKind): string {
  const types = joinFr(
    (d.upload?.types ?? []).map((t) => UPLOAD_FR[t] ?? t),
    'ou',
  );
  const max = d.upload?.maxSize ? p.parameters[d.upload.maxSize] : undefined;
  return `${lcFirst(stripStop(d.label))}, au format ${types}${max ? `, de ${formatParameter(max)} au plus` : ''}`;
}

function visibility(p: Procedure, d: DocumentKind): string {
  if (d.textFr) return renderTemplate(d.textFr, p).trim();
  const plural = isPlural(d.label);
  return `${ucFirst(definite(d.label))} ${plural ? 'ne sont accessibles' : 'n’est accessible'} qu’${toDefiniteList(roleLabels(p, d.visibleTo))}.`;
}

export function documentsArticle(p: Procedure): ArticleDraft | undefined {
  const docs = Object.values(p.documents);
  if (docs.length === 0) return undefined;
  const uploads = docs.filter((d) => d.upload);
  const restricted = docs.filter((d) => d.visibleTo.length > 0 || d.textFr);
  const blocks: Block[] = [
    {
      kind: 'list',
      intro: 'Le dossier de l’affaire comprend les pièces et actes suivants :',
      items: docs.map((d) => describedItem(d.label, d.description && renderTemplate(d.description, p))),
    },
  ];
  if (uploads.length) {
    blocks.push({
      kind: 'list',
      intro: 'Les parties peuvent verser au dossier :',
      items: uploads.map((d) => uploadItem(p, d)),
    });
  }
  for (const d of restricted) blocks.push({ kind: 'p', text: visibility(p, d) });
  const open = docs.length - restricted.length;
  if (open > 0) {
    blocks.push({
      kind: 'p',
      text: restricted.length
        ? 'Les autres pièces et actes du dossier sont accessibles à tous les acteurs de l’affaire.'
        : 'Les pièces et actes du dossier sont accessibles à tous les acteurs de l’affaire.',
    });
  }
  return {
    key: 'documents',
    title: 'Pièces et actes du dossier',
    blocks,
    refs: [...uploads, ...restricted].map(specRef),
  };
}

/** "la décision du juge de clore l’instruction (troisième alinéa de l’article 8)": no screen label quoted. */
function decisionItem(p: Procedure, t: Procedure['transitions'][number]): string {
  const roles = roleLabels(p, t.roles);
  const who = roles.length ? `${joinFr(roles.map(ofDefinite), 'ou')} ` : '';
  const what = lcFirst(stripStop(withoutRoleMention(t.label, roles)));
  const de = /^[aeiouyàâéèêëîïôûüh]/i.test(what) ? 'd’' : 'de ';
  return `la décision ${who}${de}${what} (${artRef(`acte:${t.index}`)})`;
}

/**
 * Language v2: each typed remedy, the decisions it is open against, its time from which act, the court,
 * how it is exercised and its effect (spec/remedies.ts); the character of a judgment; the statement of
 * remedies in every act of service (CPC art. 528 and 680).
 */
function typedRemediesArticle(p: Procedure): ArticleDraft {
  const decisions = p.transitions.filter((t) => t.decision);
  const item = (t: (typeof decisions)[number]) => decisionItem(p, t);
  const blocks: Block[] = [];
  const closed = decisions.filter((t) => (t.decision?.remedies ?? []).length === 0);
  if (closed.length)
    blocks.push({
      kind: 'list',
      intro: 'Ne sont susceptibles d’aucun recours les décisions suivantes :',
      items: closed.map(item),
    });
  for (const r of Object.values(p.remedies)) {
    const against = decisions.filter((t) => t.decision?.remedies?.includes(r.id));
    if (against.length === 0) continue;
    blocks.push({
      kind: 'list',
      intro: `${remedySentences(p, [r])[0]} Les décisions qui y sont soumises sont les suivantes :`,
      items: against.map(item),
    });
  }
  const characters = decisions.filter((t) => t.decision?.character);
  if (characters.length)
    blocks.push({
      kind: 'p',
      text: 'Le jugement est contradictoire lorsque le défendeur a comparu ou agi dans l’instance. À défaut, il est réputé contradictoire lorsque la citation a été délivrée à sa personne ou lorsque la décision est susceptible d’appel ; il est rendu par défaut lorsque la décision est en dernier ressort et que la citation n’a pas été délivrée à sa personne (Code de procédure civile, art. 473 et 474). Le jugement rendu par défaut ou réputé contradictoire est non avenu s’il n’a pas été signifié dans les six mois de sa date (art. 478).',
    });
  if (p.transitions.some((t) => t.service))
    blocks.push({
      kind: 'p',
      text: 'Le délai de chaque voie de recours court, contre chaque partie, à compter de la signification qui lui est faite (Code de procédure civile, art. 528). L’acte de signification indique de manière très apparente les voies de recours ouvertes, leur délai et leurs modalités d’exercice ; à défaut, le délai ne court pas (art. 680).',
    });
  return {
    key: 'recours',
    title: 'Décisions et voies de recours',
    blocks,
    diagram: 'procedure',
    refs: [...decisions, ...Object.values(p.remedies)].map(specRef),
  };
}

/** Decisions the procedure provides for, grouped by whether they may be challenged. */
export function remediesArticle(p: Procedure): ArticleDraft | undefined {
  const decisions = p.transitions.filter((t) => t.decision);
  if (decisions.length === 0) return undefined;
  // "la décision du juge de clore l’instruction (troisième alinéa de l’article 8)": no screen label quoted.
  if (isLanguageV2(p)) return typedRemediesArticle(p);
  const item = (t: (typeof decisions)[number]) => decisionItem(p, t);
  const blocks: Block[] = [];
  const closed = decisions.filter((t) => t.decision?.appeal === false);
  const open = decisions.filter((t) => t.decision?.appeal === true);
  if (closed.length)
    blocks.push({
      kind: 'list',
      intro: 'Ne sont susceptibles d’aucun recours les décisions suivantes :',
      items: closed.map(item),
    });
  if (open.length) {
    blocks.push({
      kind: 'list',
      intro: 'Peuvent faire l’objet d’un recours, selon le droit commun, les décisions suivantes :',
      items: open.map(item),
    });
  }
  return {
    key: 'recours',
    title: 'Décisions et voies de recours',
    blocks,
    diagram: 'procedure',
    refs: decisions.map(specRef),
  };
}
