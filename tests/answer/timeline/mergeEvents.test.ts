import { describe, expect, it } from 'vitest';
import { eventWords, mergeEventPrecisions } from '../../../src/answer/timeline/mergeEvents.js';
import type { DateGranularity, TimelineEvent } from '../../../src/answer/types.js';

function event(
  date: string,
  what: string,
  sentence: string,
  overrides: Partial<TimelineEvent> & { article?: string; paragraph?: number } = {},
): TimelineEvent {
  const { article = 'a', paragraph = 1, ...rest } = overrides;
  const granularity: DateGranularity = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return {
    date,
    granularity,
    inferred: false,
    what,
    people: [],
    citations: [{ article, paragraph, text: sentence }],
    ...rest,
  };
}

describe('eventWords', () => {
  it('GIVEN descriptions opening on a determiner or a possessive THEN those words are set aside', () => {
    expect(eventWords('Castillo’s failed coup attempt')).toEqual(['failed', 'coup', 'attempt']);
    expect(eventWords('A failed coup attempt.')).toEqual(['failed', 'coup', 'attempt']);
  });
});

describe('mergeEventPrecisions', () => {
  it('GIVEN a month and a day inside it with the same words THEN one event under the day cites both sentences', () => {
    const month = event(
      '2022-12',
      'the failed coup attempt',
      'Since the failed December 2022 coup attempt.',
      {
        paragraph: 9,
        people: ['Pedro Castillo'],
      },
    );
    const day = event('2022-12-07', 'Castillo’s failed coup attempt', 'Until the December 7 coup attempt.', {
      paragraph: 3,
      inferred: true,
      people: ['Betssy Chávez'],
    });
    const merged = mergeEventPrecisions([month, day]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ date: '2022-12-07', granularity: 'day', inferred: true });
    expect(merged[0]?.what).toBe('Castillo’s failed coup attempt');
    expect(merged[0]?.citations.map((quote) => quote.paragraph)).toEqual([3, 9]);
    expect(merged[0]?.people).toEqual(['Betssy Chávez', 'Pedro Castillo']);
  });

  it('GIVEN a year, a month and a day of one happening THEN all three become the day', () => {
    const merged = mergeEventPrecisions([
      event('2022', 'a failed coup attempt', 'One.', { paragraph: 1 }),
      event('2022-12', 'the failed coup attempt', 'Two.', { paragraph: 2 }),
      event('2022-12-07', 'the failed coup attempt', 'Three.', { paragraph: 3 }),
    ]);
    expect(merged.map((kept) => kept.date)).toEqual(['2022-12-07']);
    expect(merged[0]?.citations.map((quote) => quote.paragraph)).toEqual([3, 2, 1]);
  });

  it('GIVEN a month and two days inside it it could mean THEN nothing is merged rather than guessed', () => {
    const events = [
      event('2024-03', 'the vote', 'A.'),
      event('2024-03-04', 'the vote', 'B.'),
      event('2024-03-20', 'the vote', 'C.'),
    ];
    expect(mergeEventPrecisions(events).map((kept) => kept.date)).toEqual([
      '2024-03',
      '2024-03-04',
      '2024-03-20',
    ]);
  });

  it('GIVEN different happenings at nested dates in one sentence THEN both stay', () => {
    const sentence = 'She served as minister throughout 2022 until the December 7, 2022 coup attempt.';
    const merged = mergeEventPrecisions([
      event('2022', 'She served as minister', sentence),
      event('2022-12-07', 'the coup attempt', sentence),
    ]);
    expect(merged.map((kept) => kept.what)).toEqual(['She served as minister', 'the coup attempt']);
  });

  it('GIVEN one sentence whose month event says part of what its day event says THEN they merge', () => {
    const sentence = 'After her September release, the court ordered a hearing on September 24.';
    const merged = mergeEventPrecisions([
      event('2025-09', 'Her release', sentence),
      event('2025-09-24', 'the court ordered her release hearing', sentence),
    ]);
    expect(merged.map((kept) => kept.date)).toEqual(['2025-09-24']);
    expect(merged[0]?.citations).toHaveLength(1);
  });

  it('GIVEN the same words in different sentences at dates that do not nest THEN both stay', () => {
    const merged = mergeEventPrecisions([
      event('2023-05', 'the election', 'A.'),
      event('2024-05-02', 'the election', 'B.'),
    ]);
    expect(merged).toHaveLength(2);
  });

  it('GIVEN one happening on one date in two articles THEN one event cites both, stated if either states it', () => {
    const merged = mergeEventPrecisions([
      event('2024-05-06', 'The bridge opened', 'The bridge opened on Monday.', {
        article: 'x',
        inferred: true,
      }),
      event('2024-05-06', 'the bridge opened', 'The bridge opened on May 6, 2024.', { article: 'y' }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.inferred).toBe(false);
    expect(merged[0]?.citations.map((quote) => quote.article)).toEqual(['x', 'y']);
  });

  it('GIVEN events out of order THEN they come back in chronological order and the input is unchanged', () => {
    const input = [event('2024-05-06', 'b', 'B.'), event('2023', 'a', 'A.'), event('2024-05', 'b', 'C.')];
    const before = structuredClone(input);
    const merged = mergeEventPrecisions(input);
    expect(merged.map((kept) => kept.date)).toEqual(['2023', '2024-05-06']);
    expect(input).toEqual(before);
  });
});
