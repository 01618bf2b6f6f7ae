import { describe, expect, it } from 'vitest';
import { resolveDates, type ResolvedDate } from '../../../src/answer/timeline/index.js';

/** Monday 3 November 2025. */
const MONDAY = '2025-11-03';

function resolveOne(text: string, published: string | undefined, phrase: string): ResolvedDate | undefined {
  const at = text.indexOf(phrase);
  return resolveDates(text, published).find((date) => date.start <= at && at < date.end);
}

describe('resolveDates against the publication date', () => {
  it('GIVEN an article published on a Monday WHEN it says "on Monday" THEN the date is that same Monday, inferred', () => {
    const date = resolveOne('The council on Monday approved the budget.', MONDAY, 'Monday');
    expect(date).toMatchObject({ value: '2025-11-03', granularity: 'day', inferred: true, text: 'Monday' });
  });

  it('GIVEN a Monday article WHEN it says "yesterday afternoon" THEN the date is the Sunday before', () => {
    const date = resolveOne('We received the letter yesterday afternoon.', MONDAY, 'yesterday');
    expect(date).toMatchObject({ value: '2025-11-02', granularity: 'day', inferred: true });
  });

  it('GIVEN a Monday article WHEN it names a past weekday THEN the most recent such day before publication is meant', () => {
    expect(resolveOne('The mayor resigned on Tuesday.', MONDAY, 'Tuesday')?.value).toBe('2025-10-28');
    expect(resolveOne('The mayor resigned on Saturday.', MONDAY, 'Saturday')?.value).toBe('2025-11-01');
  });

  it('GIVEN a sentence that looks ahead WHEN it names a weekday THEN the next such day is meant', () => {
    expect(resolveOne('The trial is set to begin on Wednesday.', MONDAY, 'Wednesday')?.value).toBe(
      '2025-11-05',
    );
    expect(resolveOne('Markets will remain closed until Friday.', MONDAY, 'Friday')?.value).toBe(
      '2025-11-07',
    );
  });

  it('GIVEN "last Friday" written on a Friday THEN it is the Friday a week earlier', () => {
    expect(resolveOne('Shares fell last Friday.', '2007-08-10', 'last Friday')?.value).toBe('2007-08-03');
  });

  it('GIVEN "in mid-October" and "late October" THEN both are October of the publication year, month granularity', () => {
    const text = 'The governor was impeached in mid-October. A judge warned her in late October.';
    const dates = resolveDates(text, MONDAY);
    expect(dates.map((date) => [date.text, date.value, date.granularity, date.inferred])).toEqual([
      ['mid-October', '2025-10', 'month', true],
      ['late October', '2025-10', 'month', true],
    ]);
  });

  it('GIVEN a month without a year THEN it is the most recent such month not after publication', () => {
    expect(resolveOne('The factory closed in November.', '2025-03-10', 'November')?.value).toBe('2024-11');
    expect(resolveOne('The factory closed in March.', '2025-03-10', 'March')?.value).toBe('2025-03');
    expect(resolveOne('Profits rose since last September.', '2009-10-12', 'September')?.value).toBe(
      '2009-09',
    );
  });

  it('GIVEN "In late November" in a paragraph about 2022 THEN the month takes its year from that paragraph', () => {
    const text =
      'She served as labour minister throughout 2022. In late November, the president named her prime minister.\n' +
      'Another paragraph says the court met in late November.';
    const dates = resolveDates(text, MONDAY);
    expect(dates.map((date) => date.value)).toEqual(['2022', '2022-11', '2025-11']);
    expect(dates[1]).toMatchObject({ text: 'late November', inferred: true });
  });

  it('GIVEN "eight days after its expiration on December 19, 2024" THEN the phrase is 2024-12-27 and its anchor stays 2024-12-19', () => {
    const text =
      'Prosecutors filed the request eight days after its expiration on December 19, 2024, the court said.';
    const dates = resolveDates(text, MONDAY);
    expect(dates.map((date) => [date.value, date.inferred])).toEqual([
      ['2024-12-27', true],
      ['2024-12-19', false],
    ]);
    expect(dates[0]?.text).toBe('eight days after its expiration on December 19, 2024');
    expect(dates[0]?.anchorStart).toBe(dates[1]?.start);
  });

  it('GIVEN months with a stated year THEN they resolve as written, not inferred', () => {
    const text = 'He was detained in June 2023, freed after December 2022 and faces a vote in April 2026.';
    expect(resolveDates(text, MONDAY).map((date) => [date.text, date.value, date.inferred])).toEqual([
      ['June 2023', '2023-06', false],
      ['December 2022', '2022-12', false],
      ['April 2026', '2026-04', false],
    ]);
  });

  it('GIVEN a day and month without a year THEN the nearest such day is meant, or the next one when the sentence looks ahead', () => {
    expect(resolveOne('She attended a hearing on October 24.', MONDAY, 'October 24')?.value).toBe(
      '2025-10-24',
    );
    expect(resolveOne('The deal will be finalized by June 10.', '2011-05-29', 'June 10')?.value).toBe(
      '2011-06-10',
    );
    expect(resolveOne('The carmaker has a June 1 deadline.', '2009-05-28', 'June 1')?.value).toBe(
      '2009-06-01',
    );
  });

  it('GIVEN ages, durations and counts THEN none of them is a date', () => {
    const text =
      'A 36-year-old former lawmaker held the post for roughly two weeks and faces up to 34 years in prison; ' +
      'the plan cuts 2000 jobs and costs $ 2010 million.';
    expect(resolveDates(text, MONDAY)).toEqual([]);
  });

  it('GIVEN a bare year used as a modifier or after a preposition THEN it is a year', () => {
    const text = 'During the 1998 launch contest, and again in 2004, the firm lost.';
    expect(resolveDates(text, MONDAY).map((date) => [date.text, date.value, date.granularity])).toEqual([
      ['1998', '1998', 'year'],
      ['2004', '2004', 'year'],
    ]);
  });

  it('GIVEN "that day" and "at the time" THEN they repeat the date mentioned before them', () => {
    const text =
      'The coup failed on December 7, 2022. On that day, he was arrested. She was detained in June 2023. At the time, she was abroad.';
    expect(resolveDates(text, MONDAY).map((date) => [date.text, date.value])).toEqual([
      ['December 7, 2022', '2022-12-07'],
      ['that day', '2022-12-07'],
      ['June 2023', '2023-06'],
      ['the time', '2023-06'],
    ]);
  });

  it('GIVEN relative periods THEN they count from the publication date', () => {
    const text = 'The quake hit a week ago. Deliveries start next month. Two disasters happened this year.';
    expect(resolveDates(text, '2011-03-18').map((date) => [date.text, date.value, date.granularity])).toEqual(
      [
        ['a week ago', '2011-03-11', 'day'],
        ['next month', '2011-04', 'month'],
        ['this year', '2011', 'year'],
      ],
    );
  });

  it('GIVEN text tokenised with spaces before punctuation THEN full dates still resolve', () => {
    expect(resolveOne('Boeing had been suspended since July 24 , 2003 after it', MONDAY, 'July')?.value).toBe(
      '2003-07-24',
    );
  });

  it('GIVEN no publication date THEN only dates stated in full resolve', () => {
    const text = 'On Monday the court met; the ruling of March 3, 2021 stands; it was upheld in May 2022.';
    expect(resolveDates(text, undefined).map((date) => date.value)).toEqual(['2021-03-03', '2022-05']);
  });

  it('GIVEN names that contain a weekday or a month THEN they are not dates', () => {
    const text = 'Shoppers crowded stores on Black Friday, and April Ryan wrote for the Sunday Times.';
    expect(resolveDates(text, MONDAY)).toEqual([]);
  });
});

describe('resolveDates across line breaks', () => {
  it('GIVEN a date wrapped over two lines of a paragraph THEN it is read whole', () => {
    expect(
      resolveDates('The detention expired on December\n19, 2024, the court said.', MONDAY)[0]?.value,
    ).toBe('2024-12-19');
  });

  it('GIVEN a headline ending in a weekday above a dateline THEN the two are separate dates', () => {
    const text = 'Markets to remain closed until Friday\nSeptember 18 , 2008\nThe exchange said so.';
    expect(resolveDates(text, '2008-09-18').map((date) => [date.text, date.value])).toEqual([
      ['Friday', '2008-09-19'],
      ['September 18 , 2008', '2008-09-18'],
    ]);
  });
});
