import { describe, expect, it } from 'vitest';
import { groupQuestions, type RecordedQuestion } from '../../src/feedback/groupQuestions.js';

let clock = Date.UTC(2024, 4, 1);
function asked(
  question: string,
  kind: RecordedQuestion['kind'] = 'unanswered',
  articles: string[] = [],
): RecordedQuestion {
  clock += 60_000;
  return { question, kind, articles, at: clock };
}

describe('grouping the questions members could not get answered', () => {
  it('GIVEN exact repeats differing in case, spacing and punctuation THEN they count as one', () => {
    const gaps = groupQuestions(
      [asked('Who is the new mayor?'), asked('who is the new  mayor'), asked('WHO IS THE NEW MAYOR??')],
      10,
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ count: 3, unanswered: 3, disliked: 0, variants: [] });
  });

  it('GIVEN near-duplicates (a contraction, a plural, a word more) THEN they are grouped under the commonest phrasing', () => {
    const gaps = groupQuestions(
      [
        asked('How much did the bridges cost?'),
        asked('How much did the bridges cost?'),
        asked('how much did the bridge cost'),
        asked('How much did the new bridge cost?'),
        asked("Who's the new harbour master?"),
        asked('Who is the new harbour master?', 'disliked', ['ferry']),
      ],
      10,
    );
    expect(gaps).toEqual([
      {
        question: 'How much did the bridges cost?',
        count: 4,
        unanswered: 4,
        disliked: 0,
        // Equally frequent: the latest first.
        variants: ['How much did the new bridge cost?', 'how much did the bridge cost'],
        articles: [],
        lastAsked: expect.any(String) as unknown,
      },
      expect.objectContaining({ count: 2, unanswered: 1, disliked: 1, articles: ['ferry'] }),
    ]);
  });

  it('GIVEN questions that share words but ask different things THEN they stay apart', () => {
    const gaps = groupQuestions(
      [
        asked('What did the mayor say about the bridge?'),
        asked('What did the mayor say about the budget?'),
        asked('When did the mayor resign?'),
        asked('Why did the mayor resign?'),
      ],
      10,
    );
    expect(gaps.map((gap) => gap.question).sort()).toEqual([
      'What did the mayor say about the bridge?',
      'What did the mayor say about the budget?',
      'When did the mayor resign?',
      'Why did the mayor resign?',
    ]);
  });

  it('GIVEN a limit THEN returns the most frequent questions first, the latest first among equals', () => {
    const records = [
      asked('Question about ferries?'),
      asked('Question about trains?'),
      asked('Question about trains?'),
      asked('Question about buses?'),
    ];
    expect(groupQuestions(records, 2).map((gap) => [gap.question, gap.count])).toEqual([
      ['Question about trains?', 2],
      ['Question about buses?', 1],
    ]);
  });

  it('GIVEN thousands of distinct questions THEN groups them quickly', () => {
    const records = Array.from({ length: 5000 }, (_, index) =>
      asked(`What happened to road number ${index} in district ${index % 97}?`),
    );
    const started = performance.now();
    const gaps = groupQuestions(records, 10);
    expect(gaps).toHaveLength(10);
    // Generous: a quadratic grouping takes tens of seconds here.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
