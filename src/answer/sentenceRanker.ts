import nlp from 'compromise';
import { opensOnPronoun, splitSentences } from '../corpus/sentences.js';
import { contentTerms, foldedWords, STOPWORDS } from '../corpus/tokens.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { initialismsOf, type QuestionTerm } from '../retrieval/termMatcher.js';
import { quotesSomeone, shapeScore, speaksAfterNaming } from './answerShape.js';
import { entityTypeMatch } from './answerType.js';
import type { EntityType } from './entities.js';
import type { QuestionKind } from './question.js';

/**
 * What the ranker knows of a candidate sentence, each scaled to about 0–1. The names are the model's
 * contract with `scripts/eval.ts`, which fits the ranking weights over them.
 */
export const RANKING_FEATURES = [
  /** Weighted share of question terms in the sentence (synonyms count by closeness). */
  'coverage',
  /** What the paragraph's earlier sentences add to that ("she" in the sentence, the name before it). */
  'contextGain',
  /** What the sentence just before it adds, across a paragraph break (a quote after "X commented"). */
  'previousGain',
  /** Weighted share of question terms its article has anywhere (headline and date included). */
  'articleCoverage',
  /** Coverage with terms weighed by how few of the article's sentences hold them (see `localCoverage`). */
  'localCoverage',
  /** Weighted share of question terms the sentence has word for word. */
  'exactCoverage',
  /** Share of the question's adjacent term pairs standing close together in the sentence. */
  'phrases',
  /** The longest run of the question's words, in order, that the sentence repeats (as a share of the question). */
  'copiedRun',
  /** Cosine of question and sentence embeddings. */
  'similarity',
  /** The retrieval score of the passage it came from, relative to the best passage. */
  'passage',
  /** The sentence has the form of an answer (a date for "when"), the question's own words included. */
  'shape',
  /** The same form outside the question's own words: "in 1191" does not answer "who ruled Cyprus in 1191?". */
  'newShape',
  /**
   * The sentence has the exact form the question sets: a number with the counted noun ("how many soldiers"),
   * or the named one speaking ("what did the clinic say"). Much rarer than a plain shape, and surer.
   */
  'expectedForm',
  /**
   * It names an entity of the kind the question asks for that the question does not name (a person for "who",
   * a company for "which carmaker"): 1, or 0.5 for a near kind (see `entityTypeMatch`).
   */
  'entityType',
  /**
   * How close the sentence's own words come to the thing asked for ("which country" → "Britain", "what
   * religion" → "Catholicism"): the answer is usually a word of that kind that the question does not contain.
   */
  'answerType',
  /** How many content words the sentence adds to the question's (capped at ten): an answer says something new. */
  'newWords',
  /** For a question asking for someone's words, the sentence quotes someone (`quotesSomeone`). */
  'quoted',
  /** Log of the sentence's length: long sentences share words with any question by chance. */
  'length',
  /** It opens on a pronoun, so what it is about was named before it. */
  'pronounStart',
  /**
   * Coverage of the question's detail terms: those neither its article's headline nor its lead sentence has.
   * Words that pick out the story ("GM's 2009 buyout package") are in the lead and rarely repeated by the
   * sentence giving the detail asked for; the sentence that has the detail terms is the one that answers.
   */
  'detailCoverage',
] as const;

export type RankingFeature = (typeof RANKING_FEATURES)[number];
export type RankingFeatures = Record<RankingFeature, number>;

/**
 * Ranking scores this close (in log-odds) are a tie in practice: the answerer then quotes both sentences, and
 * answerability counts both as shown.
 */
export const CLOSE_CALL = 0.4;

export interface RankingQuestion {
  kind: QuestionKind;
  /** The form a quantity or a speaker must take, when the question sets one (see `answerShape`). */
  expected: RegExp | undefined;
  /** The question asks what someone said, so `expected` is that someone speaking. */
  speaker: boolean;
  /** The question asks for someone's words ("how did X describe…", `asksForStatement`). */
  statement: boolean;
  terms: readonly QuestionTerm[];
  /** The question's folded words, question words ("who", "what") left out. */
  words: readonly string[];
  /** The noun after "what" or "which" ("which country"), the kind of thing the answer is. */
  answerType: string | undefined;
  /** The kinds of entity that answer it (`expectedEntityTypes`); empty when it asks for none. */
  entityTypes: readonly EntityType[];
  /** Word-vector cosine of two folded words. */
  relatedness: (left: string, right: string) => number;
}

export function rankingFeatures(question: RankingQuestion, candidate: RankedSentence): RankingFeatures {
  const text = candidate.sentence.text;
  const { tokens } = candidate.words;
  const questionStems = new Set(question.terms.map((term) => term.stem));
  let contentWords = 0;
  let newWords = 0;
  let answerType = 0;
  for (const token of tokens) {
    if (!token.content) continue;
    contentWords++;
    if (questionStems.has(token.stem)) continue;
    newWords++;
    if (question.answerType && token.word.length >= 3 && !/\d/.test(token.word)) {
      answerType = Math.max(answerType, question.relatedness(question.answerType, token.word));
    }
  }
  const total = candidate.matches.reduce((sum, match) => sum + match.term.weight, 0) || 1;
  const exact = candidate.matches.reduce(
    (sum, match) => sum + (match.strength >= 1 ? match.term.weight : 0),
    0,
  );
  const shape =
    question.speaker && speaksAfterNaming(candidate) ? 1 : shapeScore(question.kind, text, question.expected);
  const copied = longestCopiedRun(
    question.words,
    tokens.map((token) => token.folded),
  );
  return {
    coverage: candidate.coverage,
    contextGain: candidate.contextCoverage - candidate.coverage,
    previousGain: candidate.previousCoverage - candidate.coverage,
    articleCoverage: candidate.articleCoverage,
    localCoverage: candidate.localCoverage,
    exactCoverage: exact / total,
    phrases: candidate.phrases,
    copiedRun: question.words.length === 0 ? 0 : Math.min(copied, 6) / Math.min(question.words.length, 6),
    similarity: candidate.similarity,
    passage: candidate.passageScore,
    shape,
    // A quantity's or a speaker's expected form includes the question's own words ("how many soldiers").
    // Blanking only removes words, so a sentence without the shape cannot have it once blanked.
    newShape:
      question.expected || shape === 0 ? 0 : shapeScore(question.kind, withoutQuestionWords(candidate)),
    expectedForm: question.expected ? shape : 0,
    entityType: entityTypeMatch(question.entityTypes, candidate, question.answerType),
    answerType,
    quoted: question.statement && quotesSomeone(text) ? 1 : 0,
    newWords: Math.min(newWords, 10) / 10,
    length: Math.log1p(contentWords) / Math.log(40),
    pronounStart: opensOnPronoun(text) ? 1 : 0,
    detailCoverage: detailCoverage(candidate),
  };
}

const storyStemsOf = new WeakMap<RankedSentence['article'], ReadonlySet<string>>();

/**
 * The stems of an article's headline and lead sentence (the first of its first paragraph): the words that name
 * its story.
 */
export function storyStems(article: RankedSentence['article']): ReadonlySet<string> {
  let stems = storyStemsOf.get(article);
  if (!stems) {
    const [first] = article.paragraphs;
    const lead = first ? (splitSentences(article.text, [first])[0]?.text ?? '') : '';
    const story = `${article.metadata.title} ${lead}`;
    stems = new Set([...contentTerms(story), ...initialismsOf(story)]);
    storyStemsOf.set(article, stems);
  }
  return stems;
}

/**
 * Weighted share of the question's terms outside its article's story words that the sentence has (by match
 * strength); the plain coverage when every term names the story.
 */
export function detailCoverage(candidate: Pick<RankedSentence, 'article' | 'matches' | 'coverage'>): number {
  const story = storyStems(candidate.article);
  const details = candidate.matches.filter((match) => !story.has(match.term.stem));
  const total = details.reduce((sum, match) => sum + match.term.weight, 0);
  if (total === 0) return candidate.coverage;
  return details.reduce((sum, match) => sum + match.strength * match.term.weight, 0) / total;
}

const COUNTED: ReadonlySet<QuestionKind> = new Set(['how-many', 'how-much']);

/**
 * The order answers are taken in: by score, except that "how many" and "how much" are answered by a number and
 * never without one, and "what did she say" by her speaking, so for those a sentence without that form comes
 * after every sentence that has it, however well it covers the question. ("When" can be answered by an event:
 * "until the oil shock".)
 */
export function answerOrder(
  question: Pick<RankingQuestion, 'kind' | 'speaker'>,
): (left: { shape: number; score: number }, right: { shape: number; score: number }) => number {
  const formRequired = COUNTED.has(question.kind) || question.speaker;
  return (left, right) =>
    Number(formRequired && left.shape === 0) - Number(formRequired && right.shape === 0) ||
    right.score - left.score;
}

/**
 * A linear model over `RANKING_FEATURES`: the score's differences are log-odds that one sentence rather than
 * the other holds the answer. The weights are fitted by `scripts/eval.ts` (see `AnswerModels`).
 */
export function rankingScore(features: RankingFeatures, weights: RankingFeatures): number {
  return RANKING_FEATURES.reduce((sum, name) => sum + weights[name] * features[name], 0);
}

/**
 * Length of the longest run of consecutive question words that the sentence has in the same order. Questions
 * are often written from the sentence that answers them, and a copied run ("the humoral theory of immunity")
 * says so better than the words one by one. A run of stopwords alone ("of the") counts for nothing.
 */
export function longestCopiedRun(questionWords: readonly string[], sentenceWords: readonly string[]): number {
  let longest = 0;
  let previous = new Array<number>(sentenceWords.length + 1).fill(0);
  for (const questionWord of questionWords) {
    const current = new Array<number>(sentenceWords.length + 1).fill(0);
    sentenceWords.forEach((sentenceWord, index) => {
      if (sentenceWord !== questionWord) return;
      const run = (previous[index] ?? 0) + 1;
      current[index + 1] = run;
      if (run > longest && !STOPWORDS.has(questionWord)) longest = run;
    });
    previous = current;
  }
  return longest;
}

const AUXILIARIES = new Set(
  'is are was were be been do does did has have had can could will would should may might must'.split(' '),
);
const KIND_WORDS = new Set(['kind', 'type', 'sort', 'form', 'name', 'example']);

/**
 * The noun that says what kind of thing is asked for: the head of the phrase after "which" or "what", the last
 * word before its verb ("which country broke…" → "country", "which Japanese life insurer went bust" →
 * "insurer", "what type of engines does…" → "engines"). `verbs` are the question's words tagged as verbs
 * (the question terms' tags); without them the question is tagged here.
 */
export function answerTypeOf(question: string, verbs?: ReadonlySet<string>): string | undefined {
  const questionWords = foldedWords(question);
  const start = questionWords.findIndex((word) => word === 'what' || word === 'which');
  if (start < 0) return undefined;
  const verbWords = verbs ?? taggedVerbs(question);
  let position = start + 1;
  const at = (offset: number) => questionWords[position + offset] ?? '';
  if (KIND_WORDS.has(at(0)) && at(1) === 'of') position += 2;
  while (/^\d|^(?:two|three|four|five|six|seven|eight|nine|ten|other|main|first|last)$/.test(at(0)))
    position++;
  let head: string | undefined;
  for (let taken = 0; taken < MAX_TYPE_PHRASE; taken++) {
    const word = at(taken);
    if (word.length === 0 || AUXILIARIES.has(word) || STOPWORDS.has(word)) break;
    // The first word is the phrase's even when tagged a verb ("which rival airline", "what cut").
    if (taken > 0 && verbWords.has(word)) break;
    head = word;
  }
  return head !== undefined && head.length >= 3 ? head : undefined;
}

/** "which Japanese life insurer": a kind is named in at most this many words. */
const MAX_TYPE_PHRASE = 4;

function taggedVerbs(question: string): Set<string> {
  const verbs = new Set<string>();
  for (const term of nlp(question).docs.flat()) {
    const tags = term.tags ?? new Set<string>();
    if (tags.has('Verb') && !tags.has('Noun')) for (const word of foldedWords(term.text)) verbs.add(word);
  }
  return verbs;
}

/**
 * The sentence with the question's own content words blanked out (in lower case, so they no longer look like
 * names or dates), so what remains is what it adds. Blanks are as long as the words, so offsets still hold.
 * Reads the sentence's prepared tokens, so nothing is tokenised again.
 */
export function withoutQuestionWords(
  candidate: Pick<RankedSentence, 'sentence' | 'words' | 'matches'>,
): string {
  const questionStems = new Set(candidate.matches.map((match) => match.term.stem));
  const { text } = candidate.sentence;
  let blanked = '';
  let from = 0;
  for (const token of candidate.words.tokens) {
    if (!token.content || !questionStems.has(token.stem)) continue;
    blanked += text.slice(from, token.start) + 'x'.repeat(token.end - token.start);
    from = token.end;
  }
  return blanked + text.slice(from);
}
