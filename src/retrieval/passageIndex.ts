import { splitSentences } from '../corpus/sentences.js';
import { contentTerms, MONTHS } from '../corpus/tokens.js';
import type { Article, Sentence } from '../corpus/types.js';
import type { CatalogArticle, LoadedGeneration, VectorIndex } from '../index/index.js';
import { PostingsBm25, type LexicalIndex } from './bm25.js';
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
 * Everything retrieval reads of an index generation: articles and passages (read from the generation on first
 * use: a large corpus's text stays on disk until a question reaches it), the lexical index over the
 * generation's postings, sentences per paragraph. Immutable, so a reindex swaps in a new instance while
 * questions in flight finish on the one they started with.
 */
export class PassageIndex {
  /** Every article served, by id, as the manifest lists it (metadata, no text). */
  readonly catalog: ReadonlyMap<string, CatalogArticle>;
  readonly lexical: LexicalIndex;
  private readonly sentencesByParagraph = new Map<string, Sentence[]>();
  private readonly sentenceVectors = new Map<string, number[]>();
  private readonly sentenceWords = new Map<string, PreparedText>();
  private readonly articleWords = new Map<string, PreparedText>();
  private readonly sentenceFrequencies = new Map<string, SentenceFrequencies>();

  constructor(readonly generation: LoadedGeneration) {
    this.catalog = new Map(generation.articles.map((article) => [article.id, article]));
    this.lexical = new PostingsBm25(generation.terms);
  }

  get graph(): VectorIndex {
    return this.generation.graph;
  }

  /** Passages (chunks) served, numbered 0..passageCount-1 in corpus order. */
  get passageCount(): number {
    return this.generation.chunks.count;
  }

  /** The article with this id, with its text (read on first use). */
  article(id: string): Article | undefined {
    const ordinal = this.generation.ordinal(id);
    return ordinal === undefined ? undefined : this.generation.article(ordinal);
  }

  /** Passage `label` with its article's text. */
  passage(label: number): Passage | undefined {
    const { chunks } = this.generation;
    if (label < 0 || label >= chunks.count) return undefined;
    const article = this.generation.article(chunks.article[label] ?? 0);
    if (!article) return undefined;
    const start = chunks.start[label] ?? 0;
    const end = chunks.end[label] ?? 0;
    return {
      label,
      article,
      paragraph: chunks.paragraph[label] ?? 1,
      start,
      end,
      text: article.text.slice(start, end),
    };
  }

  /** The passages of one article: labels `first` (inclusive) to `end` (exclusive); undefined for an unknown id. */
  passagesOf(id: string): { first: number; end: number } | undefined {
    const ordinal = this.generation.ordinal(id);
    if (ordinal === undefined) return undefined;
    const { firstRow } = this.generation.chunks;
    return { first: firstRow[ordinal] ?? 0, end: firstRow[ordinal + 1] ?? 0 };
  }

  /** Sentences of one paragraph, split on first use (most paragraphs are never a candidate). */
  sentencesOf(article: Article, paragraph: number): Sentence[] {
    const key = `${article.id}\u0000${paragraph}`;
    let sentences = this.sentencesByParagraph.get(key);
    if (!sentences) {
      const found = article.paragraphs.find((candidate) => candidate.number === paragraph);
      sentences = found ? splitSentences(article.text, [found]) : [];
      if (this.sentencesByParagraph.size >= MAX_CACHED_PARAGRAPHS) this.sentencesByParagraph.clear();
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
      // Every sentence of the article is read once here, and not kept: caching each one's words (wordsOf)
      // held megabytes per long article, for the few sentences a question ever looks at again.
      for (const paragraph of article.paragraphs) {
        for (const sentence of splitSentences(article.text, [paragraph])) {
          sentences++;
          // Only which stems it has: none of the offsets, word families and initialisms matching needs.
          for (const stem of new Set(contentTerms(sentence.text)))
            counts.set(stem, (counts.get(stem) ?? 0) + 1);
        }
      }
      frequencies = { sentences, counts };
      if (this.sentenceFrequencies.size >= MAX_CACHED_FREQUENCIES) this.sentenceFrequencies.clear();
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

/**
 * Bounds of the caches above, by what they cost: a sentence's prepared words take a few kilobytes and a whole
 * article's several hundred, so these keep a serving process's memory within a few hundred megabytes however
 * long it runs and however large the corpus (all of them are needed only for the stories being asked about).
 */
const MAX_CACHED_SENTENCES = 50_000;
const MAX_CACHED_PARAGRAPHS = 50_000;
/** Whole articles' prepared words: a long article's take several hundred kilobytes. */
const MAX_CACHED_ARTICLES = 512;
/** Stem counts of an article: tens of kilobytes. */
const MAX_CACHED_FREQUENCIES = 4096;

/** "2013-12-10" → "December 10 2013"; partial dates as far as they go. */
export function datelineText(published: string | undefined): string {
  const [year, month, day] = (published ?? '').split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  return [monthName, day ? String(Number(day)) : undefined, year].filter(Boolean).join(' ');
}
