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
 */
export class Bm25Index {
  private readonly postings = new Map<string, { document: number; frequency: number }[]>();
  private readonly lengths: Uint32Array;
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(documents: readonly string[], { k1 = 1.2, b = 0.75 }: Bm25Options = {}) {
    this.k1 = k1;
    this.b = b;
    this.lengths = new Uint32Array(documents.length);
    let total = 0;
    documents.forEach((text, document) => {
      const terms = contentTerms(text);
      this.lengths[document] = terms.length;
      total += terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, frequency] of counts) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ document, frequency });
      }
    });
    this.averageLength = documents.length === 0 ? 1 : Math.max(1, total / documents.length);
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency; a term the corpus never uses gets the highest value a term can have. */
  idf(term: string): number {
    const frequency = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.documentCount - frequency + 0.5) / (frequency + 0.5));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  search(query: string, limit: number, accept?: (index: number) => boolean): LexicalHit[] {
    const scores = new Map<number, number>();
    for (const term of new Set(contentTerms(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { document, frequency } of list) {
        if (accept && !accept(document)) continue;
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[document] ?? 0)) / this.averageLength);
        const gain = (idf * frequency * (this.k1 + 1)) / (frequency + norm);
        scores.set(document, (scores.get(document) ?? 0) + gain);
      }
    }
    return [...scores]
      .map(([index, score]) => ({ index, score }))
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .slice(0, limit);
  }
}
