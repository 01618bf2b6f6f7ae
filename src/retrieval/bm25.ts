import { contentTerms } from '../corpus/tokens.js';

export interface Bm25Options {
  /** Term-frequency saturation. Default 1.2. */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full). Default 0.75. */
  b?: number;
}

export interface LexicalHit {
  index: number;
  score: number;
}

/**
 * Okapi BM25 over content terms (folded, stopwords dropped, lightly stemmed):
 * score(d, q) = Σ_t idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 * with idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)) so a term in every document still scores ≥ 0.
 * Two implementations share a contract suite: documents held in memory, and an index generation's postings.
 */
export interface LexicalIndex {
  readonly documentCount: number;
  /** Inverse document frequency; a term the corpus never uses gets the highest value a term can have. */
  idf(term: string): number;
  has(term: string): boolean;
  /** The `limit` best documents for `query`, best first (ties by index), among those `accept` keeps. */
  search(query: string, limit: number, accept?: (index: number) => boolean): LexicalHit[];
}

/** What BM25 needs of a collection, however it is stored. */
export interface TermStatistics {
  readonly documentCount: number;
  readonly averageLength: number;
  lengthOf(document: number): number;
  /** The documents holding `term`, and how often; documents in any order, each once. */
  postings(term: string): { rows: ArrayLike<number>; counts: ArrayLike<number> };
}

/**
 * BM25 over `TermStatistics`. Scores accumulate in one array of the collection's size, reused by every search,
 * so a frequent term's hundreds of thousands of postings cost a pass over typed arrays, not a map insert each;
 * the best `limit` are then picked in one pass (a short sorted list), not by sorting every document touched.
 */
export class PostingsBm25 implements LexicalIndex {
  private readonly k1: number;
  private readonly b: number;
  private scores: Float64Array | undefined;
  /** The documents the current search has scored, `touchedCount` of them. */
  private touched: Uint32Array | undefined;
  /** `k1 · (1 − b + b·|d|/avgdl)` of every document, computed once: the hot loop then only adds. */
  private norms: Float64Array | undefined;

  constructor(
    private readonly statistics: TermStatistics,
    { k1 = 1.2, b = 0.75 }: Bm25Options = {},
  ) {
    this.k1 = k1;
    this.b = b;
  }

  get documentCount(): number {
    return this.statistics.documentCount;
  }

  idf(term: string): number {
    return this.idfOf(this.statistics.postings(term).rows.length);
  }

  /** The idf of a term in `frequency` documents: search has the postings in hand and does not fetch them again. */
  private idfOf(frequency: number): number {
    return Math.log(1 + (this.documentCount - frequency + 0.5) / (frequency + 0.5));
  }

  has(term: string): boolean {
    return this.statistics.postings(term).rows.length > 0;
  }

  search(query: string, limit: number, accept?: (index: number) => boolean): LexicalHit[] {
    const { statistics, k1, b } = this;
    this.scores ??= new Float64Array(statistics.documentCount);
    this.touched ??= new Uint32Array(statistics.documentCount);
    this.norms ??= Float64Array.from(
      { length: statistics.documentCount },
      (_, document) => k1 * (1 - b + (b * statistics.lengthOf(document)) / statistics.averageLength),
    );
    const { scores, touched, norms } = this;
    const saturation = k1 + 1;
    let touchedCount = 0;
    for (const term of new Set(contentTerms(query))) {
      const { rows, counts } = statistics.postings(term);
      if (rows.length === 0) continue;
      const idf = this.idfOf(rows.length);
      for (let position = 0; position < rows.length; position++) {
        const document = rows[position] ?? 0;
        if (accept && !accept(document)) continue;
        const frequency = counts[position] ?? 0;
        if (scores[document] === 0) touched[touchedCount++] = document;
        scores[document] =
          (scores[document] ?? 0) + (idf * frequency * saturation) / (frequency + (norms[document] ?? 0));
      }
    }
    const best: LexicalHit[] = [];
    for (let position = 0; position < touchedCount; position++) {
      const index = touched[position] ?? 0;
      const score = scores[index] ?? 0;
      scores[index] = 0;
      if (limit <= 0) continue;
      const worst = best[best.length - 1];
      if (best.length === limit && worst && !ranksBefore(score, index, worst)) continue;
      let at = best.length;
      while (at > 0 && ranksBefore(score, index, best[at - 1] as LexicalHit)) at--;
      best.splice(at, 0, { index, score });
      if (best.length > limit) best.pop();
    }
    return best;
  }
}

/** Higher score first, then the lower index: the order of every search's results. */
function ranksBefore(score: number, index: number, other: LexicalHit): boolean {
  return score > other.score || (score === other.score && index < other.index);
}

/** BM25 over documents given in memory (tests, small collections): their postings are built here. */
export class Bm25Index implements LexicalIndex {
  private readonly postingsByTerm = new Map<string, { rows: number[]; counts: number[] }>();
  private readonly lengths: Uint32Array;
  private readonly scoring: PostingsBm25;

  constructor(documents: readonly string[], options: Bm25Options = {}) {
    this.lengths = new Uint32Array(documents.length);
    let total = 0;
    documents.forEach((text, document) => {
      const terms = contentTerms(text);
      this.lengths[document] = terms.length;
      total += terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, frequency] of counts) {
        let list = this.postingsByTerm.get(term);
        if (!list) this.postingsByTerm.set(term, (list = { rows: [], counts: [] }));
        list.rows.push(document);
        list.counts.push(frequency);
      }
    });
    const averageLength = documents.length === 0 ? 1 : Math.max(1, total / documents.length);
    const empty = { rows: [], counts: [] };
    this.scoring = new PostingsBm25(
      {
        documentCount: documents.length,
        averageLength,
        lengthOf: (document) => this.lengths[document] ?? 0,
        postings: (term) => this.postingsByTerm.get(term) ?? empty,
      },
      options,
    );
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    return this.scoring.idf(term);
  }

  has(term: string): boolean {
    return this.postingsByTerm.has(term);
  }

  search(query: string, limit: number, accept?: (index: number) => boolean): LexicalHit[] {
    return this.scoring.search(query, limit, accept);
  }
}
