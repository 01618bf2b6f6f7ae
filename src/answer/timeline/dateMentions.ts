import * as chrono from 'chrono-node';
import { monthNumber, WEEKDAY_NAMES } from './calendar.js';
import type { DateMention, DateSpec, Modifier } from './dateSpec.js';
import { PART_OF_DAY, relativeMentions } from './relativeMentions.js';

export type { DateMention, DateSpec, DateUnit, Modifier } from './dateSpec.js';

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`;
const WEEKDAY = String.raw`(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)`;
/** Words that, right before a month name, show it is used as a date ("in May") rather than a verb or a name. */
const DATE_LEAD =
  /(?:\b(?:in|on|since|by|until|till|from|to|through|throughout|during|of|early|mid|late|last|next|this|before|after|between|and|or|around|end|beginning|start|middle)[\s-]*|,\s*)$/i;

/** Leads that make a month a date even before a capitalised word: "in April Congress voted". */
const STRONG_DATE_LEAD =
  /\b(?:in|since|by|until|till|during|throughout|early|mid|late|before|after|of)[\s-]*$/i;

/** Named days that are not "the most recent such weekday". */
const NAMED_DAY_BEFORE =
  /\b(?:Black|Good|Super|Bloody|Ash|Easter|Cyber|Holy|Maundy|Palm|Shrove|Giving|Blue|Whit)\s+$/;
/** Newspapers and shows named after a weekday ("the Sunday Times"). */
const TITLE_AFTER =
  /^\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Mail|Independent|Star|Sport|Night Live|Morning)\b/;

/** Nouns that show a four-digit number is a count, not a year ("2000 jobs"). */
const COUNT_NOUN =
  /^\s*(?:people|persons|jobs|workers|employees|staff|troops|soldiers|residents|voters|votes|units|cars|vehicles|homes|houses|deaths|cases|points|shares|tons|tonnes|metres|meters|miles|kilometres|kilometers|km|feet|ft|hectares|acres|dollars|euros|pounds|yen|students|members|flights|passengers|children|families|pages|words|rooms|beds|prisoners|protesters|officers|police|calories|degrees|barrels|aircraft|planes|copies|items|times|m|kg|lb)\b/i;
/** Capitalised words that may stand right before a year without making it part of a name ("In 2009", "The 2022 vote"). */
const YEAR_LEAD_WORDS = new Set([
  'in',
  'on',
  'by',
  'since',
  'until',
  'from',
  'to',
  'of',
  'during',
  'throughout',
  'before',
  'after',
  'between',
  'and',
  'or',
  'the',
  'early',
  'mid',
  'late',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'around',
  'about',
  'circa',
  'as',
  'for',
  'through',
]);

/** Runs chrono-node's strict parser: it knows every written form of a full calendar day ("Nov. 3", "3rd of March"). */
function chronoDays(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  for (const result of chrono.strict.parse(text, new Date(Date.UTC(2000, 0, 1, 12)), {
    forwardDate: false,
  })) {
    const tags = [...result.tags()];
    if (tags.some((tag) => tag.startsWith('result/relativeDate') || tag.startsWith('casualReference')))
      continue;
    const { start: parsed } = result;
    if (!parsed.isCertain('month') || !parsed.isCertain('day')) continue;
    let start = result.index;
    let phrase = result.text;
    // A headline ending in a weekday above a dateline is read by chrono as one date; the dateline alone is the
    // date. A date wrapped over two lines of one paragraph ("December\n19, 2024") stays whole.
    const lastBreak = phrase.lastIndexOf('\n');
    const afterBreak = phrase.slice(lastBreak + 1);
    if (lastBreak >= 0 && new RegExp(MONTH).test(afterBreak) && /\d/.test(afterBreak)) {
      start += lastBreak + 1;
      phrase = afterBreak;
    }
    // chrono includes a leading time ("at 16:15 UTC , June 1st") or preposition; the date starts at its first day or month word.
    const core = new RegExp(
      String.raw`\d{1,4}(?:st|nd|rd|th)?\b|${MONTH}|\b(?:first|second|third|fourth|fifth)\b`,
      'i',
    );
    const coreAt = parsed.isCertain('hour') || /^(?:on|the)\s/i.test(phrase) ? phrase.search(core) : 0;
    if (coreAt > 0) {
      start += coreAt;
      phrase = phrase.slice(coreAt);
    }
    phrase = phrase.replace(/[\s,]+$/, '');
    // A lower-case month is a verb ("march 3 miles"), not a date.
    if (/\b(?:march|may)\b/.test(phrase) && !/\d{4}/.test(phrase)) continue;
    const spec: DateSpec = { kind: 'calendar', month: parsed.get('month') ?? 1, day: parsed.get('day') ?? 1 };
    const year = parsed.isCertain('year') ? parsed.get('year') : null;
    if (year !== null) spec.year = year;
    mentions.push({ start, end: start + phrase.length, spec });
  }
  return mentions;
}

function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  yield* text.matchAll(pattern);
}

function monthMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  const monthYear = new RegExp(String.raw`\b(${MONTH})(?:\s+of)?\s*,?\s+(\d{4})\b(?![\d%])`, 'g');
  for (const match of matches(text, monthYear)) {
    const month = monthNumber(match[1] ?? '');
    if (month === undefined) continue;
    const spec: DateSpec = { kind: 'calendar', year: Number(match[2]), month };
    mentions.push({ start: match.index, end: match.index + match[0].length, spec });
  }
  const monthAlone = new RegExp(String.raw`\b(?:(last|next|this)\s+)?(${MONTH})(?![\p{L}])`, 'gu');
  for (const match of matches(text, monthAlone)) {
    const name = match[2] ?? '';
    const month = monthNumber(name);
    if (month === undefined) continue;
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 20);
    const ledAsDate = match[1] !== undefined || DATE_LEAD.test(before);
    const stronglyLed = match[1] !== undefined || STRONG_DATE_LEAD.test(before);
    // "May" and "March" are also verbs, and any month may open a name ("April Ryan"): without a lead, skip them.
    if (!ledAsDate && /^(?:May|March)$/.test(name)) continue;
    if (!stronglyLed && /^\s+\p{Lu}/u.test(after) && !/^\s+(?:\d|of\b)/.test(after)) continue;
    const spec: DateSpec = { kind: 'calendar', month };
    const modifier = match[1]?.toLowerCase() as Modifier | undefined;
    if (modifier) spec.modifier = modifier;
    mentions.push({ start: match.index, end: match.index + match[0].length, spec });
  }
  return mentions;
}

function yearMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  const year =
    /(?<![\d$£€¥#:/.,-])(?<![$£€¥#]\s)\b(1[6-9]\d\d|20\d\d)\b(?![\d%]|\.\d|[-–]\d|s\b|\s*(?:percent|per cent))/g;
  for (const match of matches(text, year)) {
    const end = match.index + match[0].length;
    if (COUNT_NOUN.test(text.slice(end, end + 20))) continue;
    const previous =
      /([\p{L}’'.]+)\s*$/u.exec(text.slice(Math.max(0, match.index - 30), match.index))?.[1] ?? '';
    const isName =
      /^\p{Lu}/u.test(previous) &&
      !YEAR_LEAD_WORDS.has(previous.toLowerCase()) &&
      !/[’']s$/.test(previous) &&
      monthNumber(previous) === undefined;
    if (isName || /^(?:no|number|flight|model|route|version)\.?$/i.test(previous)) continue;
    mentions.push({ start: match.index, end, spec: { kind: 'calendar', year: Number(match[1]) } });
  }
  return mentions;
}

function weekdayMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  const pattern = new RegExp(
    String.raw`\b(?:(last|next|this|past)\s+)?(${WEEKDAY})(?!s\b)\b${PART_OF_DAY}`,
    'g',
  );
  for (const match of matches(text, pattern)) {
    const end = match.index + match[0].length;
    if (NAMED_DAY_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    if (TITLE_AFTER.test(text.slice(end, end + 20))) continue;
    const weekday = WEEKDAY_NAMES.indexOf((match[2] ?? '').toLowerCase() as (typeof WEEKDAY_NAMES)[number]);
    const modifier = match[1]?.toLowerCase();
    const spec: DateSpec = { kind: 'weekday', weekday };
    if (modifier === 'last' || modifier === 'past') spec.modifier = 'last';
    else if (modifier === 'next' || modifier === 'this') spec.modifier = modifier;
    mentions.push({ start: match.index, end, spec });
  }
  return mentions;
}

/** "late October", "mid-2009", "the end of this year": the qualifier joins the span; the value keeps its granularity. */
const QUALIFIER = /(?:\b(?:early|mid|late)[\s-]+|\b(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)$/i;

function withQualifier(text: string, mention: DateMention): DateMention {
  const { spec } = mention;
  const qualifiable = (spec.kind === 'calendar' && spec.day === undefined) || spec.kind === 'period';
  if (!qualifiable) return mention;
  const before = text.slice(Math.max(0, mention.start - 24), mention.start);
  const qualifier = QUALIFIER.exec(before);
  return qualifier ? { ...mention, start: mention.start - qualifier[0].length } : mention;
}

/**
 * Every date phrase in `text`, in order, without overlaps: where two phrases overlap the longer one is kept
 * ("June 2023" over "2023"), except that an offset phrase ("eight days after") keeps its anchor date.
 */
export function findDateMentions(text: string): DateMention[] {
  const all = [
    ...chronoDays(text),
    ...monthMentions(text),
    ...yearMentions(text),
    ...weekdayMentions(text),
    ...relativeMentions(text),
  ].map((mention) => withQualifier(text, mention));
  all.sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: DateMention[] = [];
  for (const mention of all) {
    const previous = kept.at(-1);
    if (previous && mention.start < previous.end) continue;
    kept.push(mention);
  }
  return kept;
}
