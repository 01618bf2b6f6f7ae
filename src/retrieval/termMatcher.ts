import { foldedWords, stem, STOPWORDS } from '../corpus/tokens.js';
import type { TextEmbedder } from '../embeddings/types.js';
import { dot } from '../index/vectorIndex.js';

export interface QuestionTerm {
  /** The folded word as typed. */
  word: string;
  stem: string;
  /** Importance: inverse document frequency in the corpus (rare terms matter most). */
  weight: number;
  /** Capitalised in the question, not at its start: most likely a name. */
  proper: boolean;
}

/** How close a question term comes to a text: 1 for the same stem, a word-vector similarity otherwise. */
export interface TermMatch {
  term: QuestionTerm;
  strength: number;
  /** The text's word that matched, when one did. */
  matched?: string;
}

/** Below this cosine two different words are not taken as meaning the same thing. */
const SYNONYM_THRESHOLD = 0.62;
/** A synonym counts for less than the word itself: "envoy" for "ambassador" is likely, not certain. */
const SYNONYM_CREDIT = 0.8;

/**
 * Matches question terms against texts by stem, then by word-vector similarity, with word vectors cached:
 * the same few hundred words recur across every question about a corpus.
 */
export class TermMatcher {
  private readonly vectors = new Map<string, number[]>();

  constructor(private readonly embedder: TextEmbedder) {}

  questionTerms(question: string, weightOf: (stem: string) => number): QuestionTerm[] {
    const terms: QuestionTerm[] = [];
    const seen = new Set<string>();
    const rawWords = question.match(/[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu) ?? [];
    rawWords.forEach((raw, position) => {
      const word = foldedWords(raw)[0]?.replace(/'s$/, '');
      if (!word || STOPWORDS.has(word) || QUESTION_WORDS.has(word)) return;
      const termStem = stem(word);
      if (seen.has(termStem)) return;
      seen.add(termStem);
      terms.push({
        word,
        stem: termStem,
        weight: weightOf(termStem),
        proper: position > 0 && /^\p{Lu}/u.test(raw),
      });
    });
    return terms;
  }

  match(terms: readonly QuestionTerm[], text: string): TermMatch[] {
    const textWords = foldedWords(text).map((word) => word.replace(/'s$/, ''));
    const stems = new Set(textWords.map(stem));
    return terms.map((term) => {
      if (stems.has(term.stem)) return { term, strength: 1, matched: term.word };
      let best = 0;
      let matched: string | undefined;
      const termVector = this.vectorOf(term.word);
      for (const word of textWords) {
        if (STOPWORDS.has(word) || word.length < 3) continue;
        const similarity = dot(termVector, this.vectorOf(word));
        if (similarity > best) {
          best = similarity;
          matched = word;
        }
      }
      return best >= SYNONYM_THRESHOLD && matched
        ? { term, strength: best * SYNONYM_CREDIT, matched }
        : { term, strength: 0 };
    });
  }

  private vectorOf(word: string): number[] {
    let vector = this.vectors.get(word);
    if (!vector) {
      vector = this.embedder.embed(word);
      if (this.vectors.size < 100_000) this.vectors.set(word, vector);
    }
    return vector;
  }
}

/** Words that shape a question without naming its topic. */
const QUESTION_WORDS = new Set([
  'what',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'why',
  'how',
  'many',
  'much',
  'did',
  'does',
  'do',
  'say',
  'said',
  'tell',
  'please',
  'article',
  'articles',
]);

/** Weighted share of the question's terms a text covers, 0 to 1. */
export function coverage(matches: readonly TermMatch[]): number {
  const total = matches.reduce((sum, match) => sum + match.term.weight, 0);
  if (total === 0) return 0;
  return matches.reduce((sum, match) => sum + match.term.weight * match.strength, 0) / total;
}
