/**
 * General English word lists for reading people out of news text. They describe kinds of words (titles,
 * roles, institutions), never particular people or articles.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Courtesy titles dropped from names: "Ms. Betssy Chávez Chino" is Betssy Chávez Chino. */
export const HONORIFICS = words(`
  mr mr. mrs mrs. ms ms. miss mx dr dr. sir dame lord lady madam madame monsieur señor señora don doña
  prof prof. rev rev. reverend fr fr. hon hon.
`);

/** Abbreviated titles: "Sen. McCain", "Gov. Riley", "Special Asst. to the Secretary". */
export const TITLE_ABBREVIATIONS = words(
  `sen gen gov rep lt col capt sgt adm maj pres asst supt insp det cpl`,
);

/** Nouns that name what a person is or does; the head of a role phrase ("Mexican ambassador", "Head of Congress"). */
export const ROLE_NOUNS = words(`
  president vice-president president-elect minister premier chancellor prime ambassador envoy diplomat consul
  senator representative congressman congresswoman congressmember lawmaker legislator parliamentarian mp deputy
  governor mayor councillor councilor councilman councilwoman alderman commissioner delegate
  judge justice magistrate prosecutor attorney lawyer solicitor barrister counsel advocate defender
  officer official officials spokesman spokeswoman spokesperson secretary undersecretary under-secretary
  director head chief chairman chairwoman chairperson chair ceo cfo coo cto cio executive founder co-founder
  manager leader analyst analysts economist strategist expert professor researcher scientist academic lecturer
  doctor physician surgeon nurse author writer journalist reporter correspondent editor columnist commentator
  anchor host presenter producer actor actress singer musician artist player coach captain athlete champion
  general admiral colonel commander major lieutenant sergeant corporal soldier marshal brigadier
  king queen prince princess emperor empress monarch sultan emir sheikh pope cardinal bishop archbishop priest
  pastor imam rabbi cleric ayatollah dictator candidate nominee activist campaigner organizer organiser
  teacher student worker employee owner partner investor trader banker broker consultant adviser advisor aide
  assistant negotiator mediator inspector detective sheriff constable superintendent agent
  wife husband widow widower son daughter mother father brother sister spouse fiancé fiancée cousin uncle aunt
  niece nephew grandson granddaughter grandmother grandfather stepson stepdaughter child children friend
  boyfriend girlfriend ex-wife ex-husband
  victim suspect defendant witness survivor resident citizen member speaker staffer pollster historian lobbyist
  treasurer comptroller auditor regulator architect engineer designer pilot astronaut politician statesman
  dissident rebel militant warlord founder inventor entrepreneur billionaire philanthropist chef curator
  ruler heir successor predecessor incumbent challenger opponent rival ally deputy-head vice-chair
  ombudsman attaché envoy-designate coordinator administrator superintendent principal dean provost rector
  principal-deputy undersecretary-general secretary-general director-general attorney-general
`);

/** Nouns that name people: the roles, and people by kind ("workers", "troops", "passengers"). */
export const PERSON_NOUNS: ReadonlySet<string> = new Set([
  ...ROLE_NOUNS,
  ...words('person persons people man men woman women boss bosses staff troops civilians passengers'),
]);

/** The listed noun a word is, or is the plural of ("pilots", "witnesses"). */
export function listedNoun(nouns: ReadonlySet<string>, word: string): string | undefined {
  return [word, word.replace(/s$/, ''), word.replace(/es$/, '')].find((form) => nouns.has(form));
}

/** Words that qualify a role without being one ("former", "interim", "then-"). */
export const ROLE_MODIFIERS = words(`
  former interim acting deputy vice assistant associate senior junior chief executive general special principal
  foreign federal national state regional provincial local municipal first second third current outgoing
  incoming new newly-elected elected appointed designated ex ex- late then then- defence defense finance
  interior justice labor labour culture health education energy transport industry trade economy economic
  financial operating technology legal political military supreme top lead managing permanent
`);

/** A lower-cased word that qualifies a role: one of `ROLE_MODIFIERS`, or joined to the role ("then-Vice"). */
export function isRoleModifierKey(key: string): boolean {
  return ROLE_MODIFIERS.has(key) || /^(?:then|ex|former|vice|deputy|acting)-/.test(key);
}

/**
 * Words that are never part of a person's name: institutions, bodies and generic places. A capitalised run
 * such as "Congress José Jerí" loses them from its front, and a run ending in one is an organisation.
 */
export const INSTITUTION_WORDS = words(`
  congress parliament senate house assembly court courts ministry office government administration cabinet
  department agency bureau commission committee council authority board army navy air force forces command
  police guard party union federation association institute institution foundation center centre university
  college school academy hospital clinic church mosque temple bank fund company corporation corp corp. inc
  inc. ltd ltd. co co. llc plc group holdings airlines airways aircraft airport motors motor industries
  systems technologies network networks news times post journal press radio television tv channel studio
  studios media magazine herald tribune gazette daily weekly broadcasting records embassy consulate
  prosecutor’s prosecutors prosecutor's republic kingdom state states province city county district region
  organisations organizations computer computers software electronics entertainment pictures films
  music records petroleum oil steel foods pharmaceuticals partners capital investments securities insurance
  mutual brothers associates management industries labs laboratories
  communications acquisition affairs defense defence security intelligence treasury finance justice interior
  commerce trade development energy health education transport transportation agriculture labor labour
  culture environment foreign reserve exchange market markets stock index program programme project
  conference summit flight station street avenue boulevard road highway parkway square park bridge tower hall
  museum stadium festival award
  prize cup league championship games olympics treaty act law accord agreement plan era war revolution
  movement campaign operation mission initiative service services club team organisation organization
  communist socialist democratic republican labour conservative liberal
`);

/** Lower-case words that may sit between the parts of a name: "Hugo de Zela", "Ludwig van Beethoven". */
export const NAME_PARTICLES = words(
  `de del della der di da das dos du van von la le bin ibn al el y ter ten`,
);

/** Suffixes that belong to a name. */
export const NAME_SUFFIXES = words(`jr jr. sr sr. ii iii iv`);

/** Verbs of speech and report: "X said", "said X", "X told reporters". People speak; an org name rarely follows "said". */
export const SPEECH_VERBS = words(`
  said says say told tells stated states added adds commented comments explained explains noted notes wrote
  writes argued argues insisted insists warned warns claimed claims asked asks replied replies recalled
  recalls acknowledged acknowledges admitted admits announced announces declared declares tweeted tweets
  remarked remarks testified testifies
`);

/** Descriptions of a person's politics or manner, not roles: "communist former President" is a former President. */
export const DESCRIPTORS = words(`
  communist socialist marxist leftist rightist populist conservative liberal progressive nationalist
  far-left far-right left-wing right-wing hardline hard-line moderate radical controversial embattled
  beleaguered disgraced ousted jailed imprisoned exiled popular unpopular veteran longtime long-time
  powerful influential outspoken wealthy billionaire
`);

/** Names of days and months, which taggers sometimes read as given names ("April", "June"). */
export const DAY_AND_MONTH_NAMES = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december
`);

/** Words a sentence can open with that a tagger may fold into a name ("Although Chávez"). */
export const FUNCTION_WORDS = words(`
  a an the and or but nor so yet for of in on at by to from with without about after before since until
  during while although though because if when where whereas as than then also however meanwhile moreover
  according despite under over between among through throughout against toward towards into onto upon via
  this that these those his her its their our my your we they he she it i you who whom whose which what
  there here not no yes both either neither each every all some any many most more less few several
  meanwhile instead still even just only already again once now today yesterday tomorrow including like such
`);
