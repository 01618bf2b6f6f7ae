/**
 * Measures /who and /timeline extraction on MEANTIME (WikiNews articles with gold annotations):
 *   (a) of the gold DATE expressions whose value is a calendar day, month or year, the share resolved to that value
 *       by an expression overlapping the same text;
 *   (b) recall of the people the annotators list as named;
 *   (c) how many people were found, listed per article so precision can be judged by reading.
 *
 *   npx tsx scripts/eval-meantime.ts [path/to/articles.jsonl]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, Paragraph } from '../src/corpus/types.js';
import { extractPeople } from '../src/answer/people/index.js';
import { extractTimeline, resolveDates } from '../src/answer/timeline/index.js';
import type { Person } from '../src/answer/types.js';

interface Timex {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
}

interface MeantimeRecord {
  doc_id: string;
  title: string;
  dct: { value: string; text: string } | null;
  text: string;
  persons_named: string[];
  timexes: Timex[];
}

const DEFAULT_PATH = path.resolve(import.meta.dirname, '../../shared/eval/meantime-dev/articles.jsonl');
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

const ratio = (part: number, whole: number): string => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));

function main(): void {
  const file = process.argv[2] ?? DEFAULT_PATH;
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as MeantimeRecord);

  let dateTotal = 0;
  let dateCorrect = 0;
  const dateMisses: string[] = [];
  let goldPeople = 0;
  let foundPeople = 0;
  const peopleMisses: string[] = [];
  let extracted = 0;
  const listing: string[] = [];
  const timings: { id: string; milliseconds: number }[] = [];

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
      dateTotal++;
      const overlapping = resolved.filter((date) => date.start < timex.end && timex.start < date.end);
      if (overlapping.some((date) => date.value === timex.value)) {
        dateCorrect++;
      } else {
        const got = overlapping.map((date) => `"${date.text}"=${date.value}`).join(', ') || 'nothing';
        dateMisses.push(`  ${record.doc_id} "${timex.text}" gold ${timex.value}, got ${got}`);
      }
    }

    const started = performance.now();
    const people = extractPeople([article]);
    extractTimeline([article], people);
    timings.push({ id: record.doc_id, milliseconds: performance.now() - started });
    extracted += people.length;
    for (const gold of record.persons_named) {
      goldPeople++;
      if (isFound(gold, people)) foundPeople++;
      else peopleMisses.push(`  ${record.doc_id} ${gold}`);
    }
    const names = people.map((person) =>
      person.roles[0] ? `${person.name} (${person.roles[0]})` : person.name,
    );
    listing.push(`  ${record.doc_id}: ${names.join('; ') || '—'}`);
  }

  console.log(`MEANTIME: ${records.length} articles from ${file}\n`);
  console.log(
    `(a) calendar DATE expressions resolved to the gold value: ${dateCorrect}/${dateTotal} = ${ratio(dateCorrect, dateTotal)}`,
  );
  if (dateMisses.length > 0) console.log(dateMisses.join('\n'));
  console.log(`\n(b) named people recall: ${foundPeople}/${goldPeople} = ${ratio(foundPeople, goldPeople)}`);
  if (peopleMisses.length > 0) console.log(`  missed:\n${peopleMisses.join('\n')}`);
  console.log(
    `\n(c) people extracted: ${extracted} in ${records.length} articles (gold lists only some: judge by reading)`,
  );
  timings.sort((left, right) => left.milliseconds - right.milliseconds);
  const median = timings[Math.floor(timings.length / 2)]?.milliseconds ?? 0;
  const slowest = timings.at(-1);
  console.log(
    `    people + timeline per article: median ${median.toFixed(0)} ms, slowest ${slowest?.milliseconds.toFixed(0) ?? 0} ms (${slowest?.id ?? '—'})`,
  );
  console.log(`\nPeople per article:\n${listing.join('\n')}`);
}

main();
