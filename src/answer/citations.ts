import type { Article } from '../corpus/types.js';
import type { Citation } from './types.js';

export class CitationError extends Error {
  override readonly name = 'CitationError';
}

/**
 * Builds a citation for `article.text.slice(start, end)` and checks it really is that text: a citation that
 * does not quote its article verbatim is a bug, never something to show.
 */
export function cite(
  n: number,
  article: Article,
  paragraph: number,
  start: number,
  end: number,
  text?: string,
): Citation {
  const quoted = article.text.slice(start, end);
  if (quoted.length === 0 || (text !== undefined && text !== quoted)) {
    throw new CitationError(`citation ${n} does not match ${article.id} at ${start}–${end}`);
  }
  return {
    n,
    article: article.id,
    articleTitle: article.metadata.title,
    paragraph,
    text: quoted,
    start,
    end,
  };
}

/** Where a citation stands, for a reader: "¶4", or "article details" for the front matter (paragraph 0). */
export function paragraphLabel(paragraph: number): string {
  return paragraph === 0 ? 'article details' : `¶${paragraph}`;
}
