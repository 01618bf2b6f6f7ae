import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { listedNoun, PERSON_NOUNS } from './people/lexicon.js';
import type { QuestionKind } from './question.js';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_LIKE = new RegExp(
  `\\b(?:${MONTH}\\b|\\d{3,4}\\b(?!,\\d)|(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b|yesterday|today|tomorrow|last (?:week|month|year)|\\d+ (?:days|weeks|months|years) (?:ago|later|after|before)|(?:early|mid|late)[- ]\\d{4}s?|century|decade)`,
  'i',
);
const NUMBER_LIKE =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several|half)\b|%/i;
const REASON_LIKE =
  /\b(?:because|due to|owing to|on (?:the )?grounds|as a result|so that|in order to|reasons?|caused|led to|in (?:response|reaction|retaliation|protest))\b/i;
/**
 * Words that often introduce a motive but also plain sequence or reporting; worth half a reason. News gives
 * causes as circumstances more than with "because": "resigned following a heart attack", "fell amid fears of a
 * recession", "rose after reports of a merger", "in a bid to cut costs".
 */
const WEAK_REASON_LIKE = new RegExp(
  [
    'citing|for (?:his|her|their|its)|accus\\w*|alleg\\w*|over (?:the|his|her)',
    'following|amid|after (?:the )?(?:news|reports?|announcement)|prompted|sparked|triggered|blamed|thanks to',
    '(?:fears?|concerns?|worries) (?:of|over|about|that)|in (?:a|an) (?:bid|effort|attempt) to',
  ]
    .map((alternatives) => `\\b(?:${alternatives})\\b`)
    .join('|'),
  'i',
);
const PLACE_LIKE = /\b(?:in|at|near|from|to|inside|outside)\s+(?:the\s+)?\p{Lu}/u;
const PERSON_LIKE =
  /\p{Lu}\p{Ll}+(?:\s+(?:de |del |da |van |von |la )?\p{Lu}\p{Ll}+)+|\b(?:he|she|they|minister|president|official|ambassador|spokes\w+)\b/u;

const UNITS: Record<string, RegExp> = {
  tall: /\b\d[\d.,]*\s*(?:m|cm|mm|meters?|metres?|feet|foot|ft|inch(?:es)?)\b|\d+['′]/i,
  high: /\b\d[\d.,]*\s*(?:m|km|meters?|metres?|feet|foot|ft|miles?)\b/i,
  // News gives an age as an appositive too: "Barra, 51, will be the first woman…".
  old: /\b\d+(?:-year-old|\s+years?\s+old|\s+years?\b)|\baged?\s+\d+|\p{L}\s*,\s*\d{1,3}\s*,\s*\p{L}/iu,
  // "How long has it been made there?" is answered by when it began as often as by a length: "since 1960".
  long: /\b\d[\d.,]*\s*(?:-\s*)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|m|km|meters?|metres?|miles?|feet)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:days?|weeks?|months?|years?)\b|\bsince\s+(?:(?:the\s+)?\d{4}s?|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)/i,
  far: /\b\d[\d.,]*\s*(?:m|km|kilometers?|kilometres?|meters?|metres?|miles?|feet)\b/i,
  much: /[$€£¥]\s?\d|\b\d[\d.,]*\s*(?:%|percent|per cent|dollars?|euros?|pounds?|yen|yuan|pesos?|soles|rupees?|francs?|(?:thousand|million|billion|trillion)\b)|\b(?:thousands?|millions?|billions?) of\b/i,
  heavy: /\b\d[\d.,]*\s*(?:g|kg|grams?|kilograms?|tons?|tonnes?|pounds?|lbs?|ounces?|oz)\b/i,
};

const WEIGHT_ASKED = /\bhow much\b.*\bweigh/i;

/** Verbs of a level or a price moving, as a pattern's alternatives: "fell", "climbing", "plunged". */
const MOVE_VERBS =
  'f[ae]ll(?:s|en|ing)?|drop(?:s|ped|ping)?|declin\\w*|s[aiu]nk|sinks?|sinking|sl[iu]d\\w*|slip\\w*|plung\\w*|' +
  'plummet\\w*|tumbl\\w*|r[oi]s(?:e|en|es|ing)|climb\\w*|gain\\w*|jump\\w*|surg(?:e|es|ed|ing)|soar\\w*|lost|' +
  'los(?:e|es|ing)|rall\\w*';

/** "How far did it fall" asks for the size of the move. */
const MOVED = new RegExp(`\\bhow far\\b.*\\b(?:${MOVE_VERBS})\\b`);

/** The size of a move: points or a percentage. */
const MOVEMENT = /\d[\d.,]*\s*(?:%|per ?cent\b|percentage points?\b|points?\b)/i;

/** Verbs of an amount growing or shrinking, with those of a level moving, as a pattern's alternatives. */
const CHANGE_VERBS = `${MOVE_VERBS}|increas\\w*|decreas\\w*|gr[eo]w\\w*|raise\\w*|cut|shr[aiu]nk\\w*|(?:go|goes|went) (?:up|down)`;

/**
 * An amount or a level changing: "How much have oil prices risen?", "how many points did the Dow lose?" ask for
 * the size of the change.
 */
export const CHANGED = new RegExp(`\\b(?:${CHANGE_VERBS})\\b`);

/** "How much did jobless claims rise?": by a number of points, a percentage or a plain count ("rose 15,000"). */
const MOVED_BY = new RegExp(
  `${MOVEMENT.source}|\\b(?:${CHANGE_VERBS})\\s+(?:by\\s+)?(?:(?:about|some|nearly|almost|around|roughly|more than|over)\\s+)?\\$?\\d`,
  'i',
);

/**
 * "How tall is the bridge?", "how much does it weigh?": a measure, answered by a number in its unit and nothing
 * else ("how long" can be "for decades", so it is not one).
 */
export function asksForMeasure(question: string): boolean {
  return /\bhow (?:tall|high|old|heavy|far)\b/i.test(question) || WEIGHT_ASKED.test(question);
}

/**
 * What the answer to a "how tall/old/long..." or "how many <things>" question must contain: a number with the
 * unit or the counted noun beside it. Undefined when the question sets no such expectation.
 */
export function expectedQuantity(question: string): RegExp | undefined {
  const text = question.toLowerCase();
  const adjective = /\bhow (tall|high|old|long|far|heavy|much)\b/.exec(text)?.[1];
  // "How much does the iPod nano weigh?" asks for a weight: "$199" is no answer.
  if (WEIGHT_ASKED.test(text)) return UNITS['heavy'];
  // "How far had the Bovespa fallen?" asks how much it moved (though a climber's fall is a distance still: either
  // answers), "how far behind schedule" how long.
  if (adjective === 'far' && MOVED.test(text))
    return new RegExp(`${MOVEMENT.source}|${UNITS['far']?.source ?? '(?!)'}`, 'i');
  if (adjective === 'far' && /\bhow far (?:behind|ahead)\b/.test(text)) return UNITS['long'];
  if (adjective === 'much' && CHANGED.test(text.slice(text.indexOf('how much'))))
    return new RegExp(`${UNITS['much']?.source ?? '(?!)'}|${MOVED_BY.source}`, 'i');
  if (adjective) return UNITS[adjective];
  // "How many crank rotations are there": any word of the counted phrase, up to its verb, may follow the number
  // ("one rotation of the crank").
  const phrase =
    /\bhow many ((?:[\p{L}\d'’-]+\s+){0,2}?[\p{L}\d'’-]+?)(?=\s+(?:are|is|were|was|did|do|does|have|has|had|will|would|can|could)\b|\s*[?.]|$)/u.exec(
      text,
    )?.[1];
  // A name in the counted phrase says whose things are counted ("how many GM workers took…"): "62,000 at GM"
  // counts something else. What is counted is the phrase's common words, or its names when it has no other
  // ("how many Boeing 717s"); where the phrase runs on into the question, its first common word.
  const named = new Set(
    [...question.matchAll(/(?<![\p{L}\d])(?:\p{Lu}|\d)[\p{L}\d'’-]*/gu)].map(([word]) => word.toLowerCase()),
  );
  const words = (
    phrase ??
    /\bhow many ((?:[\p{L}\d'’-]+\s+){0,2}[\p{L}\d'’-]+)/u.exec(text)?.[1] ??
    ''
  ).split(/\s+/);
  const common = words.filter((word) => word !== '' && !named.has(word));
  const counted = common.length === 0 ? words.filter(Boolean) : phrase ? common : common.slice(0, 1);
  if (counted.length === 0) return undefined;
  const root = `(?:${counted.map((word) => word.replace(/(?:ies|es|s)$/, '').slice(0, 5)).join('|')})`;
  const number =
    '(?:\\d[\\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|several|a few)';
  // "How many rate hikes had the Fed made?" is answered by how often it acted: "raised rates 17 times"; not by
  // "many times", nor by "three times as many", nor when people are counted ("shelled three times" is no count of
  // the killed).
  const often = counted.some((word) => listedNoun(PERSON_NOUNS, word) !== undefined)
    ? '(?!)'
    : '\\b(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+times\\b(?!\\s+(?:as|more|less|fewer|larger|bigger|greater|higher|lower|smaller|than|that|the)\\b)';
  // "How many points did the Dow lose?" is answered by "it fell 344.65": the verb says what the number counts.
  const moved = CHANGED.test(text) ? `|${MOVED_BY.source}` : '';
  // "a 36-year-old lawmaker" gives an age, not a count of years; "the $40 billion tanker deal" a price, not a
  // count of tankers.
  return new RegExp(
    `(?<![$€£¥]\\s?|[\\d.,])\\b${number}\\b(?:[\\s-]+\\S+){0,3}?[\\s-]+${root}(?![a-z]*[\\s-]+old\\b)|${often}${moved}`,
    'i',
  );
}

/** Verbs reporting what someone said, whether the speaker comes first or after ("said the clinic"). */
const SPEECH_VERBS =
  'said|says|told|tells|denied|denies|claimed|claims|stated|states|announced|announces|insisted|argued|added|warned|' +
  'confirmed|rejected|noted|explained|wrote|acknowledged|lamented|denounced|described|responded|replied|asserted|' +
  'declared|admitted|alleged|urged|called|criticized|criticised|praised|promised|vowed|regrets?|regretted|' +
  'commented|stressed|emphasi[sz]ed|maintained|contended|conceded|countered|reiterated|testified|tweeted';

/**
 * Verbs that report speech when the speaker comes first ("de Zela spoke with RPP and informed…", "with analyst
 * David Strauss saying…"): before a name they take it as their object ("Obama accused Henderson").
 */
const SPEAKER_FIRST_VERBS = `${SPEECH_VERBS}|saying|spoke|speaks|informed|accused|deemed|suggested|predicted`;

/**
 * For "What did <someone> say …?" the answer is where that someone is the one speaking: their name (its last
 * word) with a finite speech verb at most ten words after it ("the clinic … denied"), or a speech verb just
 * before it ("said the clinic", "according to the clinic"). A participle ("a clinic claiming") describes rather
 * than reports, so it does not count, but for "saying" ("with UBS analyst David Strauss saying…"), which only
 * reports (after the speaker only). Undefined for other questions.
 */
export function expectedSpeaker(question: string): RegExp | undefined {
  // The verb as typed, in lower case and not before "of": "what does the Orange Free State export", "what did
  // the flood leave the state of…" name no one speaking.
  const match =
    /\b[Ww]hat (?:did|does|do|has|have|had|will|would) (.+?) (?:say|said|tell|claim|state|announce|argue|write|respond|reply|think|regret)(?!\p{L}* of\b)/u.exec(
      question,
    );
  const head = match?.[1]
    ?.split(/\s+/)
    .filter((word) => /^\p{L}{3,}$/u.test(word))
    .at(-1);
  if (!head) return undefined;
  const name = head
    .slice(0, Math.max(4, head.length - 2))
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  return new RegExp(
    `\\b${name}\\p{L}*\\b(?:\\P{L}+\\p{L}+){0,10}?\\P{L}+(?:${SPEAKER_FIRST_VERBS})\\b|\\b(?:${SPEECH_VERBS}|according to)\\b(?:\\P{L}+\\p{L}+){0,10}?\\P{L}+${name}`,
    'iu',
  );
}

/**
 * The exact form a question sets for its answer, if any: a quantity ("how many years"), else a speaker ("what
 * did the clinic say"), with which of the two it is.
 */
export function expectedForm(question: string): { expected: RegExp | undefined; speaker: boolean } {
  const quantity = expectedQuantity(question);
  if (quantity) return { expected: quantity, speaker: false };
  const speaker = expectedSpeaker(question);
  return { expected: speaker, speaker: speaker !== undefined };
}

const PRONOUN_SPEAKS = new RegExp(
  `^\\W*(?:he|she|they)\\b(?:\\W+\\w+){0,2}?\\W+(?:${SPEAKER_FIRST_VERBS})\\b`,
  'i',
);

/**
 * The speaker's form for a sentence that says "She said…" where the sentences before it name the one asked
 * about: the expected speaker, by pronoun.
 */
export function speaksAfterNaming(candidate: Pick<RankedSentence, 'sentence' | 'contextMatches'>): boolean {
  return (
    PRONOUN_SPEAKS.test(candidate.sentence.text) &&
    candidate.contextMatches.some((match) => match.term.proper && match.strength >= 1)
  );
}

/**
 * How well a sentence has the shape of an answer to this kind of question (0 to 1): a "when" question wants a
 * date, "how many" a number, "why" a reason, "who" a name. Only a nudge in ranking, since a sentence of the
 * wrong shape can still be the answer; used more strongly to choose the clause within a long sentence.
 */
export function shapeScore(kind: QuestionKind, text: string, expected?: RegExp): number {
  if (expected) return expected.test(text.normalize('NFD').replace(/\p{M}+/gu, '')) ? 1 : 0;
  switch (kind) {
    case 'when':
      return DATE_LIKE.test(text) ? 1 : 0;
    case 'how-many':
    case 'how-much':
      return NUMBER_LIKE.test(text) ? 1 : 0;
    case 'why':
      return REASON_LIKE.test(text) ? 1 : WEAK_REASON_LIKE.test(text) ? 0.5 : 0;
    case 'where':
      return PLACE_LIKE.test(text) ? 1 : 0;
    case 'who':
      return PERSON_LIKE.test(text) ? 1 : 0;
    default:
      return 0.5;
  }
}

/**
 * "What did the ministry say…", "how did Jobs describe…", "what did he call…", "what comparison did the analyst
 * make": the answer is someone's own words, which news quotes or reports in a "that"-clause.
 */
const STATEMENT_QUESTION =
  /\b(?:what|how) (?:did|does|do|has|have|had|will|would) .+? (?:say|said|tell|told|describe|characteri[sz]e|call|term|dub|label|accuse|compare|warn|claim|argue|insist|announce|react|respond|reply|write|add)\b|\bwhat (?:comparison|nickname|description|warning|message|comment|remark|words?|phrase|analogy|metaphor) (?:did|does|do|has|have|had)\b|\b(?:reaction|response|statement|comment) (?:to|on|about)\b/i;

export function asksForStatement(question: string): boolean {
  return STATEMENT_QUESTION.test(question);
}

/** An opening quote mark followed by three or more words: the sentence quotes someone. */
const QUOTATION = /(?:^|[\s(:,])(?:["“‘]|``|`|'')\s*[\p{L}\p{N}][^"“”]*?\s\S+\s\S+/u;

export function quotesSomeone(text: string): boolean {
  return QUOTATION.test(text);
}
