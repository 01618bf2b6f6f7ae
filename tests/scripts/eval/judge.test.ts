import { describe, expect, it } from 'vitest';
import { holdsAnswer, judge } from '../../../scripts/eval/judge.js';

const cited = (text: string) => ({ answer: text, abstained: false, citations: [{ text }] });

describe('judge', () => {
  it('GIVEN a seed-format question THEN needs every pattern in the answer and a support text in a citation', () => {
    const question = { id: 'q', q: 'Who?', match: ['jer[ií]|jeri'], support: ['interim president'] };
    expect(judge(question, cited('Interim President José Jerí said so.'))).toBe(true);
    expect(judge(question, { ...cited('Jerí said so.'), citations: [{ text: 'Another passage.' }] })).toBe(
      false,
    );
  });

  it('GIVEN a SQuAD-format question THEN folds accents, case and quotes before looking for a gold answer', () => {
    const question = { id: 'q', q: 'What?', answers: ['“Self-coup”'] };
    expect(judge(question, cited('A failed autogolpe ("self-coup").'))).toBe(true);
    expect(judge(question, cited('A failed coup.'))).toBe(false);
  });

  it('GIVEN an unanswerable question THEN only an abstention is right', () => {
    const question = { id: 'q', q: 'Who won?', abstain: true };
    expect(judge(question, { answer: 'No.', abstained: true, citations: [] })).toBe(true);
    expect(judge(question, cited('Someone won.'))).toBe(false);
  });

  it('GIVEN an abstention on an answerable question THEN it is wrong', () => {
    expect(
      judge({ id: 'q', q: 'What?', answers: ['x'] }, { answer: 'x', abstained: true, citations: [] }),
    ).toBe(false);
  });
});

describe('holdsAnswer', () => {
  it('GIVEN a sentence with the gold answer THEN holds it; an unanswerable question has none', () => {
    expect(holdsAnswer({ id: 'q', q: 'When?', answers: ['1973'] }, 'The crisis began in 1973.')).toBe(true);
    expect(holdsAnswer({ id: 'q', q: 'When?', answers: ['1973'] }, 'The crisis began.')).toBe(false);
    expect(holdsAnswer({ id: 'q', q: 'When?', abstain: true }, 'In 1973.')).toBe(false);
  });
});
