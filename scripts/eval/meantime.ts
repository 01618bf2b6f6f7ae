/**
 * Scoring of /who and /timeline extraction on MEANTIME (WikiNews articles with gold annotations), shared by
 * `scripts/eval-meantime.ts` (every miss, and the people found per article) and `npm run eval` (by folds).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Article, Paragraph } from '../../src/corpus/types.js';
import { extractPeople } from '../../src/answer/people/index.js';
import { extractTimeline, resolveDates } from '../../src/answer/timeline/index.js';
import type { Person } from '../../src/answer/types.js';

interface Timex {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
}

export interface MeantimeRecord {
  doc_id: string;
  title: string;
  dct: { value: string; text: string } | null;
  text: string;
  persons_named: string[];
  timexes: Timex[];
}

const CALENDAR_VALUE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

function lines(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length > 0) {
      paragraphs.push({ number: paragraphs.length + 1, text: line, start, end: start + line.length });
    }
    start += line.length + 1;
  }
  return paragraphs;
}

/** The publication date: the record's creation date, or else the dateline (the text's second line). */
function publicationDate(record: MeantimeRecord): string | undefined {
  if (record.dct?.value) return record.dct.value;
  const dateline = record.text.split('\n')[1] ?? '';
  return resolveDates(dateline, undefined).find((date) => date.granularity === 'day')?.value;
}

function toArticle(record: MeantimeRecord): Article {
  const published = publicationDate(record);
  return {
    id: record.doc_id,
    file: `${record.doc_id}.txt`,
    metadata: {
      title: record.text.split('\n')[0] ?? record.title,
      language: 'en',
      ...(published ? { published } : {}),
    },
    text: record.text,
    paragraphs: lines(record.text),
    contentHash: createHash('sha256').update(record.text).digest('hex'),
  };
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function isFound(goldName: string, people: readonly Person[]): boolean {
  const gold = fold(goldName);
  return people.some(
    (person) =>
      fold(person.name) === gold ||
      person.aliases.some((alias) => fold(alias) === gold) ||
      ` ${fold(person.name)} `.includes(` ${gold} `),
  );
}

export function readMeantime(file: string): MeantimeRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as MeantimeRecord);
}

export interface MeantimeScore {
  dateTotal: number;
  dateCorrect: number;
  dateMisses: string[];
  goldPeople: number;
  foundPeople: number;
  peopleMisses: string[];
  /** People found, all articles together (the gold lists only some of them). */
  extracted: number;
  /** One line per article: the people found, with their first role. */
  listing: string[];
  timings: { id: string; milliseconds: number }[];
}

/**
 * (a) Of the gold DATE expressions whose value is a calendar day, month or year, how many are resolved to that
 * value by an expression overlapping the same text; (b) recall of the people the annotators list as named.
 */
export function scoreMeantime(records: readonly MeantimeRecord[]): MeantimeScore {
  const score: MeantimeScore = {
    dateTotal: 0,
    dateCorrect: 0,
    dateMisses: [],
    goldPeople: 0,
    foundPeople: 0,
    peopleMisses: [],
    extracted: 0,
    listing: [],
    timings: [],
  };
  // The first call loads compromise's lexicon; warm it up so the timing below is per article.
  const warmUp: MeantimeRecord = {
    doc_id: 'warm-up',
    title: 'warm-up',
    dct: { value: '2000-01-01', text: 'January 1 , 2000' },
    text: 'Warm up\nJanuary 1 , 2000\nMayor Ann Lee spoke on Monday .',
    persons_named: [],
    timexes: [],
  };
  extractTimeline([toArticle(warmUp)], extractPeople([toArticle(warmUp)]));
  for (const record of records) {
    const article = toArticle(record);
    const resolved = resolveDates(article.text, article.metadata.published, {
      paragraphs: article.paragraphs,
    });
    for (const timex of record.timexes) {
      if (timex.type !== 'DATE' || !CALENDAR_VALUE.test(timex.value)) continue;
      score.dateTotal++;
      const overlapping = resolved.filter((date) => date.start < timex.end && timex.start < date.end);
      if (overlapping.some((date) => date.value === timex.value)) {
        score.dateCorrect++;
      } else {
        const got = overlapping.map((date) => `"${date.text}"=${date.value}`).join(', ') || 'nothing';
        score.dateMisses.push(`  ${record.doc_id} "${timex.text}" gold ${timex.value}, got ${got}`);
      }
    }
    const started = performance.now();
    const people = extractPeople([article]);
    extractTimeline([article], people);
    score.timings.push({ id: record.doc_id, milliseconds: performance.now() - started });
    score.extracted += people.length;
    for (const gold of record.persons_named) {
      score.goldPeople++;
      if (isFound(gold, people)) score.foundPeople++;
      else score.peopleMisses.push(`  ${record.doc_id} ${gold}`);
    }
    const names = people.map((person) =>
      person.roles[0] ? `${person.name} (${person.roles[0]})` : person.name,
    );
    score.listing.push(`  ${record.doc_id}: ${names.join('; ') || '—'}`);
  }
  return score;
}
