/** The articles on the file: what parties may upload, who sees what; and the decisions with their recourse. */
import type { DocumentKind, Procedure } from '../../spec/index.ts';
import { formatParameter, joinFr, renderTemplate } from '../../spec/index.ts';
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

/** Decisions the procedure provides for, grouped by whether they may be challenged. */
export function remediesArticle(p: Procedure): ArticleDraft | undefined {
  const decisions = p.transitions.filter((t) => t.decision);
  if (decisions.length === 0) return undefined;
  // "la décision du juge de clore l’instruction (troisième alinéa de l’article 8)": no screen label quoted.
  const item = (t: (typeof decisions)[number]) => {
    const roles = roleLabels(p, t.roles);
    const who = roles.length ? `${joinFr(roles.map(ofDefinite), 'ou')} ` : '';
    const what = lcFirst(stripStop(withoutRoleMention(t.label, roles)));
    const de = /^[aeiouyàâéèêëîïôûüh]/i.test(what) ? 'd’' : 'de ';
    return `la décision ${who}${de}${what} (${artRef(`acte:${t.index}`)})`;
  };
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
