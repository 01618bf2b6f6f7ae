import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/answer/types.js';
import {
  citeTimeline,
  dateLabel,
  describeFilter,
  eventDateLabel,
  eventPeriod,
  peopleLabel,
  sourceReference,
} from '../../src/render/timelineText.js';

describe('dates', () => {
  it('GIVEN a day, a month or a year THEN it is written day first with the month in letters', () => {
    expect(dateLabel('2022-12-07')).toBe('7 Dec 2022');
    expect(dateLabel('2022-12')).toBe('Dec 2022');
    expect(dateLabel('2022')).toBe('2022');
    expect(dateLabel('someday')).toBe('someday');
    expect(eventDateLabel({ date: '2025-11-03', inferred: true })).toBe('≈ 3 Nov 2025');
  });

  it('GIVEN a date THEN its period covers exactly its days', () => {
    expect(eventPeriod('2024-02')).toEqual({
      start: new Date(Date.UTC(2024, 1, 1)),
      end: new Date(Date.UTC(2024, 2, 1)),
    });
    expect(eventPeriod('2024-12-31')?.end).toEqual(new Date(Date.UTC(2025, 0, 1)));
  });
});

describe('citeTimeline', () => {
  const event = (what: string, citations: TimelineEvent['citations']): TimelineEvent => ({
    date: '2024-03-04',
    granularity: 'day',
    inferred: false,
    what,
    people: [],
    citations,
  });

  it('GIVEN events citing paragraphs THEN sources are numbered as first cited, one per paragraph', () => {
    const cited = citeTimeline([
      event('a', [
        { article: 'x', paragraph: 9, text: 'Nine.' },
        { article: 'x', paragraph: 3, text: 'Three.' },
      ]),
      event('b', [
        { article: 'y', paragraph: 1, text: 'One.' },
        { article: 'x', paragraph: 3, text: 'Three, again.' },
      ]),
    ]);
    expect(cited.events.map((entry) => entry.sources)).toEqual([
      [1, 2],
      [1, 3],
    ]);
    expect(cited.sources).toEqual([
      { n: 1, article: 'x', paragraph: 3, quotes: ['Three.', 'Three, again.'] },
      { n: 2, article: 'x', paragraph: 9, quotes: ['Nine.'] },
      { n: 3, article: 'y', paragraph: 1, quotes: ['One.'] },
    ]);
    const [first] = cited.sources;
    expect(first && sourceReference(first, false)).toBe('[1]');
    expect(first && sourceReference(first, true)).toBe('¶3');
  });
});

describe('words', () => {
  it('GIVEN many people THEN the first three are named and the rest counted', () => {
    expect(peopleLabel(['A', 'B'])).toBe('A, B');
    expect(peopleLabel(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C +2');
  });

  it('GIVEN a filter THEN it is said in words, with the names the articles use', () => {
    expect(
      describeFilter(
        { person: 'chavez', article: 'peru', from: '2022', to: '2025-11' },
        { person: 'Betssy Chávez', articleTitle: 'Peru breaks ties' },
      ),
    ).toEqual({ person: 'Betssy Chávez', article: 'in “Peru breaks ties”', range: 'from 2022 to Nov 2025' });
    expect(describeFilter({ to: '2024-03-31' })).toEqual({ range: 'until 31 Mar 2024' });
    expect(describeFilter({})).toEqual({});
  });
});
