import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import type { NumberedPassage } from '../../src/generation/types.js';
import { normalizeWithOffsets, verifyReply } from '../../src/generation/verifyQuotes.js';

const BODY = [
  'The city council approved the “green corridor” plan on Tuesday by nine votes to two.',
  'Councillor Mara Voss said the plan would plant   4,000 trees along the river.',
  'Opponents said the cost, 12 million euros, was too high for a small town.',
].join('\n\n');

function article(id: string, text: string): Article {
  let offset = 0;
  const paragraphs = text.split('\n\n').map((paragraph, index) => {
    const start = text.indexOf(paragraph, offset);
    offset = start + paragraph.length;
    return { number: index + 1, text: paragraph, start, end: start + paragraph.length };
  });
  return {
    id,
    file: `${id}.md`,
    metadata: { title: `Title of ${id}`, language: 'en' },
    text,
    paragraphs,
    contentHash: id,
  };
}

function passagesOf(source: Article): NumberedPassage[] {
  return source.paragraphs.map((paragraph, index) => ({
    n: index + 1,
    article: source,
    paragraph: paragraph.number,
    start: paragraph.start,
    end: paragraph.end,
    text: paragraph.text,
  }));
}

const passages = passagesOf(article('council', BODY));

describe('verifyReply', () => {
  it('GIVEN quotes copied from the passages they name THEN each is cited as the article text at its offsets', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'The plan passed nine to two [1] and plants 4,000 trees [2].',
        citations: [
          { n: 1, quote: 'approved the “green corridor” plan on Tuesday' },
          { n: 2, quote: 'the plan would plant 4,000 trees along the river' },
        ],
      },
      passages,
    );
    expect(verified.answer).toBe('The plan passed nine to two [1] and plants 4,000 trees [2].');
    expect(verified.kept).toBe(2);
    expect(verified.citations.map((citation) => citation.text)).toEqual([
      'approved the “green corridor” plan on Tuesday',
      // White space differs from the quote: the article's own text is what is cited.
      'the plan would plant   4,000 trees along the river',
    ]);
    for (const citation of verified.citations) {
      expect(BODY.slice(citation.start, citation.end)).toBe(citation.text);
      expect(citation.verified).toBe(true);
    }
  });

  it('GIVEN straight quote marks where the article has curly ones THEN the quote still matches', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'It is called the green corridor [1].',
        citations: [{ n: 1, quote: 'approved the "green corridor" plan' }],
      },
      passages,
    );
    expect(verified.citations[0]?.text).toBe('approved the “green corridor” plan');
  });

  it('GIVEN a quote from another passage than the one named THEN it is re-attributed there and the marker follows', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Opponents found it too expensive [1].',
        citations: [{ n: 1, quote: 'was too high for a small town' }],
      },
      passages,
    );
    expect(verified.reattributed).toBe(1);
    expect(verified.citations).toHaveLength(1);
    expect(verified.citations[0]?.paragraph).toBe(3);
    expect(verified.answer).toBe('Opponents found it too expensive [1].');
  });

  it('GIVEN a fabricated quote THEN it is dropped with its marker, and the verified ones are renumbered in reading order', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'The mayor resigned [1]. The cost was 12 million euros [3].',
        citations: [
          { n: 1, quote: 'the mayor resigned in protest at the plan' },
          { n: 3, quote: 'the cost, 12 million euros, was too high' },
        ],
      },
      passages,
    );
    expect(verified.dropped).toBe(1);
    expect(verified.answer).toBe('The mayor resigned. The cost was 12 million euros [1].');
    expect(verified.citations.map((citation) => citation.n)).toEqual([1]);
  });

  it('GIVEN a marker no citation entry backs THEN the marker is removed', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Nine votes to two [1], on Tuesday [2].',
        citations: [{ n: 1, quote: 'on Tuesday by nine votes to two' }],
      },
      passages,
    );
    expect(verified.answer).toBe('Nine votes to two [1], on Tuesday.');
  });

  it('GIVEN a combined marker [1, 2] THEN it becomes the markers of its verified citations', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Approved, with trees [1, 2].',
        citations: [
          { n: 1, quote: 'The city council approved the' },
          { n: 2, quote: 'plant 4,000 trees along the river' },
        ],
      },
      passages,
    );
    expect(verified.answer).toBe('Approved, with trees [1][2].');
  });

  it('GIVEN verified quotes but no marker in the answer THEN they are cited at its end', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'The council approved it.',
        citations: [{ n: 1, quote: 'The city council approved the' }],
      },
      passages,
    );
    expect(verified.answer).toBe('The council approved it. [1]');
  });

  it('GIVEN a quote too short to mean anything, or elided with an ellipsis inside THEN it is dropped', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Yes [1] and no [2].',
        citations: [
          { n: 1, quote: 'the plan' },
          { n: 2, quote: 'The city council ... nine votes to two' },
        ],
      },
      passages,
    );
    expect(verified.citations).toEqual([]);
    expect(verified.dropped).toBe(2);
  });

  it('GIVEN a quote wrapped in quotation marks and ending on an added full stop THEN it is found', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Voss spoke [1].',
        citations: [{ n: 1, quote: '"Councillor Mara Voss said the plan would plant."' }],
      },
      passages,
    );
    expect(verified.citations[0]?.text).toBe('Councillor Mara Voss said the plan would plant');
  });

  it('GIVEN an answer past the length limit THEN it is cut at a sentence end, keeping that sentence’s marker', () => {
    const long = `${'The council met. '.repeat(5)}It approved the plan [1]. ${'More words follow here. '.repeat(10)}`;
    const verified = verifyReply(
      { answerable: true, answer: long, citations: [{ n: 1, quote: 'The city council approved the' }] },
      passages,
      120,
    );
    expect(verified.answer.length).toBeLessThanOrEqual(124);
    expect(verified.answer).toMatch(/\.$|\[1\]$/);
  });

  it('GIVEN the same quote twice THEN it is one citation', () => {
    const verified = verifyReply(
      {
        answerable: true,
        answer: 'Approved [1], approved again [2].',
        citations: [
          { n: 1, quote: 'The city council approved the' },
          { n: 2, quote: 'The city council approved the' },
        ],
      },
      passages,
    );
    expect(verified.citations).toHaveLength(1);
    expect(verified.answer).toBe('Approved [1], approved again [1].');
  });
});

describe('normalizeWithOffsets', () => {
  it('GIVEN runs of white space and typographic quotes THEN one space and plain quotes, each mapped to where it came from', () => {
    const normalized = normalizeWithOffsets('a \n\t “b’s”');
    expect(normalized.text).toBe('a "b\'s"');
    expect(normalized.offsets).toEqual([0, 1, 5, 6, 7, 8, 9]);
  });
});
