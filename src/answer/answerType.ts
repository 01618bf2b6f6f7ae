import { opensOnPronoun } from '../corpus/sentences.js';
import { foldedWords } from '../corpus/tokens.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { tagEntities, type Entity, type EntityType } from './entities.js';
import { CHANGED } from './answerShape.js';
import { PERSON_NOUNS } from './people/lexicon.js';
import type { QuestionKind } from './question.js';

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Nouns that ask for a kind of entity after "which" or "what": "which carmaker", "what city". */
const TYPE_NOUNS: readonly [EntityType, ReadonlySet<string>][] = [
  ['person', new Set([...PERSON_NOUNS, ...words('name names')])],
  [
    'organisation',
    words(`
      company companies firm firms carmaker carmakers automaker automakers planemaker manufacturer manufacturers
      maker makers insurer insurers airline airlines bank banks lender lenders brand brands business businesses
      corporation organization organisation organizations organisations agency agencies union unions group
      index indices indexes stock stocks team teams party parties network networks newspaper newspapers retailer
      retailers supplier suppliers rival rivals buyer buyers bidder bidders carrier carriers operator operators
      exchange exchanges fund funds institution institutions university universities school schools club
      clubs studio studios label labels publisher publishers broadcaster broadcasters
    `),
  ],
  [
    'place',
    words(`
      country countries city cities state states town towns region regions province provinces continent island
      islands nation nations capital place places location locations site sites venue facility facilities plant
      plants factory factories airport airports port ports county counties district districts area areas
      neighbourhood neighborhood village villages territory border
    `),
  ],
  ['date', words('year years date dates day days month months decade century time week')],
  [
    'money',
    words(`
      price prices cost costs amount fee fees salary salaries sum payment payments fine fines budget revenue
      revenues profit profits loss losses value valuation worth bonus bonuses wage wages
    `),
  ],
  ['percent', words('percentage percent proportion share rate')],
];

/** A sentence opening on a pronoun that stands for a person named before it. */
const PERSONAL_PRONOUN = /^\W*(?:he|she|they|his|her|their)\b/i;

/** Verbs and nouns of paying: what "how much" then asks for is money. */
const PAYMENT =
  /\b(?:pa(?:y|ys|id|ying)|spen[dt]\w*|charg(?:e|es|ed|ing)|fees?|worth|sell(?:s|ing)? for|sold for|bought for|buy(?:s|ing)? for|salary|invest\w*|borrow\w*|lend(?:s|ing)?|lent|owe[sd]?|fined)\b/;

const NAME_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organisation', 'place']);
const QUANTITY_TYPES: ReadonlySet<EntityType> = new Set(['money', 'percent', 'number']);

/**
 * The kinds of entity that answer the question, best first: a person (or a company) for "who", a date for
 * "when", a place for "where", an amount for "how much", the kind named by "which carmaker" or "what city".
 * Empty when the question does not ask for an entity ("why", "how", "what happened").
 */
export function expectedEntityTypes(
  question: string,
  kind: QuestionKind,
  answerType: string | undefined,
): EntityType[] {
  const text = question.toLowerCase();
  // "How long is the section?" asks for a length ("86 km"), "how long did it last?" for a span of time.
  if (/\bhow long (?:is|are|was|were)\b/.test(text)) return ['duration', 'number', 'date'];
  if (/\bhow (?:long)\b/.test(text)) return ['duration', 'date'];
  if (/\bhow (?:old|tall|high|far|heavy|big|large|deep|wide)\b/.test(text)) return ['number', 'percent'];
  // "What share of the market…" asks for a proportion; "what share price…" for a price.
  if (/\bwhat percentage\b|\bby how much\b|\bwhat share\b(?!\s+(?!of\b)\p{L})/u.test(text))
    return ['percent', 'number', 'money'];
  switch (kind) {
    case 'who':
      return /\bwhose\b/.test(text) ? ['person'] : ['person', 'organisation'];
    case 'when':
      return ['date'];
    case 'where':
      return ['place', 'organisation'];
    case 'how-many':
      // "How many years…" is answered by "34 years", a span of time; "how many planes" never by "$23 billion".
      return ['number', 'duration'];
    case 'how-much':
      // "How much is Fiat paying…" wants an amount of money: "a 52 percent stake" is no price. A change ("how much
      // did the Fed raise rates?") a percentage gives as well as an amount.
      return PAYMENT.test(text) && !CHANGED.test(text) ? ['money'] : ['money', 'number', 'percent'];
    default:
      break;
  }
  if (answerType === undefined) return [];
  const found = TYPE_NOUNS.find(([, nouns]) => nouns.has(answerType));
  return found ? [found[0]] : [];
}

const entitiesOfSentence = new WeakMap<object, Entity[]>();

/** A sentence's entities, tagged once: the same sentences are candidates for many questions. */
export function entitiesOf(candidate: Pick<RankedSentence, 'sentence'>): Entity[] {
  let entities = entitiesOfSentence.get(candidate.sentence);
  if (!entities) {
    entities = tagEntities(candidate.sentence.text);
    entitiesOfSentence.set(candidate.sentence, entities);
  }
  return entities;
}

/**
 * How well the sentence names an entity of the kind asked for that the question does not already name: 1 for
 * the kind itself, 0.5 for a near kind (a name of unknown kind when a person, company or place is asked for;
 * one kind of quantity for another), 0 for none, or when the question asks for no kind.
 */
export function entityTypeMatch(
  expected: readonly EntityType[],
  candidate: Pick<RankedSentence, 'sentence' | 'words' | 'matches' | 'context'>,
  /** The noun after "which" or "what" ("which diplomat"), when the question has one. */
  answerType?: string,
): number {
  if (expected.length === 0) return 0;
  // "Which diplomat was withdrawn?" — "its ambassador": a more specific word for the kind asked for is the answer.
  // Not for a quantity: "the amount" is no answer to "what percentage".
  const specific =
    expected.some((type) => NAME_TYPES.has(type)) &&
    candidate.matches.some(
      (match) => match.term.word === answerType && match.strength > 0 && match.strength < 1,
    );
  const questionStems = new Set(
    candidate.matches.filter((match) => match.strength > 0).map((match) => match.term.stem),
  );
  const askedTokens = candidate.words.tokens.filter(
    (token) => token.content && questionStems.has(token.stem),
  );
  let best = 0;
  // "She will oversee the dredging": who "she" is stands in the sentence before. "It approved the expansion"
  // after "The board met on March 3": a sentence opening on a pronoun goes on with the one before, whose date
  // or place may be the answer, though less surely.
  const previous = opensOnPronoun(candidate.sentence.text) ? candidate.context.at(-1) : undefined;
  if (previous) {
    const asked = new Set(candidate.matches.map((match) => match.term.word));
    for (const entity of entitiesOf({ sentence: previous })) {
      if (!expected.includes(entity.type)) continue;
      if (foldedWords(previous.text.slice(entity.start, entity.end)).some((word) => asked.has(word)))
        continue;
      best = Math.max(
        best,
        entity.type === 'person' && PERSONAL_PRONOUN.test(candidate.sentence.text) ? 1 : 0.5,
      );
    }
  }
  for (const entity of entitiesOf(candidate)) {
    // An entity the question already names ("Boeing" in "which rival did Boeing beat?") is not the answer.
    if (namedByQuestion(entity, askedTokens)) continue;
    const strength = expected.includes(entity.type)
      ? 1
      : (entity.type === 'name' && expected.some((type) => NAME_TYPES.has(type))) ||
          (QUANTITY_TYPES.has(entity.type) && expected.some((type) => QUANTITY_TYPES.has(type)))
        ? 0.5
        : 0;
    if (strength > best) best = strength;
    if (best === 1) break;
  }
  return specific ? Math.max(best, 0.5) : best;
}

/** Entities that count or measure; their unit ("34 years", "179 tankers") is often the question's own word. */
const QUANTITIES: ReadonlySet<EntityType> = new Set([...QUANTITY_TYPES, 'duration']);

/**
 * Whether the question already names the entity, so it cannot be the answer: a name sharing a word with the
 * question ("Barra" asked, "Mary Barra" found), or a quantity whose number the question gives. "How many years
 * behind bars…" is answered by "34 years", whose unit the question has.
 */
export function namedByQuestion(
  entity: Entity,
  askedTokens: readonly { start: number; end: number; word: string }[],
): boolean {
  return askedTokens.some(
    (token) =>
      token.start < entity.end &&
      token.end > entity.start &&
      (!QUANTITIES.has(entity.type) || /\d/.test(token.word)),
  );
}
