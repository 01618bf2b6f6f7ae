import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { Article, Sentence } from '../corpus/types.js';
import { comparisonVector, type TextEmbedder } from '../embeddings/types.js';
import { fuseKeepingLeaders } from './fusion.js';
import type { Passage, PassageIndex } from './passageIndex.js';
import {
  questionTermsFor,
  rerankSentences,
  type PreparedQuery,
  type RankedSentence,
} from './sentenceRerank.js';
import type { StandIns } from './termMatcher.js';

export interface RetrieveOptions {
  /** Only passages of this article. */
  article?: string;
  /** How many passages to return. Default 8. */
  limit?: number;
  /** Words standing for question terms (people the question names by role), used when re-ranking sentences. */
  standIns?: StandIns;
}

export interface RankedPassage {
  passage: Passage;
  /** Reciprocal-rank-fusion score of the vector and lexical rankings. */
  fused: number;
  similarity: number;
  lexical: number;
}

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  /** Returns the index to search at call time, so a reindex can swap it without rebuilding the retriever. */
  index: () => PassageIndex;
  embedder: TextEmbedder;
  /** Candidates taken from each list before fusion. Default 30. */
  candidates?: number;
  /** Sentences returned as documents by the LangChain interface. Default 5. */
  documents?: number;
}

/**
 * Hybrid retrieval: a vector ranking (semantic: "envoy" finds "ambassador") and a BM25 ranking (exact: names,
 * numbers, rare words) fused by reciprocal rank, then the sentences of the best passages re-ranked against the
 * question. As a LangChain `BaseRetriever` it returns those sentences as `Document`s whose metadata says where
 * each stands in its article.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ['article_bot', 'retrieval'];
  private readonly index: () => PassageIndex;
  private readonly embedder: TextEmbedder;
  private readonly candidates: number;
  private readonly documentCount: number;

  constructor({ index, embedder, candidates = 30, documents = 5, ...fields }: HybridRetrieverOptions) {
    super(fields);
    this.index = index;
    this.embedder = embedder;
    this.candidates = candidates;
    this.documentCount = documents;
  }

  /** Embeds the query and weighs its terms once, for the passage ranking and the sentence re-ranking alike. */
  prepare(query: string): PreparedQuery {
    return {
      text: query,
      vector: this.embedder.embed(query),
      comparison: comparisonVector(this.embedder, query),
      terms: questionTermsFor(query, this.index(), this.embedder),
    };
  }

  rankPassages(query: string | PreparedQuery, { article, limit = 8 }: RetrieveOptions = {}): RankedPassage[] {
    const index = this.index();
    const prepared = typeof query === 'string' ? this.prepare(query) : query;
    // An article's passages are consecutive: its filter is a range check.
    const range = article === undefined ? undefined : (index.passagesOf(article) ?? { first: 0, end: 0 });
    const accept = range && ((label: number) => label >= range.first && label < range.end);
    const vectorHits = index.graph.search(prepared.vector, this.candidates, accept);
    const lexicalHits = index.lexical.search(prepared.text, this.candidates, accept);
    const fused = fuseKeepingLeaders(
      [vectorHits.map((hit) => hit.label), lexicalHits.map((hit) => hit.index)],
      { limit },
    );
    const similarity = new Map(vectorHits.map((hit) => [hit.label, hit.similarity]));
    const lexical = new Map(lexicalHits.map((hit) => [hit.index, hit.score]));
    return fused.flatMap(([label, score]) => {
      const passage = index.passage(label);
      return passage
        ? [
            {
              passage,
              fused: score,
              similarity: similarity.get(label) ?? 0,
              lexical: lexical.get(label) ?? 0,
            },
          ]
        : [];
    });
  }

  /** Up to `count` sentences after this one in its article, across paragraph breaks. */
  sentencesAfter(article: Article, sentence: Sentence, count: number): Sentence[] {
    const index = this.index();
    const found = index
      .sentencesOf(article, sentence.paragraph)
      .filter((next) => next.start > sentence.start);
    for (let paragraph = sentence.paragraph + 1; found.length < count; paragraph++) {
      const sentences = index.sentencesOf(article, paragraph);
      if (sentences.length === 0) break;
      found.push(...sentences);
    }
    return found.slice(0, count);
  }

  /** The `count` sentences before `sentence` in its article, nearest first, across paragraphs. */
  sentencesBefore(article: Article, sentence: Sentence, count: number): Sentence[] {
    const index = this.index();
    const found = index
      .sentencesOf(article, sentence.paragraph)
      .filter((previous) => previous.start < sentence.start)
      .reverse();
    for (let paragraph = sentence.paragraph - 1; found.length < count && paragraph >= 0; paragraph--) {
      found.push(...index.sentencesOf(article, paragraph).toReversed());
    }
    return found.slice(0, count);
  }

  rankSentences(query: string | PreparedQuery, options: RetrieveOptions = {}): RankedSentence[] {
    const prepared = typeof query === 'string' ? this.prepare(query) : query;
    return rerankSentences(
      prepared,
      this.rankPassages(prepared, options),
      this.index(),
      this.embedder,
      options.standIns,
    );
  }

  override _getRelevantDocuments(query: string): Promise<Document[]> {
    return Promise.resolve(
      this.rankSentences(query)
        .slice(0, this.documentCount)
        .map(
          (ranked) =>
            new Document({
              pageContent: ranked.sentence.text,
              metadata: {
                article: ranked.article.id,
                title: ranked.article.metadata.title,
                paragraph: ranked.sentence.paragraph,
                start: ranked.sentence.start,
                end: ranked.sentence.end,
                score: ranked.score,
              },
            }),
        ),
    );
  }
}
