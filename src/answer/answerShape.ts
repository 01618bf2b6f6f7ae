import type { QuestionKind } from './question.js';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_LIKE = new RegExp(
  `\\b(?:${MONTH}\\b|(?:1[5-9]|20)\\d\\d\\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b|yesterday|today|tomorrow|last (?:week|month|year)|\\d+ (?:days|weeks|months|years) (?:ago|later|after|before)|(?:early|mid|late)[- ]\\d{4}s?|century|decade)`,
  'i',
);
const NUMBER_LIKE =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several|half)\b|%/i;
const REASON_LIKE =
  /\b(?:because|due to|owing to|on (?:the )?grounds|in response to|as a result|so that|in order to|since|after|citing|reason|caused|led to|for (?:his|her|their|its)|accus|alleg|over (?:the|his|her))\b/i;
const PLACE_LIKE = /\b(?:in|at|near|from|to|inside|outside)\s+(?:the\s+)?\p{Lu}/u;
const PERSON_LIKE =
  /\p{Lu}\p{Ll}+(?:\s+(?:de |del |da |van |von |la )?\p{Lu}\p{Ll}+)+|\b(?:he|she|they|minister|president|official|ambassador|spokes\w+)\b/u;

/**
 * How well a sentence has the shape of an answer to this kind of question (0 to 1): a "when" question wants a
 * date, "how many" a number, "why" a reason, "who" a name. Only a nudge in ranking, since a sentence of the
 * wrong shape can still be the answer; used more strongly to choose the clause within a long sentence.
 */
export function shapeScore(kind: QuestionKind, text: string): number {
  switch (kind) {
    case 'when':
      return DATE_LIKE.test(text) ? 1 : 0;
    case 'how-many':
    case 'how-much':
      return NUMBER_LIKE.test(text) ? 1 : 0;
    case 'why':
      return REASON_LIKE.test(text) ? 1 : 0;
    case 'where':
      return PLACE_LIKE.test(text) ? 1 : 0;
    case 'who':
      return PERSON_LIKE.test(text) ? 1 : 0;
    default:
      return 0.5;
  }
}
