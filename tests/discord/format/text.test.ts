import { describe, expect, test } from 'vitest';
import {
  ELLIPSIS,
  escapeText,
  foldForSearch,
  splitText,
  truncateAtWord,
} from '../../../src/discord/format/text.js';

describe('truncateAtWord', () => {
  test('GIVEN text within the limit THEN returns it unchanged', () => {
    expect(truncateAtWord('The mayor resigned.', 19)).toBe('The mayor resigned.');
  });

  test('GIVEN text over the limit THEN cuts at the last whole word and adds an ellipsis', () => {
    const result = truncateAtWord('The mayor resigned on Tuesday after a long inquiry', 30);
    expect(result).toBe(`The mayor resigned on Tuesday${ELLIPSIS}`);
    expect(result.length).toBeLessThanOrEqual(30);
  });

  test('GIVEN a cut just before a comma THEN the comma does not dangle before the ellipsis', () => {
    expect(truncateAtWord('Officials said, without evidence, that it was over', 22)).toBe(
      `Officials said${ELLIPSIS}`,
    );
  });

  test('GIVEN the limit falls exactly at the end of a word THEN keeps that word', () => {
    expect(truncateAtWord('alpha beta gamma', 11)).toBe(`alpha beta${ELLIPSIS}`);
  });

  test('GIVEN one enormous word THEN cuts it hard rather than returning almost nothing', () => {
    const result = truncateAtWord(`see ${'x'.repeat(100)}`, 20);
    expect(result.length).toBe(20);
    expect(result.endsWith(ELLIPSIS)).toBe(true);
  });

  test('GIVEN an emoji at the cut THEN never splits its surrogate pair', () => {
    const result = truncateAtWord('😀'.repeat(20), 10);
    expect(result.length).toBeLessThanOrEqual(10);
    expect(result).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('splitText', () => {
  test('GIVEN short text THEN returns one piece', () => {
    expect(splitText('  one piece  ', 100)).toEqual(['one piece']);
  });

  test('GIVEN empty text THEN returns no pieces', () => {
    expect(splitText('   ', 100)).toEqual([]);
  });

  test('GIVEN paragraphs THEN splits between paragraphs first', () => {
    const first = 'a'.repeat(60);
    const second = 'b'.repeat(60);
    expect(splitText(`${first}\n\n${second}`, 100)).toEqual([first, second]);
  });

  test('GIVEN one long paragraph THEN splits after a sentence', () => {
    const text = `${'First sentence here. '.repeat(4)}Second part goes on and on without a stop`;
    const pieces = splitText(text, 90);
    expect(pieces[0]?.endsWith('.')).toBe(true);
    expect(pieces.every((piece) => piece.length <= 90)).toBe(true);
  });

  test('GIVEN words only THEN splits between words and loses no word', () => {
    const words = Array.from({ length: 300 }, (_, index) => `word${index}`);
    const pieces = splitText(words.join(' '), 100);
    expect(pieces.every((piece) => piece.length <= 100)).toBe(true);
    expect(pieces.join(' ').split(' ')).toEqual(words);
  });

  test('GIVEN text without any boundary THEN still respects the limit', () => {
    const pieces = splitText('x'.repeat(250), 100);
    expect(pieces.map((piece) => piece.length)).toEqual([100, 100, 50]);
  });
});

describe('escapeText and foldForSearch', () => {
  test('GIVEN markdown characters THEN escapes them so they show as written', () => {
    expect(escapeText('a *starred* _word_')).toBe('a \\*starred\\* \\_word\\_');
  });

  test('GIVEN accents and capitals THEN folds them away', () => {
    expect(foldForSearch('José Jerí')).toBe('jose jeri');
  });
});
