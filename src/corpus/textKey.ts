import { createHash } from 'node:crypto';
import { foldedWords } from './tokens.js';

/**
 * The article's words, folded and joined, hashed: the same story copied twice (from another link, with other
 * markup or white space) has the same key. The index records it for every article, so adding one compares it
 * with them all without reading their text.
 */
export function textKey(paragraphs: readonly string[]): string {
  return createHash('sha256')
    .update(foldedWords(paragraphs.join('\n')).join(' '))
    .digest('hex');
}
