import { describe, expect, it } from 'vitest';
import { americanSpelling } from '../../src/corpus/spelling.js';
import { stem } from '../../src/corpus/tokens.js';

describe('americanSpelling', () => {
  it.each([
    ['colour', 'color'],
    ['honourable', 'honorable'],
    ['labourers', 'laborers'],
    ['travelled', 'traveled'],
    ['cancelling', 'canceling'],
    ['centre', 'center'],
    ['centred', 'centered'],
    ['metres', 'meters'],
    ['organisation', 'organization'],
    ['realised', 'realized'],
    ['analyse', 'analyze'],
    ['catalogue', 'catalog'],
    ['defence', 'defense'],
    ['defences', 'defenses'],
    ['ploughed', 'plowed'],
    ['sceptical', 'skeptical'],
    ['catalogued', 'cataloged'],
    ['paediatric', 'pediatric'],
    ['programme', 'program'],
  ])('GIVEN the British spelling %s THEN it reads as the American %s', (british, american) => {
    expect(americanSpelling(british)).toBe(american);
  });

  it.each(['hour', 'four', 'tour', 'devour', 'contour', 'filled', 'called', 'poet', 'does', 'shoes', 'michael', 'rise'])(
    'GIVEN %s, which only looks British, THEN it stays another word',
    (word) => {
      expect(americanSpelling(word)).toBe(word);
    },
  );

  it('GIVEN both spellings of a word in its forms THEN their stems meet, so a question finds the other spelling', () => {
    expect(stem('colours')).toBe(stem('colors'));
    expect(stem('organised')).toBe(stem('organized'));
    expect(stem('travelling')).toBe(stem('traveling'));
    expect(stem('centres')).toBe(stem('centers'));
    expect(stem('manoeuvred')).toBe(stem('maneuvered'));
    // A plural of an "-is" noun keeps meeting its singular.
    expect(stem('irises')).toBe(stem('iris'));
  });

  it('GIVEN two different words THEN no rule gives them one stem', () => {
    expect(stem('filled')).not.toBe(stem('filed'));
    expect(stem('poet')).not.toBe(stem('pet'));
    expect(stem('prise')).not.toBe(stem('prize'));
    expect(stem('cheque')).not.toBe(stem('check'));
    expect(stem('tyre')).not.toBe(stem('tire'));
  });
});
