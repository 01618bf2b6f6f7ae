import { InputError } from '../errors.js';

/** Longer questions are refused: no real question needs more, and it keeps a pasted article from being "asked". */
export const MAX_QUESTION_CHARACTERS = 1000;

export type QuestionKind =
  'who' | 'when' | 'where' | 'how-many' | 'how-much' | 'why' | 'how' | 'which' | 'what' | 'yes-no' | 'other';

/**
 * Removes what a chat client may carry that is not part of the question: control and zero-width characters,
 * Discord mention markup, runs of white space. Throws `InputError` when nothing is left or it is too long.
 */
export function normalizeQuestion(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/<(@[!&]?|#)\d{17,20}>/g, ' ')
    .replace(/\s+/g, ' ')
    // Control and format characters (zero-width spaces, bidi marks) are invisible and only disturb matching.
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  if (cleaned === '') throw new InputError('Please ask a question: the message was empty.');
  if (cleaned.length > MAX_QUESTION_CHARACTERS) {
    throw new InputError(
      `That question is ${cleaned.length} characters long; please keep it under ${MAX_QUESTION_CHARACTERS}.`,
    );
  }
  return cleaned;
}

/**
 * Chat shorthand that is no English word of its own, spelled out: "wat did the analyst say" is a "what"
 * question, and "ppl" finds "people" where no word vector knows it. Typed in lower case only: "U of C" is a
 * name, and so is a word joined by a hyphen ("u-boat").
 */
const SHORTHAND: ReadonlyMap<string, string> = new Map([
  ['wat', 'what'],
  ['wut', 'what'],
  ['b4', 'before'],
  ['ppl', 'people'],
  ['govt', 'government'],
  ['cuz', 'because'],
  ['bcuz', 'because'],
  ['abt', 'about'],
  ['thru', 'through'],
  ['yrs', 'years'],
  ['mil', 'million'],
  ['bn', 'billion'],
  ['u', 'you'],
  ['ur', 'your'],
  ['r', 'are'],
  ['w', 'with'],
  ['gonna', 'going to'],
  ['wanna', 'want to'],
  ['whn', 'when'],
  ['wht', 'what'],
  ['whr', 'where'],
]);

/**
 * Shorthand that is also a word or a name ("Wen", "Y"), read as a question word only where one stands: first,
 * before the verb that a question word is followed by ("wen did peru break ties", "y is the yen rising").
 */
const LEADING_SHORTHAND =
  /^(wen|y)(?=\s+(?:did|does|do|is|was|are|were|will|would|can|could|should|has|have|had|r)\b)/i;
const LEADING_WORDS: ReadonlyMap<string, string> = new Map([
  ['wen', 'when'],
  ['y', 'why'],
]);

const QUARTERS = ['first', 'second', 'third', 'fourth'];

const MONTH_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['jan', 'January'],
  ['feb', 'February'],
  ['mar', 'March'],
  ['apr', 'April'],
  ['jun', 'June'],
  ['jul', 'July'],
  ['aug', 'August'],
  ['sep', 'September'],
  ['sept', 'September'],
  ['oct', 'October'],
  ['nov', 'November'],
  ['dec', 'December'],
]);

/** "oct 6", "aug. 2007", "6 oct": a month's abbreviation beside a number is a date. */
const ABBREVIATED_MONTH = `(?:${[...MONTH_ABBREVIATIONS.keys()].join('|')})`;
const MONTH_BESIDE_NUMBER = new RegExp(
  `\\b${ABBREVIATED_MONTH}\\.?(?=\\s+\\d)|(?<=\\b\\d{1,2}\\s+)${ABBREVIATED_MONTH}\\b\\.?`,
  'gi',
);

/**
 * The question with chat shorthand spelled out, and a month's abbreviation beside a number written in full, as
 * articles write it. "mar" or "dec" alone may be words; beside a number they are dates.
 */
export function spelledOut(question: string): string {
  return (
    question
      .replace(LEADING_SHORTHAND, (word) => LEADING_WORDS.get(word.toLowerCase()) ?? word)
      .replace(
        /(?<![\p{L}\p{N}'’.&/-])[\p{L}\p{N}]+(?![\p{L}\p{N}'’&/-]|\.\p{L})/gu,
        // A phone capitalises the first word ("Wat did…"); a capital elsewhere, or a single one, is a name.
        (word, offset: number) =>
          SHORTHAND.get(word) ??
          (offset === 0 && word.length > 1 ? SHORTHAND.get(word.toLowerCase()) : undefined) ??
          word,
      )
      // "GM's Q1 2009 loss": business news writes out the quarter; only beside a year or a report ("Audi Q3" is a
      // car).
      .replace(
        /\b[Qq]([1-4])\b(?=\s+(?:\d{4}|results|earnings|loss|losses|profits?|revenues?|sales)\b)/g,
        (_, quarter: string) => `${QUARTERS[Number(quarter) - 1] ?? ''} quarter`,
      )
      // "under 10k": articles write "10,000".
      .replace(/(?<![\p{L}\p{N}.,])(\d{1,3}(?:\.\d{1,2})?)[kK]\b/gu, (_, amount: string) =>
        (Number(amount) * 1000).toLocaleString('en-US'),
      )
      .replace(
        MONTH_BESIDE_NUMBER,
        (abbreviation) =>
          MONTH_ABBREVIATIONS.get(abbreviation.replace('.', '').toLowerCase()) ?? abbreviation,
      )
  );
}

/**
 * Question phrases and the kind of answer each asks for. The question's kind is that of the phrase that comes
 * first: "Where was she when Mexico gave her asylum?" asks where, the "when" only places it.
 */
const KIND_PHRASES: readonly [QuestionKind, RegExp][] = [
  ['how-much', /\bhow much\b/g],
  ['how-many', /\bhow (?:many|long|old|often|far|tall|high|big|large|heavy|deep|wide)\b/g],
  ['who', /\b(?:who|whom|whose)\b/g],
  ['when', /\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b/g],
  ['where', /\bwhere\b|\b(?:what|which) (?:country|city|place)\b/g],
  ['why', /\bwhy\b|\bwhat (?:caused|led|prompted)\b|\bfor what reason\b/g],
  ['how', /\bhow\b/g],
  ['which', /\bwhich\b/g],
  ['what', /\bwhat\b/g],
];

/**
 * What kind of answer the question wants: whether, for a question opening on a verb; else that of its first
 * question phrase.
 */
export function questionKind(question: string): QuestionKind {
  const whole = question.toLowerCase().trim();
  // "When Jobs resigned, what role did he keep?" asks what: the clause before the comma only sets the scene.
  const text = whole.slice(sceneSetting(whole).length);
  if (AUXILIARY_FIRST.test(text) && !INDIRECT.test(text)) return 'yes-no';
  let first: { kind: QuestionKind; at: number } | undefined;
  for (const [kind, pattern] of KIND_PHRASES) {
    for (const match of text.matchAll(pattern)) {
      // A longer phrase starting at the same place ("how much" before "how") keeps its kind: listed first.
      if (!first || match.index < first.at) first = { kind, at: match.index };
      break;
    }
  }
  return first?.kind ?? 'other';
}

/**
 * A clause or phrase opening the question and closed by a comma: "When Jobs resigned as CEO, …", "After the
 * vote, …", "In the Peru-Mexico asylum story, …". "When was it, roughly?" is none: there "when" asks, with its
 * verb right after it.
 */
const LEADING_CLAUSE =
  /^\W*(?:when|while|after|before|once|if|since|as|although|though|following|with|in)\b(?!\s+(?:is|are|was|were|did|do|does|will|would|has|have|had|can|could|should)\b)[^,?]*,\s*/i;

/** A phrase closing the question that places what is asked in time: "…during Wall Street's best week?". */
const TRAILING_SCENE = /\b(?:during|amid|in the wake of)\b[^,?]*\?*\s*$/i;

/**
 * The question split into what sets its scene (an opening clause, a closing "during…" phrase) and what it asks.
 */
export function sceneAndAsked(question: string): { scene: string; asked: string } {
  const opening = sceneSetting(question);
  const rest = question.slice(opening.length);
  const closing = TRAILING_SCENE.exec(rest);
  return closing
    ? { scene: `${opening}${closing[0]}`, asked: rest.slice(0, closing.index) }
    : { scene: opening, asked: rest };
}

/**
 * The clause that opens the question to set its scene, comma included ("After LaSorda warned, "), when what
 * follows asks something (a question phrase, or an auxiliary first); "" otherwise.
 */
export function sceneSetting(question: string): string {
  const clause = LEADING_CLAUSE.exec(question)?.[0];
  if (!clause) return '';
  const main = question.slice(clause.length).toLowerCase();
  const asks = AUXILIARY_FIRST.test(main) || KIND_PHRASES.some(([, pattern]) => main.search(pattern) >= 0);
  return asks ? clause : '';
}

/**
 * An auxiliary verb first asks whether: "Did Henderson say when GM would be profitable again?" is answered by
 * "he declined to predict when…", not by a date.
 */
const AUXILIARY_FIRST = /^\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/;

/** Unless it only asks politely for what follows: "Do you know who…", "Can you tell me when…". */
const INDIRECT =
  /^\W*(?:(?:do|does|did|would) (?:you|anyone|anybody|someone) (?:happen to )?know|(?:can|could|would|will) (?:you|someone|anyone|somebody) (?:please )?(?:tell|say|explain|find)|is (?:it|there) (?:known|clear|said|reported)|is there (?:a|any) reason)\b/;
