/**
 * The legal text as data: numbered articles made of paragraphs and lists.
 * Texts may hold cross-references `[[art:KEY]]`, resolved to "article N"
 * once articles are numbered; each output (plain, HTML, Markdown) renders them.
 */
import type { Loc } from '../../spec/index.ts';

export type Block =
  | { readonly kind: 'p'; readonly text: string; readonly anchor?: string }
  | {
      readonly kind: 'list';
      readonly intro: string;
      readonly items: readonly string[];
      readonly anchor?: string;
    };

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

/** A cross-reference to the article carrying `key`. */
export const artRef = (key: string): string => `[[art:${key}]]`;

export const REF_PATTERN = /\[\[art:([^\]]+)\]\]/g;
