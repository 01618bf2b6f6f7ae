import { describe, expect, test } from 'vitest';
import type { TimelineEvent } from '../../../src/answer/types.js';
import { findLimitViolation } from '../../../src/discord/format/embeds.js';
import {
  formatTimelineSources,
  timelinePageEmbed,
  timelinePages,
  timelineTitle,
} from '../../../src/discord/format/timeline.js';
import { ARTICLES, timelineEvents } from '../../support/fakeArticleBot.js';

const titles = new Map(ARTICLES.map((article) => [article.id, article.title]));
const several = { titles, singleArticle: false };
const one = { titles: new Map([['seed', 'Peru breaks diplomatic ties with Mexico']]), singleArticle: true };

const merged: TimelineEvent = {
  date: '2022-12-07',
  granularity: 'day',
  inferred: false,
  what: 'Castillo’s failed coup attempt',
  people: ['Betssy Chávez', 'Pedro Castillo'],
  citations: [
    { article: 'seed', paragraph: 9, text: 'Since the failed December 2022 coup attempt.' },
    { article: 'seed', paragraph: 3, text: 'Until Castillo’s December 7, 2022 failed coup attempt.' },
  ],
};

describe('timeline text for Discord', () => {
  test('GIVEN one article THEN each event is one line citing paragraphs, with no repeated title', () => {
    const [page] = timelinePages(
      [merged, { ...merged, date: '2025-11', inferred: true, what: 'Talks', people: [] }],
      one,
    );
    expect(page?.text.split('\n')).toEqual([
      '**7 Dec 2022** · Castillo’s failed coup attempt · *Betssy Chávez, Pedro Castillo* ¶3 ¶9',
      '**≈ Nov 2025** · Talks ¶3 ¶9',
    ]);
    const embed = timelinePageEmbed(page ? [page] : [], {
      ...one,
      title: 'Timeline',
      pageIndex: 0,
      eventCount: 2,
    });
    expect(embed.footer?.text).toBe(
      'Page 1 of 1 · 2 events · ≈ inferred date · ¶ = paragraph of “Peru breaks diplomatic ties with Mexico”',
    );
  });

  test('GIVEN several articles THEN lines cite [n] into a numbered list of short titles and paragraphs', () => {
    const [page] = timelinePages(timelineEvents(2), several);
    expect(page?.text.split('\n')).toEqual([
      '**≈ 1 Mar 2024** · Event number 1 happened at the council. · *Ana Ruiz* [1]',
      '**2 Mar 2024** · Event number 2 happened at the council. · *Luis Pérez* [2]',
      '',
      '[1] Mayor resigns after budget inquiry ¶1',
      '[2] Mayor resigns after budget inquiry ¶2',
    ]);
  });

  test('GIVEN 60 events THEN every one is on a page, no page passes Discord’s limits', () => {
    const events = timelineEvents(60).map((event, index) => ({
      ...event,
      what: `${event.what} ${'with a long description of what happened '.repeat(3)}`.trim(),
      people: ['Ana Ruiz', 'Luis Pérez', 'Someone Else', 'A Fourth Person'],
      citations: [...event.citations, { article: 'perez-appointed', paragraph: index + 1, text: 'Another.' }],
    }));
    const pages = timelinePages(events, several);
    expect(pages.flatMap((page) => page.events)).toEqual(events);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, pageIndex) => {
      const embed = timelinePageEmbed(pages, { ...several, title: 'Timeline', pageIndex, eventCount: 60 });
      expect(findLimitViolation({ embeds: [embed] })).toBeUndefined();
      expect(embed.description).toContain('Ana Ruiz, Luis Pérez, Someone Else +1');
    });
  });

  test('GIVEN a page THEN its Sources show every cited sentence in full under its number', () => {
    const [page] = timelinePages([merged], one);
    const [message] = page ? formatTimelineSources(page, one) : [];
    expect(message?.embeds[0]?.description).toBe(
      '**¶3**\n> Until Castillo’s December 7, 2022 failed coup attempt.\n\n**¶9**\n> Since the failed December 2022 coup attempt.',
    );
  });

  test('GIVEN a filter in words THEN the title says it', () => {
    expect(timelineTitle({ person: 'Ana Ruiz', range: 'from 2024' })).toBe('Timeline: Ana Ruiz from 2024');
    expect(timelineTitle({})).toBe('Timeline');
  });
});
