import { STOPWORDS, foldText, foldedWords, stem } from '../corpus/tokens.js';
import type { FeedbackKind, QuestionGap } from './types.js';

export interface RecordedQuestion {
  question: string;
  kind: FeedbackKind;
  articles: readonly string[];
  /** Milliseconds since the epoch. */
  at: number;
}

/** Share of content words two phrasings must have in common (Jaccard) to be one question. */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;
const VARIANTS_SHOWN = 3;
const ARTICLES_SHOWN = 3;

const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which']);

/** The question as typed, without case, accents, spacing or end punctuation: exact repeats share it. */
function phrasingKey(question: string): string {
  return foldText(question)
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.…]+$/u, '')
    .trim();
}

interface Terms {
  /** The question word it opens with ("who", "when"...), which must agree for two questions to be one. */
  asks: string;
  content: ReadonlySet<string>;
}

function termsOf(question: string): Terms {
  const words = foldedWords(question).map((word) => word.replace(/'s$/, ''));
  const asks = words.find((word) => QUESTION_WORDS.has(word)) ?? '';
  return { asks, content: new Set(words.filter((word) => !STOPWORDS.has(word)).map(stem)) };
}

function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared++;
  return shared / (left.size + right.size - shared);
}

interface Phrasing {
  text: string;
  count: number;
  unanswered: number;
  disliked: number;
  lastAt: number;
  articles: Map<string, number>;
  terms: Terms;
}

interface Group {
  phrasings: Phrasing[];
  terms: Terms;
}

/**
 * Groups recorded questions into the questions members keep asking, most frequent first.
 *
 * Exact repeats (ignoring case, accents, spacing and the question mark) are one phrasing. Phrasings are then
 * clustered greedily, most frequent first: each joins the first group whose leading phrasing opens with the same
 * question word and shares at least `NEAR_DUPLICATE_SIMILARITY` of its content words (stopwords dropped,
 * plurals and verb endings stripped) by Jaccard similarity, else it starts a group. "Who is the new mayor?" and
 * "who's the new mayor" are one question; "What did the mayor say about the bridge?" and "…about the budget?"
 * are two. An inverted index from content words to groups keeps this fast on thousands of questions.
 */
export function groupQuestions(records: readonly RecordedQuestion[], limit: number): QuestionGap[] {
  const phrasings = new Map<string, Phrasing>();
  for (const record of records) {
    const key = phrasingKey(record.question);
    if (key === '') continue;
    let phrasing = phrasings.get(key);
    if (!phrasing) {
      phrasing = {
        text: record.question.replace(/\s+/g, ' ').trim(),
        count: 0,
        unanswered: 0,
        disliked: 0,
        lastAt: 0,
        articles: new Map(),
        terms: termsOf(record.question),
      };
      phrasings.set(key, phrasing);
    }
    phrasing.count++;
    if (record.kind === 'unanswered') phrasing.unanswered++;
    else phrasing.disliked++;
    if (record.at >= phrasing.lastAt) {
      // The latest wording of an exact repeat is the one shown.
      phrasing.lastAt = record.at;
      phrasing.text = record.question.replace(/\s+/g, ' ').trim();
    }
    for (const article of record.articles)
      phrasing.articles.set(article, (phrasing.articles.get(article) ?? 0) + 1);
  }

  const groups: Group[] = [];
  const groupsByTerm = new Map<string, Group[]>();
  const ordered = [...phrasings.values()].sort(
    (left, right) => right.count - left.count || right.lastAt - left.lastAt,
  );
  for (const phrasing of ordered) {
    const candidates = new Set<Group>();
    for (const term of phrasing.terms.content)
      for (const group of groupsByTerm.get(term) ?? []) candidates.add(group);
    const home = [...candidates].find(
      (group) =>
        group.terms.asks === phrasing.terms.asks &&
        jaccard(group.terms.content, phrasing.terms.content) >= NEAR_DUPLICATE_SIMILARITY,
    );
    if (home) {
      home.phrasings.push(phrasing);
      continue;
    }
    const group: Group = { phrasings: [phrasing], terms: phrasing.terms };
    groups.push(group);
    for (const term of phrasing.terms.content)
      groupsByTerm.set(term, [...(groupsByTerm.get(term) ?? []), group]);
  }

  return groups
    .map((group) => summarise(group.phrasings))
    .sort((left, right) => right.count - left.count || right.lastAsked.localeCompare(left.lastAsked))
    .slice(0, limit);
}

function summarise(phrasings: readonly Phrasing[]): QuestionGap {
  const [leading, ...others] = phrasings;
  const articles = new Map<string, number>();
  for (const phrasing of phrasings)
    for (const [article, count] of phrasing.articles)
      articles.set(article, (articles.get(article) ?? 0) + count);
  const sum = (pick: (phrasing: Phrasing) => number): number =>
    phrasings.reduce((total, phrasing) => total + pick(phrasing), 0);
  return {
    question: leading?.text ?? '',
    count: sum((phrasing) => phrasing.count),
    unanswered: sum((phrasing) => phrasing.unanswered),
    disliked: sum((phrasing) => phrasing.disliked),
    variants: others.slice(0, VARIANTS_SHOWN).map((phrasing) => phrasing.text),
    articles: [...articles]
      .sort((left, right) => right[1] - left[1])
      .slice(0, ARTICLES_SHOWN)
      .map(([article]) => article),
    lastAsked: new Date(Math.max(...phrasings.map((phrasing) => phrasing.lastAt))).toISOString(),
  };
}
