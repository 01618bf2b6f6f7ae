import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { SAME_FAMILY } from '../retrieval/termMatcher.js';
import { entitiesOf, namedByQuestion } from './answerType.js';
import type { EntityType } from './entities.js';
import { contradicts } from './opposites.js';
import type { QuestionKind } from './question.js';

/** Words that deny or negate what a yes/no question asks. */
const DENIAL =
  /\b(?:not|no|never|none|neither|nor|cannot|denied|denies|deny|denying|rejected|rejects|refused|refuses|dismissed|false|untrue|without)\b|n['’]t\b/i;

/** A short answer longer than this is no longer short: the quote says it better. */
const LONGEST = 60;

/**
 * The answer in a few words, taken verbatim from the answering sentence, for questions that ask for an entity,
 * a date or a quantity ("Mary Barra", "June 24", "$20,000"), or a yes or a no. It is the entity of the kind
 * asked for that the question does not already name, nearest to the words the sentence shares with the
 * question; null when the sentence has none, so the quote alone answers.
 */
export function shortAnswer(
  question: ShortQuestion,
  candidate: Pick<RankedSentence, 'sentence' | 'words' | 'matches'>,
): string | null {
  return shortAnswerAmong(question, [candidate]);
}

/**
 * The short answer when the reply quotes several sentences (a close call): the entity of the kind asked for
 * first, from whichever sentence has it, before a nearer kind from the first ("6.50%" in the second sentence
 * before "one" in the first, for "by what percentage…").
 */
export function shortAnswerAmong(
  question: ShortQuestion,
  candidates: readonly Pick<RankedSentence, 'sentence' | 'words' | 'matches'>[],
): string | null {
  const [first] = candidates;
  if (!first) return null;
  if (question.kind === 'yes-no') return yesOrNo(question.text, first);
  const found = candidates.flatMap((candidate, position) => {
    const answer = entityAnswer(question, candidate);
    return answer ? [{ ...answer, position }] : [];
  });
  found.sort((left, right) => left.order - right.order || left.position - right.position);
  return found[0]?.text ?? null;
}

interface ShortQuestion {
  kind: QuestionKind;
  text: string;
  entityTypes: readonly EntityType[];
}

function entityAnswer(
  question: ShortQuestion,
  candidate: Pick<RankedSentence, 'sentence' | 'words' | 'matches'>,
): { text: string; order: number } | undefined {
  const text = candidate.sentence.text;
  if (question.entityTypes.length === 0) return undefined;
  const questionStems = new Set(
    candidate.matches.filter((match) => match.strength > 0).map((match) => match.term.stem),
  );
  const anchors = candidate.words.tokens.filter((token) => token.content && questionStems.has(token.stem));
  const [asked] = question.entityTypes;
  const namesMayAnswer = asked !== undefined && NAMED.has(asked);
  const choices = entitiesOf(candidate).flatMap((entity) => {
    if (namedByQuestion(entity, anchors)) return [];
    const rank = question.entityTypes.indexOf(entity.type);
    const fallback = entity.type === 'name' && namesMayAnswer;
    if (rank < 0 && !fallback) return [];
    // A sentence sharing no word with the question is quoted for the one after it ("…until the December 7
    // coup attempt." before "On that day, …"): what that one goes on from stands nearest its end.
    const distance =
      anchors.length === 0
        ? text.length - entity.end
        : Math.min(
            ...anchors.map((token) => Math.max(token.start - entity.end, entity.start - token.end, 0)),
          );
    return [{ entity, order: rank < 0 ? question.entityTypes.length : rank, distance }];
  });
  const [best] = choices.sort((left, right) => left.order - right.order || left.distance - right.distance);
  if (!best) return undefined;
  const found = text.slice(best.entity.start, best.entity.end).replace(/['’]s$/u, '');
  return found.length <= LONGEST ? { text: found, order: best.order } : undefined;
}

/**
 * The kinds first asked for that a capitalised name of unknown kind may answer. Not a place: the tagger knows
 * places by its lexicon or a preposition before them ("in Lima"), so an unknown name answering "where" is usually
 * the person or body doing the act ("Apple's chief executive announced it at a developers' conference").
 */
const NAMED: ReadonlySet<EntityType> = new Set(['person', 'organisation']);

/**
 * "Yes" when the sentence states what was asked, "No" when it denies it: a word of the question turned into its
 * opposite, or a negation or a word of denial that the question does not have ("Did the clinic issue the
 * certificate?" — "the clinic … denied having ever issued it"). Only when the sentence has the question's own verbs (by word family at least): "Did the Fed cut
 * its rate?" is not answered yes or no by "the Fed decided to maintain its rate", which the quote shows. A
 * question offering alternatives ("up or down?") is not a yes/no question.
 */
function yesOrNo(question: string, candidate: Pick<RankedSentence, 'sentence' | 'matches'>): string | null {
  if (/\bor\b/i.test(question)) return null;
  // "In response to questions of whether the New GM would import cars…" reports the question, not its answer.
  if (/\b(?:whether|asked if)\b/i.test(candidate.sentence.text)) return null;
  // "Did the dollar rise?" — "The dollar fell": the sentence says the opposite of what was asked, about the same
  // names, and that is a no.
  const names = candidate.matches.filter((match) => match.term.proper);
  if (
    names.every((match) => match.strength >= SAME_FAMILY) &&
    contradicts(question, candidate.sentence.text, [])
  ) {
    return 'No';
  }
  const verbs = candidate.matches.filter((match) => match.term.verb);
  const asked = verbs.length > 0 ? verbs : candidate.matches.filter((match) => !match.term.proper);
  if (asked.length === 0 || asked.some((match) => match.strength < SAME_FAMILY)) return null;
  const denied = DENIAL.test(candidate.sentence.text) && !DENIAL.test(question);
  return denied ? 'No' : 'Yes';
}
