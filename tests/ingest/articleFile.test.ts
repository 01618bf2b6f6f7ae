import { describe, expect, it } from 'vitest';
import { textKey } from '../../src/corpus/textKey.js';
import { articleFileName, canonicalUrlKey, cleanUrl } from '../../src/ingest/articleFile.js';

describe('the file name of an added article', () => {
  it('GIVEN a title and a date THEN is the date and the title as a slug, accents folded', () => {
    expect(
      articleFileName({ title: 'Pérez appointed interim mayor: “a new start”', published: '2024-03-07' }),
    ).toBe('2024-03-07-perez-appointed-interim-mayor-a-new-start.md');
  });

  it('GIVEN no date THEN says undated', () => {
    expect(articleFileName({ title: 'Bridge reopens' })).toBe('undated-bridge-reopens.md');
  });

  it('GIVEN a long headline THEN cuts it at a word within 60 characters', () => {
    const name = articleFileName({
      title:
        'Council approves new cycle lanes along the river embankment after a long and heated consultation',
      published: '2024-01-01',
    });
    expect(name).toBe('2024-01-01-council-approves-new-cycle-lanes-along-the-river-embankment.md');
  });

  it('GIVEN a title with no letters or digits THEN still has a name', () => {
    expect(articleFileName({ title: '¿¡…!?', published: '2024-01-01' })).toBe('2024-01-01-article.md');
  });
});

describe('telling whether two links are the same story', () => {
  it.each([
    ['https://www.news.example/story/42?utm_source=x&utm_medium=y#comments', 'http://news.example/story/42/'],
    ['https://news.example/story?b=2&a=1&fbclid=abc', 'https://news.example/story?a=1&b=2'],
    ['HTTPS://NEWS.EXAMPLE:443/story', 'https://news.example/story'],
  ])('%s is %s', (left, right) => {
    expect(canonicalUrlKey(left)).toBe(canonicalUrlKey(right));
  });

  it('GIVEN two different stories THEN their keys differ', () => {
    expect(canonicalUrlKey('https://news.example/story/42')).not.toBe(
      canonicalUrlKey('https://news.example/story/43'),
    );
    expect(canonicalUrlKey('https://news.example/story?id=1')).not.toBe(
      canonicalUrlKey('https://news.example/story?id=2'),
    );
  });

  it('GIVEN something that is not a link THEN there is no key', () => {
    expect(canonicalUrlKey('')).toBeUndefined();
    expect(canonicalUrlKey(undefined)).toBeUndefined();
  });

  it('GIVEN a link to store THEN only the fragment and tracking parameters go', () => {
    expect(cleanUrl('https://www.news.example/a/?utm_source=x&id=3#top')).toBe(
      'https://www.news.example/a/?id=3',
    );
  });
});

describe('telling whether two texts are the same story', () => {
  it('GIVEN the same words with other spacing, case and quotes THEN the keys match', () => {
    expect(textKey(['The Mayor said “yes”.', 'Then left.'])).toBe(
      textKey(['the mayor said "yes"', 'then   left']),
    );
  });

  it('GIVEN a word changed THEN the keys differ', () => {
    expect(textKey(['The mayor said yes.'])).not.toBe(textKey(['The mayor said no.']));
  });
});
