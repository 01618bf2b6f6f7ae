import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Plausible English news articles, generated from a seed, for load tests and the reindex benchmark.
 * Deterministic (same seed, same bytes) so timings and test expectations are repeatable; varied enough in
 * names, places and verbs that lexical and vector retrieval see realistic term statistics.
 */

const FIRST_NAMES = [
  'Maria',
  'James',
  'Aisha',
  'Kenji',
  'Elena',
  'Samuel',
  'Priya',
  'Tomás',
  'Grace',
  'Olivier',
  'Fatima',
  'Daniel',
  'Ingrid',
  'Kwame',
  'Lucía',
  'Robert',
  'Mei',
  'Hassan',
  'Sofia',
  'Viktor',
];
const LAST_NAMES = [
  'Alvarez',
  'Okafor',
  'Lindqvist',
  'Tanaka',
  'Moreau',
  'Kowalski',
  'Haddad',
  'Brennan',
  'Castillo',
  'Novak',
  'Mensah',
  'Rossi',
  'Chen',
  'Petrov',
  'Duarte',
  'Nakamura',
  'Fischer',
  'Osei',
  'Romero',
  'Walsh',
];
const ROLES = [
  'finance minister',
  'mayor',
  'central bank governor',
  'union leader',
  'opposition leader',
  'health secretary',
  'chief executive',
  'foreign minister',
  'police chief',
  'senator',
  'governor',
  'trade envoy',
];
const PLACES = [
  'Lima',
  'Nairobi',
  'Oslo',
  'Manila',
  'Lisbon',
  'Warsaw',
  'Accra',
  'Montreal',
  'Osaka',
  'Bogotá',
  'Dublin',
  'Casablanca',
  'Hanoi',
  'Santiago',
  'Tbilisi',
  'Auckland',
  'Dakar',
  'Tallinn',
  'Quito',
  'Perth',
];
const ORGANISATIONS = [
  'the port authority',
  'the national railway',
  'the electoral commission',
  'the supreme court',
  'the teachers’ union',
  'the water utility',
  'the central bank',
  'parliament',
  'the health ministry',
  'the city council',
  'the energy regulator',
  'the airline',
];
const TOPICS = [
  ['budget', 'spending', 'deficit', 'taxes'],
  ['strike', 'wages', 'contract', 'workers'],
  ['flood', 'rainfall', 'evacuation', 'levee'],
  ['election', 'ballots', 'turnout', 'candidates'],
  ['trial', 'verdict', 'appeal', 'prosecutors'],
  ['outbreak', 'vaccines', 'hospitals', 'clinics'],
  ['merger', 'shareholders', 'regulators', 'shares'],
  ['drought', 'harvest', 'prices', 'farmers'],
  ['bridge', 'contractors', 'inspection', 'traffic'],
  ['summit', 'delegations', 'agreement', 'tariffs'],
];
const VERBS = [
  'announced',
  'rejected',
  'approved',
  'criticised',
  'defended',
  'postponed',
  'proposed',
  'questioned',
  'confirmed',
  'denied',
  'welcomed',
  'investigated',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A seeded generator in [0, 1) (mulberry32): tiny, good enough to vary text and test data, and the same
 * sequence for the same seed on every machine and Node version.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

export interface SyntheticArticle {
  /** File name, e.g. `synthetic-00042.md`. */
  file: string;
  content: string;
}

/** One article: front matter and three to six paragraphs of two to four sentences each. */
export function syntheticArticle(number: number, revision = 0): SyntheticArticle {
  const random = seededRandom(number * 7919 + revision * 104_729 + 1);
  const person = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  const rival = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  const role = pick(random, ROLES);
  const place = pick(random, PLACES);
  const organisation = pick(random, ORGANISATIONS);
  const [topic = 'plan', second = 'costs', third = 'critics', fourth = 'officials'] = pick(random, TOPICS);
  const year = 2018 + Math.floor(random() * 8);
  const month = Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const title = `${place} ${role} ${pick(random, VERBS)} ${topic} plan (${number})`;
  const sentences = [
    () =>
      `${person}, the ${role} of ${place}, ${pick(random, VERBS)} the ${topic} plan on ${MONTHS[month]} ${day}.`,
    () => `Officials at ${organisation} said the ${second} would be reviewed before the end of ${year}.`,
    () => `${rival} ${pick(random, VERBS)} the decision, saying ${third} had not been consulted.`,
    () => `The ${topic} has divided ${place} for months, and ${fourth} expect further talks next week.`,
    () =>
      `According to ${organisation}, about ${10 + Math.floor(random() * 900)} people were affected by the ${second}.`,
    () => `“We will not accept a ${topic} that ignores ${third},” ${person} told reporters in ${place}.`,
    () =>
      `Analysts said the ${second} could rise by ${1 + Math.floor(random() * 30)} percent if nothing changed.`,
    () =>
      `A spokesperson for ${organisation} declined to comment on the ${topic} on ${MONTHS[(month + 1) % 12]} ${day}.`,
  ];
  const paragraphs: string[] = [];
  const paragraphCount = 3 + Math.floor(random() * 4);
  for (let paragraph = 0; paragraph < paragraphCount; paragraph++) {
    const count = 2 + Math.floor(random() * 3);
    const text: string[] = [];
    for (let sentence = 0; sentence < count; sentence++) text.push(pick(random, sentences)());
    paragraphs.push(text.join(' '));
  }
  if (revision > 0) {
    // Always present in a revised article, so a test can tell which version a citation came from.
    paragraphs.push(
      `Revision ${revision}: an earlier version of this report misstated the ${second} figures given by ${organisation}.`,
    );
  }
  const published = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const content = [
    '---',
    `title: "${title}"`,
    `author: ${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
    'source: Synthetic Wire',
    `published: ${published}`,
    'language: en',
    '---',
    paragraphs.join('\n\n'),
    '',
  ].join('\n');
  return { file: `synthetic-${String(number).padStart(5, '0')}.md`, content };
}

/** Writes `count` synthetic articles into `directory` (created if missing). */
export async function writeSyntheticCorpus(directory: string, count: number): Promise<void> {
  await mkdir(directory, { recursive: true });
  const batch = 200;
  for (let first = 0; first < count; first += batch) {
    const writes: Promise<void>[] = [];
    for (let number = first; number < Math.min(count, first + batch); number++) {
      const article = syntheticArticle(number);
      writes.push(writeFile(path.join(directory, article.file), article.content));
    }
    await Promise.all(writes);
  }
}
