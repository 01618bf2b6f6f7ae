import nlp from 'compromise';
import {
  CALENDAR_WORDS,
  foldedWords,
  foldText,
  stem,
  STOPWORDS,
  WORD,
  wordFamily,
} from '../corpus/tokens.js';
import { comparisonVector, type TextEmbedder } from '../embeddings/types.js';
import { dot } from '../index/vectorIndex.js';

export interface QuestionTerm {
  /** The folded word as typed. */
  word: string;
  stem: string;
  /** Its derivational family (`wordFamily`): "improved" for "improvement". */
  family: string;
  /** Importance: inverse document frequency in the corpus (rare terms matter most). */
  weight: number;
  /** A name (tagged a proper noun): an answer must mention it. */
  proper: boolean;
  /** Tagged a verb: answers often paraphrase verbs ("received" for "granted"), so a missing one is no reason to abstain. */
  verb: boolean;
  /**
   * A word of five letters or more that no article uses: as likely a typo ("targt", "vaule") as a word the
   * articles lack, so it matches a word one letter off, as a name does.
   */
  unseen?: boolean;
  /**
   * Taken from the conversation rather than the question: a follow-up ("and when did it open?") is searched
   * with the turn before it, whose words need not be in the sentence that answers it.
   */
  borrowed?: boolean;
}

/**
 * Words that stand for a question term: "former premier" in a question stands for the person the articles call
 * "former Prime Minister Betssy Chávez", so a sentence naming "Chávez" matches both words. Keyed by term stem,
 * valued by folded name words.
 */
export type StandIns = ReadonlyMap<string, readonly string[]>;

/** One word of a text, where it stands and how it matches. */
export interface TextToken {
  /** Folded as `foldedWords` folds it. */
  folded: string;
  /** The same without a possessive "'s". */
  word: string;
  stem: string;
  family: string;
  /** Offsets in the text. */
  start: number;
  end: number;
  /** Not a stopword. */
  content: boolean;
}

/** A text's matchable words: their stems for exact matches, the distinct longer words for synonyms. */
export interface PreparedText {
  /** Every word in order, stopwords included. */
  tokens: readonly TextToken[];
  stems: ReadonlySet<string>;
  /** Word families (`wordFamily`) of its content words. */
  families: ReadonlySet<string>;
  candidates: readonly string[];
  /** Initials of its runs of capitalised words ("United States" → "us"), which an acronym stands for. */
  initialisms: ReadonlySet<string>;
}

const MAX_REMEMBERED = 200_000;

/** How close a question term comes to a text: 1 for the same stem, a word-vector similarity otherwise. */
export interface TermMatch {
  term: QuestionTerm;
  strength: number;
  /** The text's word that matched, when one did. */
  matched?: string;
}

/**
 * Word-vector cosine at which two different words start to count as meaning the same thing; credit then rises
 * linearly to 1 at cosine 1. GloVe puts many merely related words (numbers, days, "top" and "six") near 0.55,
 * while true paraphrases ("envoy"/"ambassador", "sever"/"break") sit at 0.65 and above.
 */
const SYNONYM_FLOOR = 0.55;

/**
 * Matches question terms against texts by stem, then by word-vector similarity, with word vectors cached:
 * the same few hundred words recur across every question about a corpus.
 */
export class TermMatcher {
  private readonly vectors = new Map<string, number[]>();
  private readonly similarities = new Map<string, Map<string, number>>();
  private remembered = 0;

  constructor(private readonly embedder: TextEmbedder) {}

  /**
   * The question's content terms, tagged by compromise's part-of-speech tagger. A term the corpus never uses
   * is weighed like a typical term rather than the rarest: it matches nothing, so a high weight would only
   * punish every sentence alike, while abstention looks at missing terms on its own.
   */
  questionTerms(
    question: string,
    weightOf: (stem: string) => number,
    known: (stem: string) => boolean,
  ): QuestionTerm[] {
    const terms: QuestionTerm[] = [];
    const seen = new Set<string>();
    // The tagged terms themselves (`docs`), not `.json()`: the same tags at a quarter of the cost.
    let previous = '';
    for (const token of nlp(question).docs.flat()) {
      for (const part of token.text.split(/[-–—/]/)) {
        // "U.S." is one word, "us", which `initialismsOf` finds written out ("United States") or with stops.
        const dotted = DOTTED_WORD.test(part);
        const word = dotted
          ? foldText(part.replace(/\P{L}/gu, ''))
          : foldedWords(part)[0]?.replace(/'s$/, '');
        const after = previous;
        previous = word ?? '';
        if (!word || STOPWORDS.has(word) || QUESTION_WORDS.has(word)) continue;
        // "How old", "how long": the measure asked for, which the answer gives as a number, not as the word.
        if (after === 'how' && HOW_MEASURES.has(word)) continue;
        const termStem = stem(word);
        if (seen.has(termStem)) continue;
        seen.add(termStem);
        const tags = token.tags ?? new Set<string>();
        terms.push({
          word,
          stem: termStem,
          family: wordFamily(word),
          weight: known(termStem) ? weightOf(termStem) : Number.NaN,
          proper: dotted || tags.has('ProperNoun') || (tags.has('Acronym') && /\p{Lu}{2}/u.test(part)),
          verb: tags.has('Verb') && !tags.has('Noun'),
          ...(!known(termStem) && /^\p{L}{5,}$/u.test(word) ? { unseen: true } : {}),
        });
      }
    }
    const knownWeights = terms
      .map((term) => term.weight)
      .filter((weight) => !Number.isNaN(weight))
      .sort();
    const typical = knownWeights[Math.floor(knownWeights.length / 2)] ?? 1;
    // Verbs are the words answers paraphrase most ("received" for "granted") and the most generic, so they
    // count half: a sentence that shares only the question's verb is rarely the answer.
    const form = answerFormWords(question);
    return terms.map((term) => {
      const weight = Number.isNaN(term.weight) ? typical : term.weight;
      const scaled = form.has(term.word) ? weight * FORM_WORD_SHARE : weight;
      return { ...term, weight: term.verb ? scaled / 2 : scaled };
    });
  }

  /** The words of a text as matching needs them; worth keeping for a text that is matched again and again. */
  static prepareText(text: string): PreparedText {
    const tokens = [...text.matchAll(WORD)].map(([token], index, all): TextToken => {
      const folded = foldText(token);
      const word = folded.replace(/'s$/, '');
      const start = all[index]?.index ?? 0;
      return {
        folded,
        word,
        stem: stem(word),
        family: wordFamily(word),
        start,
        end: start + token.length,
        content: !STOPWORDS.has(word),
      };
    });
    const textWords = tokens.filter((token) => token.content).map((token) => token.word);
    return {
      tokens,
      stems: new Set([
        ...tokens.filter((token) => token.content).flatMap((token) => stemsOf(token.stem)),
        ...writtenNumbers(text, tokens),
      ]),
      families: new Set(tokens.filter((token) => token.content).map((token) => token.family)),
      candidates: [...new Set(textWords.filter((word) => word.length >= 3 && !/\d/.test(word)))],
      initialisms: initialismsOf(text),
    };
  }

  /**
   * Matches each term by stem, else by its nearest word of the text in word-vector space. Names and numbers
   * match only exactly (no "nearby" name is the same person).
   */
  match(terms: readonly QuestionTerm[], text: string | PreparedText, standIns?: StandIns): TermMatch[] {
    return this.matcherFor(terms, standIns)(typeof text === 'string' ? TermMatcher.prepareText(text) : text);
  }

  /**
   * `match` for one question over many texts. A word met in several sentences is compared with the question's
   * terms once, all terms at a time: a question's candidates share most of their words, and looking up each
   * word-term pair again for every sentence cost more than the rest of the ranking.
   */
  matcherFor(terms: readonly QuestionTerm[], standIns?: StandIns): (text: PreparedText) => TermMatch[] {
    // Another number, month or weekday is another date or amount, however close its word vector.
    const soft = terms.map((term) => !term.proper && !/\d/.test(term.word) && !CALENDAR_WORDS.has(term.word));
    const softTerms = terms.filter((_, index) => soft[index]);
    // Each term's place among the soft ones, found once per question rather than once per text.
    let softCount = 0;
    const softPosition = soft.map((isSoft) => (isSoft ? softCount++ : -1));
    const byWord = new Map<string, number[]>();
    const similaritiesOf = (word: string): number[] => {
      let found = byWord.get(word);
      if (!found) byWord.set(word, (found = softTerms.map((term) => this.similarity(term.word, word))));
      return found;
    };
    return ({ tokens, stems, candidates, initialisms }) => {
      const matches: (TermMatch | undefined)[] = terms.map((term, index): TermMatch | undefined => {
        if (stems.has(term.stem)) return { term, strength: 1, matched: term.word };
        if (term.proper && initialisms.has(term.word)) return { term, strength: 1 };
        const standIn = standInFound(term, { stems, initialisms }, standIns);
        if (standIn) return { term, strength: 1, matched: standIn };
        if (term.proper) {
          const spelled = candidates.find((word) => misspelling(term.word, word));
          return spelled ? { term, strength: MISSPELLED, matched: spelled } : { term, strength: 0 };
        }
        return soft[index] ? undefined : { term, strength: 0 };
      });
      if (matches.every((match) => match !== undefined)) return matches;
      const best = softTerms.map(() => ({ similarity: 0, word: undefined as string | undefined }));
      for (const word of candidates) {
        similaritiesOf(word).forEach((similarity, index) => {
          const current = best[index];
          if (current && similarity > current.similarity) best[index] = { similarity, word };
        });
      }
      return matches.map((match, index): TermMatch => {
        if (match) return match;
        const term = terms[index] as QuestionTerm;
        const nearest = best[softPosition[index] ?? -1] ?? { similarity: 0, word: undefined };
        const found =
          nearest.word === undefined
            ? { term, strength: 0 }
            : softMatch(term, { similarity: nearest.similarity, word: nearest.word });
        if (found.strength >= SAME_FAMILY) return found;
        const relative = tokens.find((token) => token.content && token.family === term.family);
        if (relative) return { term, strength: SAME_FAMILY, matched: relative.word };
        const spelled = term.unseen ? candidates.find((word) => misspelling(term.word, word)) : undefined;
        return spelled ? { term, strength: MISSPELLED, matched: spelled } : found;
      });
    };
  }

  /** Word-vector cosine of two words, remembered: the same pairs recur across the sentences of a question. */
  similarity(left: string, right: string): number {
    // Keyed word by word: building a pair key for every lookup costs more than the cosine itself.
    let row = this.similarities.get(left);
    let similarity = row?.get(right);
    if (similarity !== undefined) return similarity;
    similarity = dot(this.vectorOf(left), this.vectorOf(right));
    if (this.remembered >= MAX_REMEMBERED) {
      this.similarities.clear();
      this.remembered = 0;
      row = undefined;
    }
    if (!row) this.similarities.set(left, (row = new Map<string, number>()));
    row.set(right, similarity);
    this.remembered++;
    return similarity;
  }

  private vectorOf(word: string): number[] {
    let vector = this.vectors.get(word);
    if (!vector) {
      vector = comparisonVector(this.embedder, word);
      if (this.vectors.size < MAX_REMEMBERED) this.vectors.set(word, vector);
    }
    return vector;
  }
}

/** The question term's stand-in the text has, as a word or as the initials of a name ("uk" for "British"). */
export function standInFound(
  term: QuestionTerm,
  text: Pick<PreparedText, 'stems' | 'initialisms'>,
  standIns: StandIns | undefined,
): string | undefined {
  return standIns?.get(term.stem)?.find((word) => text.stems.has(word) || text.initialisms.has(word));
}

function softMatch(term: QuestionTerm, nearest: { similarity: number; word?: string }): TermMatch {
  if (nearest.word === undefined || nearest.similarity <= SYNONYM_FLOOR) return { term, strength: 0 };
  return {
    term,
    strength: (nearest.similarity - SYNONYM_FLOOR) / (1 - SYNONYM_FLOOR),
    matched: nearest.word,
  };
}

/**
 * How much a word of the same family counts ("improvement" for "improved"): most of a match, since the
 * family is Porter's and sometimes too wide ("organ" and "organization").
 */
export const SAME_FAMILY = 0.8;

/**
 * How much a name or a word typed one letter off ("Dusquesne" for "Duquesne", "targt" for "target") counts:
 * nearly the word, but not quite, so an exact mention still ranks first.
 */
export const MISSPELLED = 0.9;

/**
 * Whether a typed word is one edit (a letter added, dropped, changed, or two swapped) from a word of the text,
 * or two edits for names of eight letters or more. Short names are left exact: "Lima" and "Lina" are others.
 */
export function misspelling(typed: string, word: string): boolean {
  if (typed.length < 5 || typed === word) return false;
  const allowed = typed.length >= 8 ? 2 : 1;
  if (Math.abs(typed.length - word.length) > allowed || typed[0] !== word[0]) return false;
  return editDistance(typed, word, allowed) <= allowed;
}

/** Damerau–Levenshtein distance (adjacent swaps count one), giving up once it passes `limit`. */
function editDistance(left: string, right: string, limit: number): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let distance = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        distance = Math.min(distance, (beforePrevious[column - 2] ?? 0) + 1);
      }
      current.push(distance);
      best = Math.min(best, distance);
    }
    if (best > limit) return best;
    beforePrevious = previous;
    previous = current;
  }
  return previous[right.length] ?? 0;
}

const DOTTED_INITIALISM = /(?<![\p{L}.])(?:\p{Lu}\.){2,}/gu;

/** A word written as initials with stops, alone: "U.S.", "U.N.". */
const DOTTED_WORD = /^\W*(?:\p{Lu}\.){2,}\W*$/u;

const CAPITALISED_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:of|and|for|the|de)\s+)*\p{Lu}[\p{L}'’-]*)+/gu;

/**
 * "United States" → "us", "Organization of American States" → "oas": the initials of every run of two or
 * more capitalised words and of each part of it (small linking words skipped), so a question's acronym finds
 * the name written out; and "U.S." → "us".
 */
export function initialismsOf(text: string): Set<string> {
  // Written with stops ("U.S.", "U.N."), an initialism is one already.
  const found = new Set(
    [...text.matchAll(DOTTED_INITIALISM)].map(([written]) => foldText(written.replace(/\./g, ''))),
  );
  for (const [run] of text.matchAll(CAPITALISED_RUN)) {
    const initials = run
      .split(/\s+/)
      .filter((word) => /^\p{Lu}/u.test(word))
      .map((word) => foldText(word[0] ?? ''))
      .join('');
    // Every part of two words or more: the run may begin with a capitalised first word of the sentence ("The
    // United States") and may name more than the acronym does ("United States Air Force" holds "US").
    for (let start = 0; start + 2 <= initials.length; start++) {
      for (let end = start + 2; end <= Math.min(initials.length, start + 6); end++) {
        found.add(initials.slice(start, end));
      }
    }
  }
  return found;
}

/**
 * "What is the full name of the ASER?", "what is the Irish term for…": "full name" and "term" say what form
 * the answer takes, which the answering sentence seldom spells out ("The Annual Status of Education Report
 * (ASER)"). They keep this share of their weight.
 */
const FORM_WORD_SHARE = 0.25;

const ANSWER_FORM =
  /\b(?:what|which)\s+(?:is|was|are|were)\s+(?:\p{L}+(?:'s)?\s+){0,3}?(?:(full|official|formal|proper|common|scientific|technical)\s+)?(names?|terms?|titles?|words?)\s*(?:of|for|used|given|\?|$)/iu;

function answerFormWords(question: string): Set<string> {
  const [, modifier, form] = ANSWER_FORM.exec(question) ?? [];
  return new Set([modifier, form].flatMap((word) => (word ? [foldText(word)] : [])));
}

const HOW_MEASURES = new Set(
  'old long tall high far big large heavy deep wide often soon fast late early'.split(' '),
);

/** Words that shape a question without naming its topic. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
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
  // Hedges and emphasis people type into questions ("exactly how many", "what did he actually say"): they ask
  // for nothing an answer must repeat.
  'exactly',
  'actually',
  'really',
  'precisely',
  'specifically',
  'basically',
]);

/** Weighted share of the question's terms a text covers, 0 to 1. */
export function coverage(matches: readonly TermMatch[]): number {
  const total = matches.reduce((sum, match) => sum + match.term.weight, 0);
  if (total === 0) return 0;
  return matches.reduce((sum, match) => sum + match.term.weight * match.strength, 0) / total;
}

const UNITS_AND_TENS: ReadonlyMap<string, number> = new Map([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((word, value): [string, number] => [word, value]),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'
    .split(' ')
    .map((word, position): [string, number] => [word, (position + 2) * 10]),
]);
const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);

/**
 * The numbers a text writes in words, in the digits people type them in ("6 yrs", "8 million+", "under 10,000"
 * asked of "six years", "eight million", "the ten thousand mark"): the whole number, and the count before a
 * scale word, which a question gives as digits beside the same word. "One" counts only as a measure ("a
 * one-year high", "one million"): "one of the plants" counts nothing.
 */
function writtenNumbers(text: string, tokens: readonly Pick<TextToken, 'word' | 'end'>[]): string[] {
  const found: string[] = [];
  let total = 0;
  let group = 0;
  let reading = false;
  let measure = false;
  // What the number read so far ended on: a scale word takes any number after it, a ten only a unit.
  let last: 'unit' | 'ten' | 'scale' = 'unit';
  const close = () => {
    const value = total + group;
    if (reading && (value >= 2 || measure)) found.push(value.toLocaleString('en-US'), String(value));
    total = 0;
    group = 0;
    reading = false;
    measure = false;
  };
  tokens.forEach(({ word, end }, position) => {
    const small = UNITS_AND_TENS.get(word);
    const scale = SCALES.get(word);
    if (small !== undefined) {
      // "twenty five", "hundred and five" continue a number; "five six" starts another.
      if (reading && !(last === 'scale' || (last === 'ten' && small < 10))) close();
      group += small;
      reading = true;
      last = small >= 20 ? 'ten' : 'unit';
      measure ||= text[end] === '-' || SCALES.has(tokens[position + 1]?.word ?? '');
    } else if (scale !== undefined && reading) {
      if (scale >= 1e3 && (group >= 2 || measure)) found.push(String(group));
      if (scale === 100) group *= 100;
      else {
        total += group * scale;
        group = 0;
      }
      last = 'scale';
    } else if (!(word === 'and' && reading)) {
      close();
    }
  });
  close();
  return found;
}

/**
 * A token's stem, and for a number of ten or more with decimals the whole numbers it is read as: people cut or
 * round the numbers they ask about ("the Dow's 344-point drop", or 345, for "344.65-point fall"). A one-digit
 * whole part is left alone: "1" is not "1.5".
 */
function stemsOf(stem: string): string[] {
  const match = /^(\d[\d,]*)\.(\d+)$/.exec(stem);
  if (!match) return [stem];
  const [, whole = '', decimals = ''] = match;
  const value = Number(whole.replaceAll(',', ''));
  if (value < 10) return [stem];
  const rounded = decimals.startsWith('5') || Number(decimals[0]) > 5 ? value + 1 : value;
  const written = (number: number) => (whole.includes(',') ? number.toLocaleString('en-US') : String(number));
  return [...new Set([stem, whole, written(rounded)])];
}
