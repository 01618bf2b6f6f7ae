import {
  ThreadAutoArchiveDuration,
  type GuildTextBasedChannel,
  type Message,
  type MessageCreateOptions,
} from 'discord.js';
import { answerButtonsRow, cooldownMessage } from './answering.js';
import type { BotContext } from './context.js';
import { describeError, userMessageFor } from './errors.js';
import { formatAnswer } from './format/answer.js';
import { LIMITS, type MessageDraft } from './format/embeds.js';
import { truncateAtWord } from './format/text.js';
import { NO_MENTIONS, type ActionRow } from './respond.js';
import { InputError } from '../errors.js';

const MENTION_HINT =
  'Ask me a question after the mention — for example “@me who resigned, and why?” — or use /ask.';
/** Discord's typing indicator lasts about 10 seconds; it is renewed a little before it fades. */
const TYPING_RENEW_MS = 8000;

/** Where the answer goes: a thread (whose id keys the conversation), or a plain reply. */
interface Destination {
  channel: GuildTextBasedChannel;
  conversationId: string | undefined;
  replyTo: Message | undefined;
}

export function questionFrom(content: string, botId: string): string {
  return content.replaceAll(`<@${botId}>`, ' ').replaceAll(`<@!${botId}>`, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A message that mentions the bot is a question. It is answered in a thread opened on it (or as a
 * plain reply where threads are not allowed), and later messages in that thread are follow-ups read
 * with the conversation so far. Without the Message Content intent Discord sends the text only of
 * messages that mention the bot, so follow-ups must mention it too.
 */
export async function handleMessage(message: Message, context: BotContext): Promise<void> {
  const botId = context.client.user?.id;
  if (botId === undefined || message.author.bot || message.system || !message.inGuild()) return;
  const mentioned = message.mentions.users.has(botId);
  // Only in threads the bot opened: a member's own thread where it was mentioned once stays theirs.
  const followUp =
    context.config.messageContentIntent &&
    message.channel.isThread() &&
    message.channel.ownerId === botId &&
    context.conversations.has(message.channelId);
  if (!mentioned && !followUp) return;

  let destination: Destination | undefined;
  try {
    const question = questionFrom(message.content, botId);
    if (question === '') {
      await message.reply({ content: MENTION_HINT, allowedMentions: NO_MENTIONS });
      return;
    }
    const cooldown = context.cooldowns.take(message.author.id);
    if (!cooldown.accepted) {
      await message.reply({ content: cooldownMessage(cooldown.retryAfterMs), allowedMentions: NO_MENTIONS });
      return;
    }
    destination = await destinationFor(message, question, context);
    const { conversationId } = destination;
    const history = conversationId === undefined ? [] : context.conversations.history(conversationId);
    const ticket = context.questions.enqueue(() =>
      context.bot.ask(question, {
        ...(history.length > 0 ? { history } : {}),
        guild: message.guildId,
        recordUnanswered: true,
      }),
    );
    const answer = await whileTyping(destination.channel, ticket.result, context);
    if (conversationId !== undefined) context.conversations.append(conversationId, question, answer);
    context.answers.set(message.id, answer);
    await send(destination, formatAnswer(answer), [answerButtonsRow(message.id, answer)]);
  } catch (error) {
    context.logger[error instanceof InputError ? 'warn' : 'error'](
      {
        error: describeError(error),
        message: message.id,
        channel: message.channelId,
        user: message.author.id,
      },
      'mention failed',
    );
    const notice: MessageDraft = { content: userMessageFor(error), embeds: [] };
    await send(destination ?? { channel: message.channel, conversationId: undefined, replyTo: message }, [
      notice,
    ]).catch((sendError: unknown) =>
      context.logger.warn({ error: describeError(sendError) }, 'could not report a failed mention'),
    );
  }
}

async function destinationFor(
  message: Message<true>,
  question: string,
  context: BotContext,
): Promise<Destination> {
  if (message.channel.isThread()) {
    context.conversations.open(message.channelId);
    return { channel: message.channel, conversationId: message.channelId, replyTo: undefined };
  }
  try {
    const thread = await message.startThread({
      name: truncateAtWord(question, LIMITS.threadName),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
    });
    context.conversations.open(thread.id);
    return { channel: thread, conversationId: thread.id, replyTo: undefined };
  } catch (error) {
    // Missing "Create Public Threads", an announcement channel's rules, a voice channel's chat...
    context.logger.info(
      { error: describeError(error), channel: message.channelId },
      'no thread; replying instead',
    );
    return { channel: message.channel, conversationId: undefined, replyTo: message };
  }
}

/** Shows "typing…" while a slow answer is being prepared; quick answers skip the extra request. */
async function whileTyping<T>(
  channel: GuildTextBasedChannel,
  work: Promise<T>,
  context: BotContext,
): Promise<T> {
  const showTyping = (): void => {
    channel
      .sendTyping()
      .catch((error: unknown) => context.logger.debug({ error: describeError(error) }, 'typing'));
  };
  let renew: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    showTyping();
    renew = setInterval(showTyping, TYPING_RENEW_MS);
  }, context.tuning.deferAfterMs);
  try {
    return await work;
  } finally {
    clearTimeout(first);
    clearInterval(renew);
  }
}

async function send(destination: Destination, drafts: readonly MessageDraft[], components: ActionRow[] = []) {
  for (const [index, draft] of drafts.entries()) {
    const options: MessageCreateOptions = {
      embeds: draft.embeds,
      components: index === drafts.length - 1 ? components : [],
      allowedMentions: NO_MENTIONS,
      ...(draft.content === undefined ? {} : { content: draft.content }),
    };
    if (index === 0 && destination.replyTo !== undefined) {
      await destination.replyTo.reply(options);
    } else {
      await destination.channel.send(options);
    }
  }
}
