import { describe, expect, it } from 'vitest';
import { articleEnricher } from '../../src/answer/knowledge.js';
import type { Person, TimelineEvent } from '../../src/answer/types.js';
import { parseArticle } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';

function article(file: string, text: string): Article {
  const parsed = parseArticle(file, new TextEncoder().encode(text));
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

const first = article(
  'bridge.md',
  '---\npublished: 2024-05-06\n---\nMayor Lucia Brandt on Monday opened the new bridge.\n\nBrandt said it cost 310 million dollars.\n',
);
const second = article(
  'ferry.md',
  '---\npublished: 2024-06-03\n---\nMayor Brandt said on Monday that the ferry will stop in September.\n',
);

describe('articleEnricher', () => {
  it('GIVEN the same person in two articles THEN combine lists one person with both articles cited', () => {
    const facts = [first, second].map((item) => ({ article: item.id, facts: articleEnricher.article(item) }));
    const { people } = articleEnricher.combine(facts) as { people: Person[] };
    const brandt = people.filter((person) => person.name.includes('Brandt'));
    expect(brandt).toHaveLength(1);
    expect(brandt[0]?.name).toBe('Lucia Brandt');
    expect(brandt[0]?.roles.join(' ')).toMatch(/Mayor/);
  });

  it('GIVEN events from several articles THEN combine orders them by date and names people canonically', () => {
    const facts = [second, first].map((item) => ({ article: item.id, facts: articleEnricher.article(item) }));
    const { timeline } = articleEnricher.combine(facts) as { timeline: TimelineEvent[] };
    const dates = timeline.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toContain('2024-05-06');
    expect(dates).toContain('2024-06-03');
    expect(timeline.flatMap((event) => event.people)).not.toContain('Brandt');
  });

  it('GIVEN one happening dated to its month in one article and to its day in another THEN combine keeps the day', () => {
    const opening = article(
      'opening.md',
      '---\npublished: 2024-06-10\n---\nIn May 2024, Mayor Lucia Brandt opened the new bridge.\n',
    );
    const facts = [opening, first].map((item) => ({
      article: item.id,
      facts: articleEnricher.article(item),
    }));
    const { timeline } = articleEnricher.combine(facts) as { timeline: TimelineEvent[] };
    const bridge = timeline.filter((event) => /opened the new bridge/.test(event.what));
    expect(bridge.map((event) => event.date)).toEqual(['2024-05-06']);
    expect(bridge[0]?.citations.map((quote) => quote.article).sort()).toEqual([first.id, opening.id].sort());
  });
});
