import type { APIEmbed, APIEmbedField } from 'discord.js';
import { splitText, truncateAtWord } from './text.js';

/** Discord rejects a message outright when any of these is exceeded, so every payload is built within them. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of all embeds of one message together. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
  customId: 100,
} as const;

export const COLORS = {
  answer: 0x5865f2,
  abstained: 0x99aab5,
  notice: 0xfee75c,
  success: 0x57f287,
} as const;

/** What one Discord message carries before components, flags and mentions are added by the sender. */
export interface MessageDraft {
  content?: string;
  embeds: APIEmbed[];
}

export interface EmbedDraft {
  title?: string;
  description?: string;
  fields?: APIEmbedField[];
  footer?: string;
  color?: number;
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

/**
 * Lays out one logical embed as as many messages as its text needs: the description is split at
 * natural boundaries into 4,096-character embeds, fields move to a further embed after 25 or when the
 * 6,000 total would be passed, and embeds are grouped ten to a message within 6,000 characters.
 * Only the first embed carries the title and only the last the footer, so the pieces read as one.
 */
export function layoutEmbeds(draft: EmbedDraft): MessageDraft[] {
  const color = draft.color === undefined ? {} : { color: draft.color };
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { ...color };
  if (draft.title !== undefined && draft.title.trim() !== '') {
    current.title = truncateAtWord(oneLine(draft.title), LIMITS.embedTitle);
  }
  const startNext = (): void => {
    embeds.push(current);
    current = { ...color };
  };

  splitText(draft.description ?? '', LIMITS.embedDescription).forEach((piece, index) => {
    if (index > 0) startNext();
    current.description = piece;
  });

  for (const field of draft.fields ?? []) {
    const fitted = fitField(field);
    const fieldCount = current.fields?.length ?? 0;
    const overflows = embedLength(current) + fitted.name.length + fitted.value.length > LIMITS.embedTotal;
    if (fieldCount >= LIMITS.embedFields || overflows) startNext();
    (current.fields ??= []).push(fitted);
  }

  if (draft.footer !== undefined && draft.footer.trim() !== '') {
    const text = truncateAtWord(draft.footer, LIMITS.footerText);
    if (embedLength(current) + text.length > LIMITS.embedTotal) startNext();
    current.footer = { text };
  }
  embeds.push(current);

  return packEmbeds(embeds.filter((embed) => embedLength(embed) > 0));
}

/** Groups embeds in order into messages of at most ten embeds and 6,000 characters. */
export function packEmbeds(embeds: readonly APIEmbed[]): MessageDraft[] {
  const messages: MessageDraft[] = [];
  let group: APIEmbed[] = [];
  let groupLength = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (group.length >= LIMITS.embedsPerMessage || groupLength + length > LIMITS.embedTotal) {
      messages.push({ embeds: group });
      group = [];
      groupLength = 0;
    }
    group.push(embed);
    groupLength += length;
  }
  if (group.length > 0) messages.push({ embeds: group });
  return messages;
}

/** Plain text as one or more messages within the 2,000-character content limit. */
export function contentMessages(text: string): MessageDraft[] {
  return splitText(text, LIMITS.content).map((content) => ({ content, embeds: [] }));
}

function fitField(field: APIEmbedField): APIEmbedField {
  const name = truncateAtWord(oneLine(field.name), LIMITS.fieldName);
  const value = truncateAtWord(field.value, LIMITS.fieldValue);
  // Discord refuses empty field names and values; a zero-width space is its documented way to leave one blank.
  return {
    name: name === '' ? '\u200b' : name,
    value: value === '' ? '\u200b' : value,
    ...(field.inline === undefined ? {} : { inline: field.inline }),
  };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Checks a message against Discord's limits; returns the first broken one, for tests and assertions. */
export function findLimitViolation(message: MessageDraft): string | undefined {
  if ((message.content?.length ?? 0) > LIMITS.content) return 'content longer than 2000';
  if (message.embeds.length > LIMITS.embedsPerMessage) return 'more than 10 embeds';
  let total = 0;
  for (const embed of message.embeds) {
    if ((embed.title?.length ?? 0) > LIMITS.embedTitle) return 'embed title longer than 256';
    if ((embed.description?.length ?? 0) > LIMITS.embedDescription)
      return 'embed description longer than 4096';
    if ((embed.fields?.length ?? 0) > LIMITS.embedFields) return 'more than 25 fields';
    for (const field of embed.fields ?? []) {
      if (field.name.length > LIMITS.fieldName) return 'field name longer than 256';
      if (field.value.length > LIMITS.fieldValue) return 'field value longer than 1024';
    }
    if ((embed.footer?.text.length ?? 0) > LIMITS.footerText) return 'footer longer than 2048';
    total += embedLength(embed);
  }
  return total > LIMITS.embedTotal ? 'embeds longer than 6000 in total' : undefined;
}
