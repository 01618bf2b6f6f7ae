/** Relative date phrases: "yesterday", "next month", "a week ago", "that day", "eight days after …". */
import type { DateMention, DateSpec, DateUnit } from './dateSpec.js';

const NUMBER_WORD = String.raw`(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d{1,3})`;
const UNIT = String.raw`(?:day|week|month|year)s?`;
export const PART_OF_DAY = String.raw`(?:\s+(?:morning|afternoon|evening|night))?`;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

function amountOf(word: string): number {
  return NUMBER_WORDS[word.toLowerCase()] ?? Number(word);
}

function unitOf(word: string): DateUnit {
  return word.toLowerCase().replace(/s$/, '') as DateUnit;
}

/** Patterns whose meaning is fixed relative to the publication date or to the previous date in the text. */
const RELATIVE_PATTERNS: readonly {
  pattern: RegExp;
  spec: (match: RegExpExecArray) => DateSpec | undefined;
}[] = [
  {
    pattern: new RegExp(
      String.raw`\b(?:(?:earlier|later)\s+)?(today|tonight|yesterday|tomorrow)\b${PART_OF_DAY}`,
      'gi',
    ),
    spec: (match) => {
      const word = (match[1] ?? '').toLowerCase();
      return { kind: 'dayOffset', days: word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0 };
    },
  },
  { pattern: /\blast night\b/gi, spec: () => ({ kind: 'dayOffset', days: -1 }) },
  { pattern: /\bthis (?:morning|afternoon|evening)\b/gi, spec: () => ({ kind: 'dayOffset', days: 0 }) },
  {
    pattern: /\b(?:(earlier|later) )?(this|last|next) (week|month|year)\b/gi,
    spec: (match) => {
      const which = (match[2] ?? '').toLowerCase();
      return {
        kind: 'period',
        unit: unitOf(match[3] ?? ''),
        offset: which === 'last' ? -1 : which === 'next' ? 1 : 0,
      };
    },
  },
  {
    // "the end of the year" means the year of the story; "the year" alone is usually a duration.
    pattern: /\b(?:the\s+)?(?:end|start|beginning|middle|rest) of the (year|month)\b/gi,
    spec: (match) => ({ kind: 'period', unit: unitOf(match[1] ?? ''), offset: 0, contextual: true }),
  },
  {
    pattern: new RegExp(String.raw`\b(${NUMBER_WORD})\s+(${UNIT})\s+ago\b`, 'gi'),
    spec: (match) => ({ kind: 'ago', unit: unitOf(match[2] ?? ''), amount: amountOf(match[1] ?? '') }),
  },
  {
    pattern: /\b(?:that|the same|that same)\s+(?:[a-z]+\s+)?day\b/gi,
    spec: (match) =>
      /\b(?:every|one|each|some|any)\b/i.test(match[0])
        ? undefined
        : { kind: 'anaphora', unit: 'day', amount: 0, needsDay: false },
  },
  {
    pattern:
      /(?<=\b(?:finish|finished|finishing|end|ended|ending|close|closed|closing|start|started|began|begin|opened)\s+)the day\b|(?<=\b(?:late|early|earlier|later)\s+in\s+)the day\b/gi,
    spec: () => ({ kind: 'anaphora', unit: 'day', amount: 0, needsDay: true }),
  },
  {
    pattern:
      /(?<=\b(?:at|by|since|until|from|around)\s+)(?:the|that)\s+time\b(?=\s*(?:[,.;:)]|$)|\s+(?:by|in|on|to|with|and|but|he|she|they|it)\b)/gim,
    spec: () => ({ kind: 'anaphora', unit: 'day', amount: 0, needsDay: false }),
  },
  {
    pattern:
      /\bthe (?:next|following|previous) day\b|\bthe day (?:after|before)(?=\s*[,.;]|$)|\ba day (?:later|earlier)\b/gim,
    spec: (match) => ({
      kind: 'anaphora',
      unit: 'day',
      amount: /previous|before|earlier/i.test(match[0]) ? -1 : 1,
      needsDay: true,
    }),
  },
  {
    pattern: new RegExp(String.raw`\b(${NUMBER_WORD})\s+(${UNIT})\s+(later|earlier)\b`, 'gi'),
    spec: (match) => {
      const amount = amountOf(match[1] ?? '');
      return {
        kind: 'anaphora',
        unit: unitOf(match[2] ?? ''),
        amount: /earlier/i.test(match[3] ?? '') ? -amount : amount,
        needsDay: true,
      };
    },
  },
  {
    pattern: new RegExp(String.raw`\b(${NUMBER_WORD})\s+(${UNIT})\s+(after|before|prior to)\b`, 'gi'),
    spec: (match) => {
      const amount = amountOf(match[1] ?? '');
      return {
        kind: 'offset',
        unit: unitOf(match[2] ?? ''),
        amount: /after/i.test(match[3] ?? '') ? amount : -amount,
      };
    },
  },
];

export function relativeMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  for (const { pattern, spec } of RELATIVE_PATTERNS) {
    for (const match of matches(text, pattern)) {
      const meaning = spec(match);
      if (meaning) mentions.push({ start: match.index, end: match.index + match[0].length, spec: meaning });
    }
  }
  return mentions;
}

function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  yield* text.matchAll(pattern);
}
