import { describe, expect, it } from 'vitest';
import { contradicts } from '../../src/answer/opposites.js';

describe('contradicts', () => {
  it('GIVEN a sentence with the WordNet antonym of a question word it lacks THEN it contradicts', () => {
    expect(contradicts('Who accepted the union’s offer?', 'The board rejected the union’s offer.', [])).toBe(
      true,
    );
    expect(
      contradicts('What is the internal cause of the delay?', 'The external cause was the weather.', []),
    ).toBe(true);
  });

  it('GIVEN an inflected word ("won", "larger", "closing") THEN its dictionary form finds the opposite', () => {
    expect(contradicts('Which party won the seat?', 'The Greens lost the seat in March.', [])).toBe(true);
    expect(contradicts('Which harbour is larger?', 'The smaller harbour lies to the north.', [])).toBe(true);
    expect(contradicts('Why is the plant closing?', 'The plant is opening a second line.', [])).toBe(true);
  });

  it('GIVEN the sentence also says the asked word, or the question says both THEN nothing is contradicted', () => {
    expect(contradicts('Who won the seat?', 'Smith won the seat the Greens lost.', [])).toBe(false);
    expect(contradicts('Did they win or lose?', 'They lost.', [])).toBe(false);
  });

  it('GIVEN the asked word is in the sentence’s context THEN a side-by-side discussion flips nothing', () => {
    expect(
      contradicts('Who runs the public schools?', 'The private schools are run by trusts.', ['public']),
    ).toBe(false);
  });

  it('GIVEN an agent noun ("buyer") THEN it is not stripped into a verb ("buy") to oppose "sell"', () => {
    expect(
      contradicts('Which buyer did the company turn down?', 'It cancelled a deal to sell the unit.', []),
    ).toBe(false);
  });

  it('GIVEN function words WordNet opposes ("some"/"all", "same"/"different") THEN they flip nothing', () => {
    expect(contradicts('Do some members agree?', 'All members agree.', [])).toBe(false);
    expect(contradicts('Which teams use the same rules?', 'The teams use different rules.', [])).toBe(false);
  });
});

describe('contradicts, with a word negated by its prefix', () => {
  it('GIVEN "unofficial" asked of "official", or "encrypted" of "unencrypted" THEN it contradicts', () => {
    expect(
      contradicts('What is the festival’s unofficial name?', 'Its official name is Fête de la Musique.', []),
    ).toBe(true);
    expect(
      contradicts('Which channels are encrypted?', 'The unencrypted channels are free to view.', []),
    ).toBe(true);
    expect(contradicts('Who chairs the nonprofit board?', 'She chairs the profit committee.', [])).toBe(true);
  });

  it('GIVEN the same word with a hyphen ("un-elected", "unelected") or a short stem ("until") THEN nothing flips', () => {
    expect(contradicts('Who are the un-elected members?', 'The unelected members sit for life.', [])).toBe(
      false,
    );
    expect(contradicts('What lasted until noon?', 'The til closed at noon.', [])).toBe(false);
  });

  it('GIVEN "A before B" asked of a sentence saying "B after A" THEN the relation is the same, seen from B', () => {
    expect(
      contradicts(
        'How many rate hikes had the Federal Reserve made before the housing market began to decline?',
        'The housing market has been declining after the Federal Reserve raised interest rates 17 times.',
        [],
      ),
    ).toBe(false);
  });

  it('GIVEN "before" flipped to "after" with both sides where they were THEN it still contradicts', () => {
    expect(
      contradicts(
        'What did the Federal Reserve do before the housing market declined?',
        'The Federal Reserve cut rates after the housing market declined.',
        [],
      ),
    ).toBe(true);
  });
});
