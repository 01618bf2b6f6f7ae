import { describe, expect, it } from 'vitest';
import { formatTimeline } from '../../src/cli/format.js';
import { parseChatTimeline } from '../../src/cli/timeline.js';
import { timelineEvents } from '../support/fakeArticleBot.js';

describe('the terminal chat’s /timeline', () => {
  it('GIVEN words and --png THEN the words are the person and the picture goes to the file named or ./timeline.png', () => {
    expect(parseChatTimeline('')).toEqual({ filter: {} });
    expect(parseChatTimeline('de Zela')).toEqual({ filter: { person: 'de Zela' } });
    expect(parseChatTimeline('--png')).toEqual({ filter: {}, png: 'timeline.png' });
    expect(parseChatTimeline('Ana --png out/ana.png')).toEqual({
      filter: { person: 'Ana' },
      png: 'out/ana.png',
    });
    expect(parseChatTimeline('--png Ana Ruiz')).toEqual({
      filter: { person: 'Ana Ruiz' },
      png: 'timeline.png',
    });
  });

  it('GIVEN events from several articles THEN one line each cites [n], and the sources follow with their quotes', () => {
    const titles = new Map([['mayor-resigns', 'Mayor resigns after budget inquiry']]);
    const text = formatTimeline(timelineEvents(2), { titles, singleArticle: false });
    expect(text.split('\n')).toEqual([
      '≈ 1 Mar 2024  Event number 1 happened at the council. — Ana Ruiz  [1]',
      '2 Mar 2024    Event number 2 happened at the council. — Luis Pérez  [2]',
      '(≈ date inferred from the text and the publication date)',
      '',
      'Sources:',
      '  [1] Mayor resigns after budget inquiry, ¶1',
      '      “Passage for event 1.”',
      '  [2] Mayor resigns after budget inquiry, ¶2',
      '      “Passage for event 2.”',
    ]);
  });
});
