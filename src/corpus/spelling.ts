/**
 * British and American spellings of one word ("colour" and "color", "defence" and "defense", "organise" and
 * "organize"), brought to one form so that a question typed in one spelling finds an article written in the
 * other. Both sides of every match go through here, so a rule only has to give two spellings of a word the same
 * form; it does no harm where it makes a word no dictionary has ("rise" becomes "rize" everywhere alike). What
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
 * Greek and Latin "ae" and "oe", kept in Britain ("paediatric", "oestrogen"): listed, since the letters alone
 * would turn "poet" into "pet".
 */
const CLASSICAL_PREFIXES: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
const CLASSICAL = new RegExp(`^(?:${[...CLASSICAL_PREFIXES.keys()].join('|')})`);

const WHOLE_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    defence: 'defense',
    offence: 'offense',
    licence: 'license',
    pretence: 'pretense',
    grey: 'gray',
    programme: 'program',
    programmes: 'programs',
    aluminium: 'aluminum',
    plough: 'plow',
    mould: 'mold',
    sceptic: 'skeptic',
    sceptical: 'skeptical',
    judgement: 'judgment',
    ageing: 'aging',
    manoeuvre: 'maneuver',
    manoeuvres: 'maneuvers',
    enrolment: 'enrollment',
    fulfil: 'fulfill',
    tyre: 'tire',
    tyres: 'tires',
    kerb: 'curb',
    cheque: 'check',
    cheques: 'checks',
    pyjamas: 'pajamas',
    storey: 'story',
    storeys: 'stories',
  }),
);

const RULES: readonly (readonly [RegExp, string])[] = [
  [new RegExp(`^(${OUR_ROOTS})our`), '$1or'],
  [new RegExp(`^(${DOUBLED_L_ROOTS})l(?=ed$|ing$|ers?$)`), '$1'],
  [new RegExp(`^(${RE_ROOTS})re(s?)$`), '$1er$2'],
  [new RegExp(`^(${RE_ROOTS})red$`), '$1ered'],
  // "organise", "organisation", "realised": the "-ize" forms are the American ones.
  [/(?<=\p{L}{2})is(?=e$|es$|ed$|ing$|ers?$|ations?$)/u, 'iz'],
  [/(?<=\p{L})ys(?=e$|es$|ed$|ing$|ers?$)/u, 'yz'],
  [/(?<=\p{L}{2})ogue(s?)$/u, 'og$1'],
];

/**
 * The endings and beginnings the rules rewrite, in one test: most words are passed over by it, and `stem` runs
 * on every word of every candidate sentence.
 */
const MAYBE_BRITISH =
  /our|ll(?:ed|ing|ers?)$|re[sd]?$|[iy]s(?:e|es|ed|ing|ers?|ations?)$|ogues?$|^(?:paed|anae|haem|oes|foet|encyc|ortho|leuk|diarr)/;

/** The word's American spelling, or the word itself. `word` is lower case, as `stem` receives it. */
export function americanSpelling(word: string): string {
  const whole = WHOLE_WORDS.get(word);
  if (whole) return whole;
  if (!MAYBE_BRITISH.test(word)) return word;
  let spelled = word.replace(CLASSICAL, (prefix) => CLASSICAL_PREFIXES.get(prefix) ?? prefix);
  for (const [pattern, replacement] of RULES) spelled = spelled.replace(pattern, replacement);
  return spelled;
}
