import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/load.js';
import { InputError } from '../../src/errors.js';
import { renderArticleFile } from '../../src/ingest/articleFile.js';
import { decodeText } from '../../src/ingest/decodeText.js';
import { extractFromHtml, extractFromText } from '../../src/ingest/extractArticle.js';
import { publicationDate } from '../../src/ingest/pageMetadata.js';
import {
  commentsPage,
  jsonLdPage,
  noArticlePage,
  openGraphPage,
  scriptInjectionPage,
  STORIES,
} from './support/newsPages.js';

const PAGE = 'https://news.example/page';

describe('a news page into an article', () => {
  it('GIVEN JSON-LD THEN takes headline, date as published, authors and publisher from it, and the canonical link', () => {
    const article = extractFromHtml(jsonLdPage(), PAGE, 'the page');
    expect(article).toEqual({
      title: 'Reservoir lowered after crack found in Kessler Dam spillway',
      // 22:40 on the 12th in the publisher's zone is the 13th in UTC: the date as published is kept.
      published: '2024-03-12',
      author: 'Tomasz Brenner, Ada Lindqvist',
      source: 'The Valley Courier',
      url: 'https://valley-courier.example/news/2024/03/12/kessler-dam-crack',
      paragraphs: STORIES.dam,
    });
  });

  it('GIVEN only OpenGraph and article tags THEN reads title, date, site name, the og:url and the named author (not a profile link)', () => {
    const article = extractFromHtml(openGraphPage(), PAGE, 'the page');
    expect(article).toEqual({
      title: 'Sable Island ferry to make its last crossing after 112 years',
      published: '2024-04-05',
      author: 'Rhea Collins',
      source: 'Island Herald',
      url: 'https://island-herald.example/sable-ferry-final-crossing',
      paragraphs: STORIES.ferry,
    });
  });

  it('GIVEN comments, related stories, a share bar, navigation and a newsletter box THEN only the story remains', () => {
    const article = extractFromHtml(commentsPage(), PAGE, 'the page');
    expect(article.paragraphs).toEqual(STORIES.market);
    expect(article.published).toBe('2024-02-17');
    expect(article.author).toBe('Owen Maddox');
    const text = article.paragraphs.join('\n');
    for (const furniture of [
      'Related stories',
      'cycle lanes',
      'harbourwatcher',
      'Three million',
      'Share on',
      'Sign up',
      'Sport',
    ])
      expect(text).not.toContain(furniture);
  });

  it('GIVEN a page with scripts, handlers, styles and @everyone THEN keeps only the words, @everyone among them', () => {
    const article = extractFromHtml(scriptInjectionPage(), PAGE, 'the page');
    expect(article.title).toBe("Village plants county's largest community orchard");
    expect(article.paragraphs).toEqual(STORIES.orchard);
    const file = renderArticleFile(article, { addedBy: 'mod', addedAt: '2024-11-25T10:00:00.000Z' });
    expect(file).not.toMatch(/INJECTED|<script|onerror|alert\(/);
    expect(file).toContain('@everyone in the village');
  });

  it('GIVEN a saved page uploaded as a file THEN keeps an absolute canonical link but not a relative one', () => {
    expect(extractFromHtml(jsonLdPage(), undefined, 'page.html').url).toBe(
      'https://valley-courier.example/news/2024/03/12/kessler-dam-crack',
    );
    const relative = jsonLdPage().replace(
      'https://valley-courier.example/news/2024/03/12/kessler-dam-crack',
      '/news/2024/03/12/kessler-dam-crack',
    );
    expect(extractFromHtml(relative, undefined, 'page.html').url).toBeUndefined();
    expect(extractFromHtml(relative, 'https://valley-courier.example/x', 'the page').url).toBe(
      'https://valley-courier.example/news/2024/03/12/kessler-dam-crack',
    );
  });

  it('GIVEN a page without a story THEN refuses it, saying there is no readable text', () => {
    expect(() => extractFromHtml(noArticlePage(), PAGE, 'https://news.example/paywall')).toThrow(
      new InputError('No readable article text found in https://news.example/paywall; nothing was added.'),
    );
  });

  it('GIVEN a headline with a colon, quotes and @everyone THEN the front matter reads back as the same strings', () => {
    const title = '@everyone: "Breaking" — mayor\'s #1 plan: yes/no?';
    const file = renderArticleFile(
      { title, published: '2024-01-02', author: 'A: B', paragraphs: STORIES.ferry },
      { addedBy: 'Mod#1 (123)', addedAt: '2024-01-03T04:05:06.000Z' },
    );
    const parsed = parseArticle('x.md', new TextEncoder().encode(file));
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.metadata).toMatchObject({ title, published: '2024-01-02', author: 'A: B' });
    expect(parsed.paragraphs.map((paragraph) => paragraph.text)).toEqual(STORIES.ferry);
  });

  it('GIVEN a page in windows-1252 declared by <meta charset> THEN decodes its accents', () => {
    const html = `<html><head><meta charset="windows-1252"></head><body><p>caf\u00e9</p></body></html>`;
    const bytes = Uint8Array.from(html, (character) => character.charCodeAt(0));
    expect(decodeText(bytes, undefined, true)).toContain('café');
    expect(decodeText(new TextEncoder().encode('na\u00efve'), 'utf-8', false)).toBe('naïve');
  });
});

describe('a text or Markdown file into an article', () => {
  it('GIVEN front matter THEN keeps its fields and the body paragraphs', () => {
    const text = `---\ntitle: Ferry to stop\npublished: 2024-04-05\nauthor: Rhea Collins\nsource: Island Herald\n---\n${STORIES.ferry.join('\n\n')}\n`;
    expect(extractFromText(text, 'ferry.md')).toEqual({
      title: 'Ferry to stop',
      published: '2024-04-05',
      author: 'Rhea Collins',
      source: 'Island Herald',
      paragraphs: STORIES.ferry,
    });
  });

  it('GIVEN a Markdown heading and no front matter THEN the heading is the title', () => {
    const article = extractFromText(`# Ferry to stop\n\n${STORIES.ferry.join('\n\n')}`, 'notes.md');
    expect(article.title).toBe('Ferry to stop');
    expect(article.paragraphs).toEqual(STORIES.ferry);
  });

  it('GIVEN a file too short to be an article THEN refuses it', () => {
    expect(() => extractFromText('Just a note.', 'note.txt')).toThrow(
      'No readable article text found in note.txt',
    );
  });
});

describe('publication dates', () => {
  it.each([
    ['2024-03-12T22:40:00-05:00', '2024-03-12'],
    ['2024-03-12', '2024-03-12'],
    ['March 5, 2024', '2024-03-05'],
    ['5 March 2024 10:00 GMT', '2024-03-05'],
    ['2024-02-30', undefined],
    ['yesterday', undefined],
    ['1066-10-14', undefined],
  ])('%s → %s', (text, date) => {
    expect(publicationDate(text)).toBe(date);
  });
});
