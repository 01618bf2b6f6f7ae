import { splitSentences } from '../corpus/sentences.js';
import { MONTHS } from '../corpus/tokens.js';
import type { Article, Sentence } from '../corpus/types.js';
import type { LoadedGeneration, VectorIndex } from '../index/index.js';
import { Bm25Index } from './bm25.js';
import { TermMatcher, type PreparedText } from './termMatcher.js';

export interface Passage {
  label: number;
  article: Article;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/**
 * Everything retrieval reads, resolved once when an index generation is opened: chunk texts sliced from
 * their articles, the lexical index, sentences per paragraph. Immutable, so a reindex swaps in a new
 * instance while questions in flight finish on the one they started with.
 */
export class PassageIndex {
  readonly articles: ReadonlyMap<string, Article>;
  readonly passages: readonly Passage[];
  readonly lexical: Bm25Index;
  private readonly sentencesByParagraph = new Map<string, Sentence[]>();
  private readonly sentenceVectors = new Map<string, number[]>();
  private readonly sentenceWords = new Map<string, PreparedText>();
  private readonly articleWords = new Map<string, PreparedText>();
  private readonly sentenceFrequencies = new Map<string, SentenceFrequencies>();

  constructor(readonly generation: Pick<LoadedGeneration, 'name' | 'manifest' | 'store' | 'graph'>) {
    this.articles = new Map(generation.store.articles.map((article) => [article.id, article]));
    this.passages = generation.store.chunks.map((chunk) => {
      const article = this.articles.get(chunk.articleId);
      if (!article) throw new Error(`chunk ${chunk.label} names unknown article ${chunk.articleId}`);
      return { ...chunk, article, text: article.text.slice(chunk.start, chunk.end) };
    });
    this.lexical = new Bm25Index(this.passages.map((passage) => passage.text));
  }

  get graph(): VectorIndex {
    return this.generation.graph;
  }

  /** Sentences of one paragraph, split on first use (most paragraphs are never a candidate). */
  sentencesOf(article: Article, paragraph: number): Sentence[] {
    const key = `${article.id}\u0000${paragraph}`;
    let sentences = this.sentencesByParagraph.get(key);
    if (!sentences) {
      const found = article.paragraphs.find((candidate) => candidate.number === paragraph);
      sentences = found ? splitSentences(article.text, [found]) : [];
      this.sentencesByParagraph.set(key, sentences);
    }
    return sentences;
  }

  /**
   * A sentence's embedding, computed on first use and kept: the same few sentences are candidates for many
   * questions about a story. Bounded so a huge corpus cannot grow it without limit.
   */
  sentenceVector(article: Article, sentence: Sentence, embed: (text: string) => number[]): number[] {
    const key = `${article.id}\u0000${sentence.start}`;
    let vector = this.sentenceVectors.get(key);
    if (!vector) {
      vector = embed(sentence.text);
      if (this.sentenceVectors.size >= MAX_CACHED_SENTENCES) this.sentenceVectors.clear();
      this.sentenceVectors.set(key, vector);
    }
    return vector;
  }

  /** A sentence's words prepared for term matching, kept like its vector. */
  wordsOf(article: Article, sentence: Sentence): PreparedText {
    const key = `${article.id}\u0000${sentence.start}`;
    let words = this.sentenceWords.get(key);
    if (!words) {
      words = TermMatcher.prepareText(sentence.text);
      if (this.sentenceWords.size >= MAX_CACHED_SENTENCES) this.sentenceWords.clear();
      this.sentenceWords.set(key, words);
    }
    return words;
  }

  /**
   * How many of the article's sentences hold each stem. A story's own names ("GM", "Opel") stand in most of
   * its sentences and tell none of them apart; the words a question shares with one sentence only do.
   */
  sentenceFrequenciesOf(article: Article): SentenceFrequencies {
    let frequencies = this.sentenceFrequencies.get(article.id);
    if (!frequencies) {
      const counts = new Map<string, number>();
      let sentences = 0;
      for (const paragraph of article.paragraphs) {
        for (const sentence of this.sentencesOf(article, paragraph.number)) {
          sentences++;
          for (const stem of this.wordsOf(article, sentence).stems)
            counts.set(stem, (counts.get(stem) ?? 0) + 1);
        }
      }
      frequencies = { sentences, counts };
      if (this.sentenceFrequencies.size >= MAX_CACHED_ARTICLES) this.sentenceFrequencies.clear();
      this.sentenceFrequencies.set(article.id, frequencies);
    }
    return frequencies;
  }

  /**
   * Every word of an article, its headline and its publication date ("2013-12-10" as "December 10 2013"),
   * prepared for matching: what the article as a whole says, which a question uses to name its story ("in
   * December 2013", "the first woman to run a US carmaker") while the answering sentence need not repeat it.
   */
  wordsOfArticle(article: Article): PreparedText {
    let words = this.articleWords.get(article.id);
    if (!words) {
      words = TermMatcher.prepareText(
        [article.metadata.title, datelineText(article.metadata.published), article.text].join('\n'),
      );
      if (this.articleWords.size >= MAX_CACHED_ARTICLES) this.articleWords.clear();
      this.articleWords.set(article.id, words);
    }
    return words;
  }
}

/** In how many of an article's sentences each stem occurs, for weighing words within the article. */
export interface SentenceFrequencies {
  sentences: number;
  counts: ReadonlyMap<string, number>;
}

const MAX_CACHED_SENTENCES = 200_000;
const MAX_CACHED_ARTICLES = 5_000;

/** "2013-12-10" → "December 10 2013"; partial dates as far as they go. */
export function datelineText(published: string | undefined): string {
  const [year, month, day] = (published ?? '').split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  return [monthName, day ? String(Number(day)) : undefined, year].filter(Boolean).join(' ');
}
