/**
 * British and American spellings of one word ("colour" and "color", "defence" and "defense", "organise" and
 * "organize"), brought to one form so that a question typed in one spelling finds an article written in the
 * other. Both sides of every match go through here, so a rule only has to give two spellings of a word the same
 * form; it does no harm where it makes a word no dictionary has ("raise" becomes "raize" everywhere alike). What
 * it must not do is turn one word into another (“filled” into “filed”), which is why the doubled-l and "-our"
 * rules list their words rather than follow the letters.
 */

/** Roots whose British spelling has "-our" where the American one has "-or": colour, honourable, labourers. */
const OUR_ROOTS =
  'arb|ard|arm|behavi|cand|clam|col|demean|endeav|fav|ferv|flav|harb|hon|hum|lab|neighb|od|parl|rig|rum|sav|savi|' +
  'splend|tum|val|vap|vig';

/** Verbs that double a final "l" in British spelling only: travelled, cancelling, modeller. */
const DOUBLED_L_ROOTS =
  'cancel|channel|counsel|dial|duel|equal|fuel|jewel|label|level|marvel|model|panel|quarrel|rival|signal|' +
  'total|travel|tunnel';

/** Roots spelt "-re" in Britain and "-er" in America: centre, metres, theatre, fibre. */
const RE_ROOTS = 'calib|cent|fib|lit|lust|meag|met|sab|somb|spect|theat';

/**
 * Words spelt apart by more than an ending, by their British beginnings, so that their other forms follow
 * ("defences", "ploughed", "sceptics", "manoeuvred"), and the Greek and Latin "ae" and "oe" Britain keeps
 * ("paediatric", "oestrogen"), listed since the letters alone would turn "poet" into "pet". Only pairs of one
 * word: "cheque" and "check", "kerb" and "curb", "tyre" and "tire", "storey" and "story" are also other words.
 */
const BRITISH_BEGINNINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    defenc: 'defens',
    offenc: 'offens',
    licenc: 'licens',
    pretenc: 'pretens',
    grey: 'gray',
    programme: 'program',
    aluminium: 'aluminum',
    plough: 'plow',
    mould: 'mold',
    scept: 'skept',
    judgement: 'judgment',
    manoeuvr: 'maneuver',
    enrolment: 'enrollment',
    pyjama: 'pajama',
    paediatr: 'pediatr',
    anaesth: 'anesth',
    anaemi: 'anemi',
    haem: 'hem',
    oestr: 'estr',
    foet: 'fet',
    encyclopaed: 'encycloped',
    orthopaed: 'orthoped',
    leukaem: 'leukem',
    oesophag: 'esophag',
    diarrhoea: 'diarrhea',
  }),
);
const BRITISH_BEGINNING = new RegExp(`^(?:${[...BRITISH_BEGINNINGS.keys()].join('|')})`);

/** Whole words with no rule of their own. */
const WHOLE_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ageing: 'aging',
    fulfil: 'fulfill',
    fulfils: 'fulfills',
    fulfilment: 'fulfillment',
    // "prise" open is no "prize": left alone, as the "-ise" rule would make it one.
    prise: 'prise',
    prised: 'prised',
    prising: 'prising',
  }),
);

const RULES: readonly (readonly [RegExp, string])[] = [
  [new RegExp(`^(${OUR_ROOTS})our`), '$1or'],
  [new RegExp(`^(${DOUBLED_L_ROOTS})l(?=ed$|ing$|ers?$)`), '$1'],
  [new RegExp(`^(${RE_ROOTS})re(s?)$`), '$1er$2'],
  [new RegExp(`^(${RE_ROOTS})red$`), '$1ered'],
  // "organise", "organisation", "realised": the "-ize" forms are the American ones. Not before "-es": "crises",
  // "irises" and "analyses" are plurals of "-is" nouns more often than verbs.
  [/(?<=\p{L}{2})is(?=e$|ed$|ing$|ers?$|ations?$)/u, 'iz'],
  [/(?<=\p{L})ys(?=e$|ed$|ing$|ers?$)/u, 'yz'],
  [/(?<=\p{L}{2})ogue(s?)$/u, 'og$1'],
  [/(?<=\p{L}{2})ogu(ed|ing)$/u, 'og$1'],
];

/**
 * The letters the rules rewrite, in one test: with the beginnings' test, most words are passed over, and `stem`
 * runs on every word of every candidate sentence.
 */
const MAYBE_BRITISH =
  /our|ll(?:ed|ing|ers?)$|re[sd]?$|[iy]s(?:e|ed|ing|ers?|ations?)$|og(?:ues?|ued|uing)$/;

/** The word's American spelling, or the word itself. `word` is lower case, as `stem` receives it. */
export function americanSpelling(word: string): string {
  const whole = WHOLE_WORDS.get(word);
  if (whole) return whole;
  if (!MAYBE_BRITISH.test(word) && !BRITISH_BEGINNING.test(word)) return word;
  let spelled = word.replace(BRITISH_BEGINNING, (prefix) => BRITISH_BEGINNINGS.get(prefix) ?? prefix);
  for (const [pattern, replacement] of RULES) spelled = spelled.replace(pattern, replacement);
  return spelled;
}
