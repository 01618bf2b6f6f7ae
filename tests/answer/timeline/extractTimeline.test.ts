import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../../src/answer/people/index.js';
import { extractTimeline, filterTimeline } from '../../../src/answer/timeline/index.js';
import type { TimelineEvent } from '../../../src/answer/types.js';
import { makeArticle } from '../people/articleFixture.js';

const inquiry = makeArticle(
  'inquiry',
  [
    'Senate opens tender inquiry',
    'May 16, 2024',
    'Senator Grace Adeyemi opened an inquiry into the tender on Tuesday.',
    'The contracts were signed in March 2023, two months before the election.',
    'Adeyemi, a former auditor, said the committee would report by June 30.',
    'José Ramírez, the minister who signed them, resigned in 2023 and has not commented.',
  ],
  { published: '2024-05-16' },
);
const strike = makeArticle(
  'strike',
  [
    'Dock workers walked out on Friday, their union said.',
    'Minister José Ramírez met the union leaders in early May.',
  ],
  { published: '2024-05-13' },
);
const articles = [inquiry, strike];
const people = extractPeople(articles);
const events = extractTimeline(articles, people);

function eventOn(date: string, what: RegExp): TimelineEvent | undefined {
  return events.find((event) => event.date === date && what.test(event.what));
}

describe('extractTimeline', () => {
  it('GIVEN dated sentences THEN each becomes an event with the resolved date, granularity and inference', () => {
    expect(eventOn('2024-05-14', /opened an inquiry/)).toMatchObject({ granularity: 'day', inferred: true });
    expect(eventOn('2023-03', /contracts were signed/)).toMatchObject({
      granularity: 'month',
      inferred: false,
    });
    expect(eventOn('2024-06-30', /committee would report/)).toMatchObject({ inferred: true });
    expect(eventOn('2024-05-10', /Dock workers walked out/)).toBeDefined();
    expect(eventOn('2024-05', /met the union leaders/)).toBeDefined();
  });

  it('GIVEN events THEN they come in chronological order and the description leaves out the date phrase', () => {
    const dates = events.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
    expect(eventOn('2024-05-14', /inquiry/)?.what).toBe(
      'Senator Grace Adeyemi opened an inquiry into the tender',
    );
  });

  it('GIVEN a dateline that only states the date THEN it is not an event', () => {
    expect(events.some((event) => /^May 16/.test(event.what))).toBe(false);
  });

  it('GIVEN a surname in the sentence THEN the event names the person by the canonical name', () => {
    expect(eventOn('2024-06-30', /committee/)?.people).toEqual(['Grace Adeyemi']);
    expect(eventOn('2023', /resigned/)?.people).toEqual(['José Ramírez']);
  });

  it('GIVEN any event THEN its citation is the verbatim sentence it was read from', () => {
    for (const event of events) {
      for (const citation of event.citations) {
        const article = articles.find((candidate) => candidate.id === citation.article);
        expect(
          article?.paragraphs.find((paragraph) => paragraph.number === citation.paragraph)?.text,
        ).toContain(citation.text);
      }
    }
  });
});

describe('filterTimeline', () => {
  it('GIVEN a person typed without accents THEN only events involving that person are kept', () => {
    const ramirez = filterTimeline(events, { person: 'ramirez' }, people);
    expect(ramirez.length).toBeGreaterThanOrEqual(2);
    expect(ramirez.every((event) => event.people.includes('José Ramírez'))).toBe(true);
  });

  it('GIVEN an unknown person THEN no events are kept', () => {
    expect(filterTimeline(events, { person: 'Nobody Known' }, people)).toEqual([]);
  });

  it('GIVEN an article id THEN only that article’s events are kept', () => {
    const fromStrike = filterTimeline(events, { article: 'strike' }, people);
    expect(fromStrike.map((event) => event.date)).toEqual(['2024-05', '2024-05-10']);
  });

  it('GIVEN a date range THEN events overlapping it are kept, at any granularity', () => {
    const may = filterTimeline(events, { from: '2024-05-01', to: '2024-05-31' }, people);
    expect(may.map((event) => event.date)).toEqual(['2024-05', '2024-05-10', '2024-05-14']);
    const before2024 = filterTimeline(events, { to: '2023' }, people);
    expect(before2024.every((event) => event.date.startsWith('2023'))).toBe(true);
    expect(filterTimeline(events, { from: 'not a date' }, people)).toEqual([]);
  });
});
