import { describe, expect, it } from 'vitest';
import { extractParagraphs } from '../../src/corpus/clean.js';
import { opensOnPronoun, splitSentences } from '../../src/corpus/sentences.js';

function sentencesOf(text: string): string[] {
  const sentences = splitSentences(text, extractParagraphs(text));
  for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  return sentences.map((sentence) => sentence.text);
}

describe('splitSentences', () => {
  it('GIVEN plain sentences THEN splits after each full stop, question and exclamation mark', () => {
    expect(sentencesOf('Peru broke ties. Why now? Nobody knows!')).toEqual([
      'Peru broke ties.',
      'Why now?',
      'Nobody knows!',
    ]);
  });

  it.each([
    ['Mr. Castillo was arrested. He denied it.', ['Mr. Castillo was arrested.', 'He denied it.']],
    ['Ms. Betssy Chávez Chino asked for asylum. Mexico agreed.', ['Ms. Betssy Chávez Chino asked for asylum.', 'Mexico agreed.']],
    ['Dr. Smith and Gen. Jones met on Jan. 5 in Lima. Talks failed.', ['Dr. Smith and Gen. Jones met on Jan. 5 in Lima.', 'Talks failed.']],
    ['The U.S. Embassy in Lima stayed open. The U.K. one closed.', ['The U.S. Embassy in Lima stayed open.', 'The U.K. one closed.']],
    ['The court cited Runyon v. McCrary in 1976. It was upheld.', ['The court cited Runyon v. McCrary in 1976.', 'It was upheld.']],
  ])('GIVEN abbreviations (%s) THEN does not split after them', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('GIVEN a name with an initial ("Christian K. Caruzo") THEN keeps the name in one sentence', () => {
    expect(sentencesOf('Christian K. Caruzo is a Venezuelan writer. He lives abroad.')).toEqual([
      'Christian K. Caruzo is a Venezuelan writer.',
      'He lives abroad.',
    ]);
  });

  it('GIVEN quotations THEN the closing quote stays with its sentence', () => {
    expect(sentencesOf('“Is it over?” she asked. “Yes.” He left. He said it was “excessive.” Then he sat.')).toEqual([
      '“Is it over?” she asked.',
      '“Yes.”',
      'He left.',
      'He said it was “excessive.”',
      'Then he sat.',
    ]);
  });

  it('GIVEN decimal numbers and times THEN does not split inside them', () => {
    expect(sentencesOf('Prices rose 3.5 percent by 10 a.m. on Friday. Markets fell.')).toEqual([
      'Prices rose 3.5 percent by 10 a.m. on Friday.',
      'Markets fell.',
    ]);
  });

  it('GIVEN a hard-wrapped paragraph THEN a line break inside a sentence does not end it', () => {
    const text = 'The minister said on Monday that the\nGovernment would not negotiate with the\nrebels. Talks ended.';
    expect(sentencesOf(text)).toEqual([
      'The minister said on Monday that the\nGovernment would not negotiate with the\nrebels.',
      'Talks ended.',
    ]);
  });

  it('GIVEN several paragraphs THEN no sentence crosses a paragraph and each knows its paragraph number', () => {
    const text = 'One. Two\n\nThree. Four.';
    const sentences = splitSentences(text, extractParagraphs(text));
    expect(sentences.map((sentence) => [sentence.paragraph, sentence.text])).toEqual([
      [1, 'One.'],
      [1, 'Two'],
      [2, 'Three.'],
      [2, 'Four.'],
    ]);
  });

  it('GIVEN a paragraph with no sentence mark THEN it is one sentence', () => {
    expect(sentencesOf('A headline without a full stop')).toEqual(['A headline without a full stop']);
  });

  it('GIVEN paragraphs at offsets after front matter or other text THEN sentence offsets point into the article', () => {
    const text = 'Intro line here.\n\n“Yes,” said Mr. Roe. The U.S. agreed.';
    const sentences = splitSentences(text, extractParagraphs(text));
    expect(sentences).toHaveLength(3);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});

describe('opensOnPronoun', () => {
  it.each(['She said so.', 'On that day, the council voted.', 'At the time, no one knew.'])(
    'GIVEN "%s" THEN it points back to the sentence before',
    (text) => {
      expect(opensOnPronoun(text)).toBe(true);
    },
  );

  it.each(['The council voted.', 'Thatcher resigned.', 'On Monday, the council voted.', 'Then-Mayor Lucia Brandt spoke.'])(
    'GIVEN "%s" THEN it names what it is about itself',
    (text) => {
      expect(opensOnPronoun(text)).toBe(false);
    },
  );
});
