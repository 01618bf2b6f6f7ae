import { describe, expect, it } from 'vitest';
import { extractParagraphs } from '../../src/corpus/clean.js';
import type { Paragraph } from '../../src/corpus/types.js';

const texts = (body: string): string[] => extractParagraphs(body).map((paragraph) => paragraph.text);

/** The invariant every citation relies on: a paragraph is exactly the characters at its offsets. */
function expectExactOffsets(body: string, paragraphs: readonly Paragraph[]): void {
  for (const paragraph of paragraphs) {
    expect(body.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
    expect(paragraph.text).toBe(paragraph.text.trim());
  }
  expect(paragraphs.map((paragraph) => paragraph.number)).toEqual(paragraphs.map((_, index) => index + 1));
}

const WRAPPED_PARAGRAPH = [
  'The minister said on Monday that the government would not',
  'negotiate with the rebels, who had seized the northern town',
  'of Example last week.',
].join('\n');

describe('extractParagraphs', () => {
  describe('page furniture', () => {
    it('GIVEN an author bio ending "You can follow him on Twitter here." THEN keeps the bio and trims the prompt', () => {
      const body =
        'The talks failed.\nJane Roe is a writer who covers Latin America. You can follow him on Twitter here.';
      const paragraphs = extractParagraphs(body);
      expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'The talks failed.',
        'Jane Roe is a writer who covers Latin America.',
      ]);
      expectExactOffsets(body, paragraphs);
    });

    it.each([
      'You can follow him on Twitter here.',
      'Follow her on Instagram @janeroe.',
      'You can find them on Bluesky.',
    ])('GIVEN a paragraph that is only a social prompt (%s) THEN drops it', (prompt) => {
      expect(texts(`The talks failed.\n${prompt}`)).toEqual(['The talks failed.']);
    });

    it('GIVEN reporting about people following someone on social media THEN keeps every word', () => {
      const body = 'Millions of teenagers follow them on TikTok.\nHe urged voters to find him on Facebook.';
      expect(texts(body)).toEqual([
        'Millions of teenagers follow them on TikTok.',
        'He urged voters to find him on Facebook.',
      ]);
    });

    it.each(['COMMENTS', 'Comments', 'Comments (12)', '42 comments', 'View all comments', 'Load more comments'])(
      'GIVEN a lone "%s" line THEN drops it',
      (line) => {
        expect(texts(`The talks failed.\n${line}\nOfficials left.`)).toEqual(['The talks failed.', 'Officials left.']);
      },
    );

    it.each([
      "Please let us know if you're having issues with commenting.",
      'Having trouble with comments? Contact us.',
      'Please read our comment policy before posting.',
      'Review our community guidelines.',
      'Comments are closed.',
      'By commenting, you agree to our terms of use.',
      'Comment policy: be civil.',
    ])('GIVEN the comment-policy line "%s" THEN drops it', (line) => {
      expect(texts(`The talks failed.\n\n${line}`)).toEqual(['The talks failed.']);
    });

    it('GIVEN reporting that mentions comments or community guidelines THEN keeps it', () => {
      const body = [
        'Meta said the posts broke its community guidelines and removed them.',
        'The minister declined to comment on the policy.',
        'Comments by the ambassador angered officials in Lima.',
        'The party had problems with comments made by its leader.',
        'By posting the video, the group hoped to reach voters abroad.',
      ].join('\n');
      expect(texts(body)).toHaveLength(5);
    });

    it.each(['Share', 'Tweet', 'Advertisement', 'Related Articles', 'Share this article', 'Photo credit: Reuters'])(
      'GIVEN the button or credit line "%s" THEN drops it',
      (line) => {
        expect(texts(`${line}\nThe talks failed.`)).toEqual(['The talks failed.']);
      },
    );

    it('GIVEN lines without a letter or digit (rules, ornaments) THEN drops them', () => {
      expect(texts('***\nThe talks failed.\n---\n…')).toEqual(['The talks failed.']);
    });

    it('GIVEN the seed article\'s footer THEN only the bio sentence is left of it', () => {
      const body = [
        'Peru responded at the time by declaring the ambassador persona non grata.',
        'Christian K. Caruzo is a Venezuelan writer. You can follow him on Twitter here.',
        '',
        'COMMENTS',
        "Please let us know if you're having issues with commenting.",
      ].join('\n');
      const paragraphs = extractParagraphs(body);
      expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'Peru responded at the time by declaring the ambassador persona non grata.',
        'Christian K. Caruzo is a Venezuelan writer.',
      ]);
      expectExactOffsets(body, paragraphs);
    });
  });

  describe('layouts', () => {
    it('GIVEN one paragraph a line THEN each line is a paragraph', () => {
      const body = `${'A long first paragraph that goes on. '.repeat(5)}\n${'Then a second one. '.repeat(8)}`;
      const paragraphs = extractParagraphs(body);
      expect(paragraphs).toHaveLength(2);
      expectExactOffsets(body, paragraphs);
    });

    it('GIVEN short paragraphs one a line THEN does not mistake them for a wrapped paragraph', () => {
      expect(texts('Short one.\nShort two.\n“Short three,” he said.')).toEqual([
        'Short one.',
        'Short two.',
        '“Short three,” he said.',
      ]);
    });

    it('GIVEN paragraphs separated by blank lines THEN each block is a paragraph', () => {
      const body = 'First paragraph.\n\n\nSecond paragraph.\n   \nThird paragraph.';
      const paragraphs = extractParagraphs(body);
      expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'First paragraph.',
        'Second paragraph.',
        'Third paragraph.',
      ]);
      expectExactOffsets(body, paragraphs);
    });

    it('GIVEN hard-wrapped paragraphs THEN joins each block, keeping its line breaks in place', () => {
      const body = `${WRAPPED_PARAGRAPH}\n\nTalks are expected to resume on Friday, officials said, after\nthe two sides exchanged prisoners.`;
      const paragraphs = extractParagraphs(body);
      expect(paragraphs).toHaveLength(2);
      expect(paragraphs[0]?.text).toBe(WRAPPED_PARAGRAPH);
      expectExactOffsets(body, paragraphs);
    });

    it('GIVEN a heading or a title line above a wrapped paragraph THEN the heading is a paragraph of its own', () => {
      for (const heading of ['# Background', 'Background']) {
        expect(texts(`${heading}\n${WRAPPED_PARAGRAPH}`)).toEqual([heading, WRAPPED_PARAGRAPH]);
      }
    });

    it('GIVEN a list THEN each item is a paragraph', () => {
      expect(texts('- one item\n- another item\n1. a numbered item')).toHaveLength(3);
    });

    it('GIVEN Windows line endings THEN splits the same way and offsets stay exact', () => {
      const body = 'First paragraph.\r\n\r\nSecond paragraph.\r\nThird paragraph.\r\n';
      const paragraphs = extractParagraphs(body);
      expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'First paragraph.',
        'Second paragraph.',
        'Third paragraph.',
      ]);
      expectExactOffsets(body, paragraphs);
    });

    it('GIVEN an empty or blank body THEN there are no paragraphs', () => {
      expect(extractParagraphs('')).toEqual([]);
      expect(extractParagraphs(' \n\n\t\n')).toEqual([]);
    });
  });

  it.each([
    ['indented lines', '   Indented first.\n\t\tTabbed second.   \n'],
    ['furniture between paragraphs', 'One.\nCOMMENTS\nTwo.\n\nShare\n\nThree. You can follow her on X here.'],
    ['wrapped text after a list', `- item\n\n${WRAPPED_PARAGRAPH}\n\n\n\nLast.`],
    ['accents and curly quotes', '“José Jerí,” she said — in Perú.\n\n¿Qué pasó?'],
  ])('GIVEN %s THEN every paragraph is exactly body.slice(start, end)', (_name, body) => {
    expectExactOffsets(body, extractParagraphs(body));
  });
});
