import { describe, expect, it } from 'vitest';
import {
  articleFact,
  askedArticleFact,
  authorStandIns,
  readableDate,
} from '../../src/answer/articleFacts.js';
import type { Article } from '../../src/corpus/types.js';

describe('askedArticleFact', () => {
  it.each([
    ['Who wrote the article?', 'author'],
    ['who wrote this?', 'author'],
    ['Who is the author?', 'author'],
    ["What's the story's byline?", 'author'],
    ["What is the article's author's full name?", 'author'],
    ["What is the article's author's surname?", 'author'],
    ['When was the article published?', 'published'],
    ['When was the story about the buyout posted?', 'published'],
    ['Which outlet published this story?', 'source'],
    ['Where was the article published?', 'source'],
    ['What is the headline?', 'title'],
  ])('GIVEN "%s" THEN asks for the %s', (question, fact) => {
    expect(askedArticleFact(question)).toBe(fact);
  });

  it.each([
    'Who wrote the letter to Congress?',
    'Which newspaper reported the leak?',
    'When was the treaty published?',
    'Who is the author of the new law?',
    'What is the title of the book he wrote?',
    "What is the nationality of the article's author?",
    "What is the author's background?",
    'Where is the writer from?',
    "What nationality is the article's author?",
  ])('GIVEN "%s", a question about the story THEN asks for no fact of the article', (question) => {
    expect(askedArticleFact(question)).toBeUndefined();
  });
});

describe('authorStandIns', () => {
  const term = (word: string) => ({ word, stem: word, family: word, weight: 1, proper: false, verb: false });
  const articles = [{ metadata: { title: 'A', language: 'en', author: 'Christian K. Caruzo' } }];

  it('GIVEN "author" among the question\'s terms THEN the bylines\' name words stand in for it', () => {
    expect(
      authorStandIns(
        "What is the nationality of the article's author?",
        [term('nationality'), term('author')],
        () => articles,
      ),
    ).toEqual(new Map([['author', ['christian', 'caruzo']]]));
  });

  it('GIVEN no question about the author THEN nothing stands in and no article is looked up', () => {
    const lookedUp = () => {
      throw new Error('looked up');
    };
    expect(authorStandIns('What is the nationality of Peru?', [term('nationality')], lookedUp).size).toBe(0);
    expect(authorStandIns('Which journalist was arrested?', [term('journalist')], lookedUp).size).toBe(0);
  });
});

describe('articleFact', () => {
  const article = {
    id: 'harbour',
    metadata: {
      title: 'Port city opens new bridge',
      author: 'Dana Whitfield',
      published: '2024-05-06',
      language: 'en',
    },
  } as Article;

  it('GIVEN the author asked THEN answers with the front matter, cited as the article’s details', () => {
    expect(articleFact(article, 'author')).toMatchObject({
      short: 'Dana Whitfield',
      citation: { n: 1, article: 'harbour', paragraph: 0, text: 'author: Dana Whitfield' },
    });
  });

  it('GIVEN the publication date asked THEN gives it readably and cites the stored value', () => {
    expect(articleFact(article, 'published')).toMatchObject({
      short: 'May 6, 2024',
      citation: { text: 'published: 2024-05-06' },
    });
  });

  it('GIVEN a fact the front matter does not state THEN there is none', () => {
    expect(articleFact(article, 'source')).toBeUndefined();
  });

  it('GIVEN a partial date THEN reads as far as it goes', () => {
    expect(readableDate('2024-05')).toBe('May 2024');
    expect(readableDate('2024')).toBe('2024');
  });
});
