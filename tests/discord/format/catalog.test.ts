import { describe, expect, test } from 'vitest';
import {
  formatArticleList,
  formatPeople,
  formatPersonNotFound,
  formatReindexProgress,
  formatReindexReport,
} from '../../../src/discord/format/catalog.js';
import { findLimitViolation } from '../../../src/discord/format/embeds.js';
import { ARTICLES, PEOPLE } from '../../support/fakeArticleBot.js';

const titles = new Map(ARTICLES.map((article) => [article.id, article.title]));

describe('catalog formatting', () => {
  test('GIVEN articles THEN lists title, outlet, date and paragraph count', () => {
    const [message] = formatArticleList(ARTICLES);
    expect(message?.embeds[0]?.description).toContain(
      '**Mayor resigns after budget inquiry** — The Daily Ledger, 2024-03-05 · 12 paragraphs',
    );
    expect(message?.embeds[0]?.title).toBe('Articles (3)');
  });

  test('GIVEN 500 articles THEN the list is split into messages within the limits', () => {
    const many = Array.from({ length: 500 }, (_, index) => ({ ...ARTICLES[0]!, id: `article-${index}` }));
    const messages = formatArticleList(many);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(findLimitViolation(message)).toBeUndefined();
  });

  test('GIVEN a person THEN shows summary, aliases, roles and quotes with article titles', () => {
    const [message] = formatPeople([PEOPLE[1]!], titles);
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Luis Pérez');
    expect(embed?.description).toContain('**Roles:** interim mayor; former deputy mayor');
    expect(embed?.fields?.[0]?.name).toBe('[1] Pérez appointed interim mayor — ¶2');
  });

  test('GIVEN an unknown name with suggestions THEN offers them', () => {
    expect(formatPersonNotFound('Rooiz', ['Ana Ruiz'])).toBe(
      "I couldn't find “Rooiz” in the articles. Did you mean: Ana Ruiz?",
    );
  });

  test('GIVEN reindex progress THEN names the stage and the count', () => {
    expect(formatReindexProgress({ stage: 'embedding', done: 120, total: 400 })).toBe(
      'Reindexing… Embedding the passages (120/400). Questions are still answered from the current index.',
    );
  });

  test('GIVEN a reindex report THEN states articles, chunks and time', () => {
    const [message] = formatReindexReport({
      rebuilt: true,
      articles: { added: ['a'], changed: [], removed: ['b'], unchanged: ['c', 'd'] },
      chunks: 40,
      ms: 2500,
    });
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Index rebuilt');
    expect(embed?.description).toContain('Indexed 3 articles into 40 chunks in 2.5 s.');
    expect(embed?.fields?.map((field) => field.name)).toEqual(['Added', 'Removed']);
  });
});
