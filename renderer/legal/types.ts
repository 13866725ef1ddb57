/**
 * The legal text as data: numbered articles made of paragraphs and lists.
 * Texts may hold cross-references `[[art:KEY]]`, resolved to "article N"
 * once articles are numbered; each output (plain, HTML, Markdown) renders them.
 */
import type { Loc } from '../../spec/index.ts';

/**
 * `keys`: cross-reference keys resolving to this block's alinéa ("acte:12"
 * → "troisième alinéa de l’article 5"); `loc`: the spec item the block's
 * words come from, and `drafted` when they are the drafter's own text
 * (text.fr, description) rather than the renderer's phrasing: the drafting
 * checker points its diagnostics there.
 */
interface BlockSource {
  readonly anchor?: string;
  readonly keys?: readonly string[];
  readonly loc?: Loc;
  readonly drafted?: boolean;
}

export type Block =
  | ({ readonly kind: 'p'; readonly text: string } & BlockSource)
  | ({
      readonly kind: 'list';
      readonly intro: string;
      readonly items: readonly string[];
      /** Cross-reference keys resolving to each item's alinéa (one act per item: "quatrième alinéa"). */
      readonly itemKeys?: readonly (readonly string[])[];
    } & BlockSource);

/** The spec item an article comes from, shown beside it with its provenance. */
export interface SpecRef {
  readonly label: string;
  readonly loc: Loc;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
}

export interface ArticleDraft {
  /** Stable key cross-references use ("phase:instruction", "delais"). */
  readonly key: string;
  /** Further keys resolving to this article ("delai:delai_critique", "ruleset:eligibilite"). */
  readonly aliases?: readonly string[];
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Id of the diagram that shows what the article says. */
  readonly diagram?: string;
  readonly refs: readonly SpecRef[];
}

export interface Article extends ArticleDraft {
  readonly number: number;
}

export interface LegalText {
  readonly title: string;
  readonly subtitle: string;
  readonly articles: readonly Article[];
}

/** A cross-reference to the article carrying `key` ("article 7"), or to the alinéa of an act (`acte:INDEX`). */
export const artRef = (key: string): string => `[[art:${key}]]`;

/** Where a cross-reference points: an article, or one of its alinéas. */
export interface RefTarget {
  readonly number: number;
  readonly alinea?: number;
}

export const REF_PATTERN = /\[\[art:([^\]]+)\]\]/g;
