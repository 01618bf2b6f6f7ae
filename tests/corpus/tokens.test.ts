import { describe, expect, it } from 'vitest';
import { contentTerms, foldText, foldedWords, stem, wordFamily, words } from '../../src/corpus/tokens.js';

describe('tokens', () => {
  it('GIVEN accents, capitals and typographic quotes THEN foldText makes them plain', () => {
    expect(foldText('José Jerí’s “Perú”')).toBe('jose jeri\'s "peru"');
  });

  it('GIVEN text THEN words are lower-cased with accents kept and apostrophes straightened', () => {
    expect(words('Peru’s José Jerí, 36-year-old!')).toEqual(["peru's", 'josé', 'jerí', '36', 'year', 'old']);
  });

  it('GIVEN a number with separators THEN it is one word, so its decimals are not a day or a count', () => {
    expect(foldedWords('The Dow fell 2.90% to 8,439.24 on October 24, a $2.3bn loss.')).toEqual([
      'the',
      'dow',
      'fell',
      '2.90',
      'to',
      '8,439.24',
      'on',
      'october',
      '24',
      'a',
      '2.3bn',
      'loss',
    ]);
  });

  it('GIVEN text THEN foldedWords drops the accents too', () => {
    expect(foldedWords('José Jerí')).toEqual(['jose', 'jeri']);
  });

  it('GIVEN function words and inflections THEN contentTerms keeps stemmed topic words only', () => {
    expect(contentTerms('The breaking of its diplomatic ties')).toEqual(['break', 'diplomatic', 'tie']);
  });

  it.each([
    ['ties', 'tie'],
    ['hearings', 'hear'],
    ['hearing', 'hear'],
    ['granted', 'grant'],
    ['stopped', 'stop'],
    ['congress', 'congress'],
    ['chavez', 'chavez'],
    ['2022', '2022'],
    ['717s', '717'],
    ['bus', 'bus'],
  ])('GIVEN "%s" THEN stem gives "%s"', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('GIVEN inflected forms of one word THEN they stem alike', () => {
    for (const [plural, singular] of [
      ['hearings', 'hearing'],
      ['buildings', 'building'],
      ['ties', 'tie'],
      ['treaties', 'treaty'],
      ['grants', 'grant'],
      ['misstated', 'misstate'],
      ['created', 'creates'],
      ['agreed', 'agree'],
      ['succeeding', 'succeed'],
      ['succeeded', 'succeed'],
    ] as const) {
      expect(stem(plural)).toBe(stem(singular));
    }
  });
});

describe('wordFamily', () => {
  it('GIVEN a verb and its noun THEN they are one family, where the light stem keeps them apart', () => {
    expect(wordFamily('improved')).toBe(wordFamily('improvement'));
    expect(wordFamily('constructed')).toBe(wordFamily('construction'));
    expect(stem('improved')).not.toBe(stem('improvement'));
  });

  it('GIVEN unrelated words or numbers THEN they stay apart', () => {
    expect(wordFamily('state')).not.toBe(wordFamily('station'));
    expect(wordFamily('1985')).toBe('1985');
  });
});
