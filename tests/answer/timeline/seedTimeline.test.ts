import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../../src/answer/people/index.js';
import { extractTimeline, filterTimeline } from '../../../src/answer/timeline/index.js';
import { loadSeed } from '../people/articleFixture.js';

const seed = loadSeed();
const people = extractPeople([seed]);
const events = extractTimeline([seed], people);

/** Dated events of the seed, read by hand: the date each must carry and words of its description. */
const EXPECTED: readonly [string, boolean, RegExp][] = [
  ['2022', false, /Chávez served as Minister of Labor/],
  ['2022-11', true, /Castillo appointed Chávez as Prime Minister/],
  ['2022-12-07', false, /Castillo’s failed coup attempt/],
  ['2022-12-07', true, /attempted to dissolve Congress/],
  ['2022-12', false, /Mexico granted asylum to Pedro Castillo’s wife Lilia Paredes/],
  ['2022-12', true, /declaring Mexican ambassador Pablo Monroy Conesa persona non gratta/],
  ['2023-06', false, /preventive detention/],
  ['2023-06', true, /live broadcast/],
  ['2024-12-27', true, /filed a request to extend the preventive detention/],
  ['2025-09', false, /Constitutional Court ordered Chávez’s release/],
  ['2025-10', true, /Boluarte was impeached/],
  ['2025-10', true, /court warning/],
  ['2025-10-24', true, /virtual hearing/],
  ['2025-11-02', true, /We received that request/],
  ['2025-11-03', true, /announced the breaking of its diplomatic ties with Mexico/],
  ['2025-11-03', true, /de Zela told reporters/],
  ['2026-04', false, /Peru holds a new election/],
];

describe('GIVEN the seed article published on Monday 2025-11-03', () => {
  it('THEN the timeline has every dated event at its correct date, inferred where the text left it implicit', () => {
    for (const [date, inferred, what] of EXPECTED) {
      const event = events.find((candidate) => candidate.date === date && what.test(candidate.what));
      expect(event, `${date} ${what}`).toBeDefined();
      expect(event?.inferred, `${date} ${what}`).toBe(inferred);
    }
  });

  it('THEN the events are in chronological order and every citation is a verbatim sentence', () => {
    const dates = events.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
    for (const event of events) {
      expect(event.what.length).toBeLessThanOrEqual(141);
      for (const citation of event.citations) expect(seed.text).toContain(citation.text);
    }
  });

  it('THEN the failed coup attempt, told at a year, a month and its day, is one event on the day citing all four', () => {
    const coup = events.filter((event) => /failed coup attempt/.test(event.what));
    expect(coup.map((event) => event.date)).toEqual(['2022-12-07']);
    expect(coup[0]?.citations.map((quote) => quote.paragraph).sort((left, right) => left - right)).toEqual([
      1, 3, 9, 15,
    ]);
  });

  it('THEN the events about de Zela are found by "zela", through his alias', () => {
    const zela = filterTimeline(events, { person: 'zela' }, people);
    expect(zela.map((event) => event.date)).toEqual(['2025-11-02', '2025-11-03', '2025-11-03']);
  });
});
