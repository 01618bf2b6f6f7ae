import { describe, expect, test } from 'vitest';
import {
  ABSTENTION_TITLE,
  formatAnswer,
  formatSources,
  QUOTE_PREVIEW_CHARS,
} from '../../../src/discord/format/answer.js';
import { findLimitViolation } from '../../../src/discord/format/embeds.js';
import { abstained, answered, citation } from '../../support/fakeArticleBot.js';

describe('formatAnswer', () => {
  test('GIVEN an answer THEN shows the answer with its markers and one field per citation', () => {
    const [message, ...rest] = formatAnswer(answered('Who resigned?'));
    expect(rest).toEqual([]);
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Who resigned?');
    expect(embed?.description).toContain('[1]');
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      '[1] Mayor resigns after budget inquiry — ¶2',
      '[2] Pérez appointed interim mayor — ¶3',
    ]);
    expect(embed?.fields?.[0]?.value).toBe(`“${citation(1).text}”`);
  });

  test('GIVEN a short answer THEN the description leads with it in bold, then the quoted answer', () => {
    const [message] = formatAnswer(answered('Who resigned?', { short: 'Ana Ruiz' }));
    expect(message?.embeds[0]?.description).toMatch(/^\*\*Ana Ruiz\*\*\n\nMayor Ana Ruiz resigned/);
  });

  test('GIVEN no short answer THEN the description is the quoted answer alone', () => {
    expect(formatAnswer(answered('Why?'))[0]?.embeds[0]?.description).toMatch(/^Mayor Ana Ruiz resigned/);
  });

  test('GIVEN a long quote THEN the field shows it trimmed at a word boundary with an ellipsis', () => {
    const text = 'The inquiry found irregularities in the budget. '.repeat(20);
    const [message] = formatAnswer(answered('Q', { citations: [citation(1, { text })] }));
    const value = message?.embeds[0]?.fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(QUOTE_PREVIEW_CHARS);
    expect(value.endsWith('…”')).toBe(true);
    const shown = value.slice(1, -2);
    expect(text.startsWith(shown)).toBe(true);
    expect(text[shown.length]).toBe(' ');
  });

  test('GIVEN an abstention THEN says plainly the articles do not answer and lists the closest passages', () => {
    const [message] = formatAnswer(abstained('What will the weather be?'));
    const embed = message?.embeds[0];
    expect(embed?.title).toBe(ABSTENTION_TITLE);
    expect(embed?.description).toContain('What will the weather be?');
    expect(embed?.description).toContain('Closest passages');
    expect(embed?.fields?.[0]?.value).toContain('not the weather');
  });

  test('GIVEN an answer of 10,000 characters and 40 citations THEN every message is within the limits', () => {
    const citations = Array.from({ length: 40 }, (_, index) =>
      citation(index + 1, { text: 'A long verbatim passage. '.repeat(30) }),
    );
    const answer = answered('Q', { answer: 'A sentence of the answer [1]. '.repeat(340), citations });
    const messages = formatAnswer(answer);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(findLimitViolation(message)).toBeUndefined();
    const fieldCount = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? [])).length;
    expect(fieldCount).toBe(40);
  });

  test('GIVEN markdown in a quote THEN it is escaped, not rendered', () => {
    const [message] = formatAnswer(answered('Q', { citations: [citation(1, { text: 'a *b* c' })] }));
    expect(message?.embeds[0]?.fields?.[0]?.value).toBe('“a \\*b\\* c”');
  });
});

describe('formatSources', () => {
  test('GIVEN an answer THEN quotes each full passage under its heading', () => {
    const long = 'Every word of this passage is shown. '.repeat(40);
    const [message] = formatSources(answered('Q', { citations: [citation(1, { text: long })] }));
    const description = message?.embeds[0]?.description ?? '';
    expect(description).toContain('**[1] Mayor resigns after budget inquiry — ¶2**');
    expect(description.replace(/\n> /g, '\n')).toContain(long.trim());
  });

  test('GIVEN no passages THEN says so', () => {
    expect(formatSources(answered('Q', { citations: [] }))[0]?.content).toMatch(/no quoted passages/);
  });
});
