/**
 * Measures /who and /timeline extraction on MEANTIME (WikiNews articles with gold annotations), listing every
 * miss and the people found per article so precision can be judged by reading. `npm run eval` reports the same
 * figures by article folds.
 *
 *   npx tsx scripts/eval-meantime.ts [path/to/articles.jsonl]
 */
import path from 'node:path';
import { readMeantime, scoreMeantime } from './eval/meantime.js';

const DEFAULT_PATH = path.resolve(import.meta.dirname, '../../shared/eval/meantime-dev/articles.jsonl');
const ratio = (part: number, whole: number): string => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));

function main(): void {
  const file = process.argv[2] ?? DEFAULT_PATH;
  const records = readMeantime(file);
  const {
    dateTotal,
    dateCorrect,
    dateMisses,
    goldPeople,
    foundPeople,
    peopleMisses,
    extracted,
    listing,
    timings,
  } = scoreMeantime(records);

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
