import type { APIEmbed } from 'discord.js';
import { describe, expect, test } from 'vitest';
import {
  contentMessages,
  embedLength,
  findLimitViolation,
  layoutEmbeds,
  LIMITS,
  packEmbeds,
} from '../../../src/discord/format/embeds.js';

const sentence = 'The council met on Tuesday and voted to approve the budget for the coming year. ';

describe('layoutEmbeds', () => {
  test('GIVEN a short draft THEN makes one message with one embed', () => {
    const messages = layoutEmbeds({ title: 'Title', description: 'Body', footer: 'Foot', color: 1 });
    expect(messages).toEqual([
      { embeds: [{ title: 'Title', description: 'Body', footer: { text: 'Foot' }, color: 1 }] },
    ]);
  });

  test('GIVEN a description longer than 4096 THEN splits it across embeds, title on the first only', () => {
    const messages = layoutEmbeds({ title: 'Long', description: sentence.repeat(120) });
    const embeds = messages.flatMap((message) => message.embeds);
    expect(embeds.length).toBeGreaterThan(2);
    expect(embeds[0]?.title).toBe('Long');
    expect(embeds.slice(1).every((embed) => embed.title === undefined)).toBe(true);
    expect(embeds.every((embed) => (embed.description?.length ?? 0) <= LIMITS.embedDescription)).toBe(true);
    for (const message of messages) expect(findLimitViolation(message)).toBeUndefined();
  });

  test('GIVEN 60 long fields THEN no embed has over 25 fields and no message over 6000 characters', () => {
    const fields = Array.from({ length: 60 }, (_, index) => ({
      name: `[${index + 1}] A`,
      value: 'v'.repeat(900),
    }));
    const messages = layoutEmbeds({ title: 'Many', description: 'Answer', fields, footer: 'end' });
    for (const message of messages) expect(findLimitViolation(message)).toBeUndefined();
    const allFields = messages.flatMap((message) => message.embeds.flatMap((embed) => embed.fields ?? []));
    expect(allFields.map((field) => field.name)).toEqual(fields.map((field) => field.name));
    expect(messages.at(-1)?.embeds.at(-1)?.footer?.text).toBe('end');
  });

  test('GIVEN an over-long title, field name and value THEN each is trimmed within its limit', () => {
    const [message] = layoutEmbeds({
      title: 'word '.repeat(100),
      fields: [{ name: 'name '.repeat(100), value: 'value '.repeat(400) }],
    });
    const embed = message?.embeds[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed?.fields?.[0]?.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(embed?.fields?.[0]?.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embed?.fields?.[0]?.value.endsWith('…')).toBe(true);
  });

  test('GIVEN an empty field value THEN uses a zero-width space Discord accepts', () => {
    const [message] = layoutEmbeds({ fields: [{ name: 'Empty', value: '' }] });
    expect(message?.embeds[0]?.fields?.[0]?.value).toBe('\u200b');
  });
});

describe('packEmbeds', () => {
  test('GIVEN more than ten embeds THEN starts a new message after ten', () => {
    const embeds: APIEmbed[] = Array.from({ length: 12 }, (_, index) => ({ description: `${index}` }));
    expect(packEmbeds(embeds).map((message) => message.embeds.length)).toEqual([10, 2]);
  });

  test('GIVEN embeds that together pass 6000 THEN splits them between messages', () => {
    const embeds: APIEmbed[] = [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(4000) }];
    const messages = packEmbeds(embeds);
    expect(messages).toHaveLength(2);
    expect(
      messages.every((message) => message.embeds.reduce((sum, e) => sum + embedLength(e), 0) <= 6000),
    ).toBe(true);
  });
});

describe('contentMessages and findLimitViolation', () => {
  test('GIVEN 4500 characters of text THEN makes three messages of at most 2000', () => {
    const messages = contentMessages(sentence.repeat(56));
    expect(messages.length).toBe(3);
    for (const message of messages) expect(findLimitViolation(message)).toBeUndefined();
  });

  test('GIVEN content of 2001 characters THEN reports the violation', () => {
    expect(findLimitViolation({ content: 'x'.repeat(2001), embeds: [] })).toBe('content longer than 2000');
  });
});
