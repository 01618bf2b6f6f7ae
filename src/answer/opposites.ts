import { contentTerms, foldedWords, foldText } from '../corpus/tokens.js';
import { WORDNET_ANTONYMS } from './wordnetAntonyms.js';

type PartOfSpeech = keyof typeof WORDNET_ANTONYMS | 'closed';

/**
 * Function words a question flips as readily as any adjective, which the WordNet table leaves out with the
 * other function words ("some"/"all" are not facts flipped).
 */
const CLOSED_CLASS = 'before/after most/least above/below';

/**
 * Words and their opposites, where a question written from a sentence flips the one into the other to ask what
 * the sentence does not say ("the weak force is due to…" asked as "the strong force is due to what?"). WordNet's
 * direct antonyms, by part of speech, and the closed-class words above.
 * Keyed "pos:word", as are the opposites.
 */
let oppositesTable: ReadonlyMap<string, readonly string[]> | undefined;

/** Built on the first question rather than at start-up: some 6,000 keys take a noticeable 15-20 ms to build. */
function opposites(): ReadonlyMap<string, readonly string[]> {
  if (oppositesTable) return oppositesTable;
  const table = new Map<string, string[]>();
  const add = (form: string, opposite: string): void => {
    const known = table.get(form);
    if (known) known.push(opposite);
    else table.set(form, [opposite]);
  };
  const sources: [PartOfSpeech, string][] = [
    ...(Object.entries(WORDNET_ANTONYMS) as [PartOfSpeech, string][]),
    ['closed', CLOSED_CLASS],
  ];
  for (const [partOfSpeech, pairs] of sources) {
    for (const pair of pairs.split(' ')) {
      const slash = pair.indexOf('/');
      const left = `${partOfSpeech}:${pair.slice(0, slash)}`;
      const right = `${partOfSpeech}:${pair.slice(slash + 1)}`;
      add(left, right);
      add(right, left);
    }
  }
  oppositesTable = table;
  return table;
}

/**
 * WordNet's detachment rules (its "morphy"): the endings an inflected word may drop to give its dictionary
 * form, by part of speech. Only forms the antonym table holds are kept, so a wrong strip finds nothing.
 */
const ENDINGS: Record<Exclude<PartOfSpeech, 'closed'>, readonly (readonly [string, string])[]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['ies', 'y'],
    ['men', 'man'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adjective: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
    ['ier', 'y'],
    ['iest', 'y'],
  ],
  adverb: [],
};

/** Irregular forms of words the table holds, which no ending rule reaches. */
const IRREGULAR: Readonly<Record<string, string>> = {
  better: 'adjective:good',
  best: 'adjective:good',
  worse: 'adjective:bad',
  worst: 'adjective:bad',
  won: 'verb:win',
  lost: 'verb:lose',
  rose: 'verb:rise',
  risen: 'verb:rise',
  fell: 'verb:fall',
  fallen: 'verb:fall',
  began: 'verb:begin',
  begun: 'verb:begin',
  sold: 'verb:sell',
  bought: 'verb:buy',
  gave: 'verb:give',
  given: 'verb:give',
  took: 'verb:take',
  taken: 'verb:take',
};

/**
 * Words seen before and their dictionary forms: a question meets the same few thousand words again, and trying
 * every ending of every part of speech costs more than the rest of the check. Cleared when it grows past a
 * corpus's vocabulary, so a long-running bot does not hoard words.
 */
const seenForms = new Map<string, readonly string[]>();
const SEEN_FORMS_LIMIT = 50_000;

/** The dictionary forms a word may be an inflection of, as "pos:word", among those with an opposite. */
function dictionaryForms(word: string): readonly string[] {
  const seen = seenForms.get(word);
  if (seen) return seen;
  if (seenForms.size >= SEEN_FORMS_LIMIT) seenForms.clear();
  const forms = inflectedFrom(word);
  seenForms.set(word, forms);
  return forms;
}

function inflectedFrom(word: string): readonly string[] {
  const forms = new Set<string>();
  const irregular = IRREGULAR[word];
  if (irregular) forms.add(irregular);
  forms.add(`closed:${word}`);
  for (const [partOfSpeech, endings] of Object.entries(ENDINGS)) {
    forms.add(`${partOfSpeech}:${word}`);
    for (const [ending, replacement] of endings) {
      if (!word.endsWith(ending) || word.length - ending.length < 2) continue;
      const stem = word.slice(0, word.length - ending.length);
      forms.add(`${partOfSpeech}:${stem}${replacement}`);
      // "bigger", "stopped": the doubled consonant goes with the ending.
      if (replacement === '' && stem.length >= 3 && stem.at(-1) === stem.at(-2)) {
        forms.add(`${partOfSpeech}:${stem.slice(0, -1)}`);
      }
    }
  }
  const table = opposites();
  return [...forms].filter((form) => table.has(form));
}

/**
 * A word and the same word negated by "un-" or "non-" ("official" and "unofficial", "encrypted" and
 * "unencrypted"): the opposites WordNet lists are only some of these. A stem shorter than four letters is
 * left alone ("until" is no negated "til").
 */
function negations(word: string): string[] {
  const stripped = /^(?:un|non)(\p{L}{4,})$/u.exec(word)?.[1];
  return stripped ? [stripped] : word.length >= 4 ? [`un${word}`, `non${word}`] : [];
}

/** "un-elected" and "unelected" are one word, so the hyphen does not leave "elected" standing alone. */
function words(text: string): string[] {
  return foldedWords(joinNegations(text));
}

function joinNegations(text: string): string {
  return text.replace(/\b(un|non)-(?=\p{L})/giu, '$1');
}

/**
 * Whether the sentence says the opposite of a word of the question and not the word itself: "Who accepted the
 * arguments?" against "The court rejected the arguments". A word the sentence's context uses is left alone: an
 * article that discusses the public and the private side by side flips nothing.
 */
export function contradicts(question: string, sentence: string, contextWords: readonly string[]): boolean {
  const askedWords = new Set(words(question));
  const saidWords = new Set(words(sentence));
  const asked = new Set([...askedWords].flatMap(dictionaryForms));
  const said = new Set([...saidWords].flatMap(dictionaryForms));
  return [...askedWords].some((word) => {
    if (contextWords.includes(word) || saidWords.has(word)) return false;
    const forms = dictionaryForms(word);
    if (forms.some((form) => said.has(form))) return false;
    return (
      forms.some((form) =>
        (opposites().get(form) ?? []).some(
          (opposite) =>
            said.has(opposite) &&
            !asked.has(opposite) &&
            !(
              CONVERSES.has(opposite) &&
              swapsSides(question, word, sentence, opposite.slice('closed:'.length))
            ),
        ),
      ) || negations(word).some((negation) => saidWords.has(negation) && !askedWords.has(negation))
    );
  });
}

/** Relations that hold the other way round with the sides swapped: "A before B" is "B after A". */
const CONVERSES: ReadonlySet<string> = new Set([
  'closed:before',
  'closed:after',
  'closed:above',
  'closed:below',
]);

/**
 * Whether the sentence states the question's relation from the other side: "How many hikes had the Fed made
 * before the housing market declined?" against "The housing market has been declining after the Fed raised
 * rates 17 times". What the question's clause of "before" holds, the sentence holds outside its clause of
 * "after", and the reverse; a question that flips the word alone keeps both sides where they were.
 */
function swapsSides(question: string, asked: string, sentence: string, said: string): boolean {
  const [questionClause, questionRest] = sides(question, asked);
  const [sentenceClause, sentenceRest] = sides(sentence, said);
  const shared = (left: ReadonlySet<string>, right: ReadonlySet<string>) =>
    [...left].filter((term) => right.has(term)).length;
  // Any word on the same side again ("activate" asked before, said before) means the question flipped the word
  // itself.
  return (
    shared(questionClause, sentenceClause) + shared(questionRest, sentenceRest) === 0 &&
    shared(questionClause, sentenceRest) + shared(questionRest, sentenceClause) >= 2
  );
}

/**
 * The content words' stems of the clause that `word` opens (up to the next comma or stop: "After the board
 * met, it…") and of the rest of the text.
 */
function sides(text: string, word: string): [Set<string>, Set<string>] {
  const folded = foldText(joinNegations(text));
  const opening = new RegExp(`\\b${word}\\b([^,;:.?!]*)`).exec(folded);
  if (!opening) return [new Set(), new Set(contentTerms(folded))];
  const rest = folded.slice(0, opening.index) + ' ' + folded.slice(opening.index + opening[0].length);
  return [new Set(contentTerms(opening[1] ?? '')), new Set(contentTerms(rest))];
}
