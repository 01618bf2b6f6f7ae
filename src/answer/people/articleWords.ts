import { splitSentences } from '../../corpus/sentences.js';
import type { Article, Sentence } from '../../corpus/types.js';
import { tagWords, type Word } from './words.js';

export interface ArticleWords {
  sentences: Sentence[];
  words: Word[];
}

/** Tagging is the slow step, and /who and /timeline both need it: each article is tagged once per index build. */
const cache = new WeakMap<Article, ArticleWords>();

/** The article's sentences and compromise-tagged words. */
export function articleWords(article: Article): ArticleWords {
  const cached = cache.get(article);
  if (cached) return cached;
  const sentences = splitSentences(article.text, article.paragraphs);
  const reading = { sentences, words: tagWords(article.text, sentences) };
  cache.set(article, reading);
  return reading;
}
