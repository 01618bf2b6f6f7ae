import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type AttachmentPayload,
  type Interaction,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { describeError, isExpiredInteraction, userMessageFor } from './errors.js';
import type { MessageDraft } from './format/embeds.js';
import type { Ticket } from './throttle.js';
import { settlesWithin } from './timing.js';
import { InputError } from '../errors.js';

/** Nobody is ever pinged: not by "@everyone" in a question, nor by a name in an article. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

/**
 * Interactions whose reply already shows a result. A deferred reply that never got one is removed on
 * failure; one that did is left alone, since it holds something the user asked for.
 */
const delivered = new WeakSet<Interaction>();

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface SendOptions {
  ephemeral?: boolean;
  /** Attached to the last message, under everything it refers to. */
  components?: ActionRow[];
  /** Uploaded with the first message (a picture the message is about). */
  files?: AttachmentPayload[];
}

/**
 * Delivers drafts as an interaction's response: the first message as the reply (or the edit of a
 * deferred one), any further ones as follow-ups.
 */
export async function sendInteractionMessages(
  interaction: RepliableInteraction,
  drafts: readonly MessageDraft[],
  options: SendOptions = {},
): Promise<void> {
  const flags = options.ephemeral === true ? MessageFlags.Ephemeral : undefined;
  for (const [index, draft] of drafts.entries()) {
    const components = index === drafts.length - 1 ? (options.components ?? []) : [];
    const files = index === 0 && options.files !== undefined ? { files: options.files } : {};
    const body = { embeds: draft.embeds, components, allowedMentions: NO_MENTIONS, ...files };
    if (index === 0 && interaction.deferred && !delivered.has(interaction)) {
      // An empty content clears the "number N in line" notice the deferred reply may show.
      await interaction.editReply({ ...body, content: draft.content ?? '' });
    } else if (index === 0 && !interaction.replied) {
      await interaction.reply({ ...body, ...withContent(draft), ...(flags === undefined ? {} : { flags }) });
    } else {
      await interaction.followUp({
        ...body,
        ...withContent(draft),
        ...(flags === undefined ? {} : { flags }),
      });
    }
    delivered.add(interaction);
  }
}

function withContent(draft: MessageDraft): { content?: string } {
  return draft.content === undefined ? {} : { content: draft.content };
}

export async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  await sendInteractionMessages(interaction, [{ content, embeds: [] }], { ephemeral: true });
}

const deferrals = new WeakMap<Interaction, Promise<void>>();

/**
 * Acknowledges an interaction once, however many parts of the bot decide to (the wait for a slow answer, a
 * model starting to write): a second `deferReply` would fail.
 */
export function deferOnce(
  interaction: RepliableInteraction,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  let deferral = deferrals.get(interaction);
  if (!deferral) {
    deferral =
      interaction.deferred || interaction.replied
        ? Promise.resolve()
        : interaction
            .deferReply(options.ephemeral === true ? { flags: MessageFlags.Ephemeral } : {})
            .then(() => undefined);
    deferrals.set(interaction, deferral);
  }
  return deferral;
}

/**
 * Waits for queued work the way Discord needs: a result ready within `deferAfterMs` goes out as the
 * reply in one request; otherwise the interaction is acknowledged within its 3 seconds, and a
 * question still waiting for its turn is told its place in line.
 */
export async function awaitTicket<T>(
  interaction: RepliableInteraction,
  ticket: Ticket<T>,
  context: BotContext,
  options: { ephemeral?: boolean } = {},
): Promise<T> {
  if (!(await settlesWithin(ticket.result, context.tuning.deferAfterMs))) {
    await deferOnce(interaction, options);
    const position = ticket.position();
    if (position > 0) {
      await interaction.editReply({
        content: `You're number ${position} in line — your answer is on its way.`,
        allowedMentions: NO_MENTIONS,
      });
    }
  }
  return ticket.result;
}

function describeInteraction(interaction: Interaction): Record<string, unknown> {
  return {
    id: interaction.id,
    type: interaction.type,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
    ...(interaction.isMessageComponent() ? { customId: interaction.customId } : {}),
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
  };
}

/**
 * The one place an interaction's failure turns into a reply: a short ephemeral message for the user,
 * the details for the log. Never throws, so a failing handler cannot take the process down.
 */
export async function reportInteractionError(
  interaction: Interaction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const expected = error instanceof InputError || isExpiredInteraction(error);
  logger[expected ? 'warn' : 'error'](
    { error: describeError(error), interaction: describeInteraction(interaction) },
    'interaction failed',
  );
  if (isExpiredInteraction(error)) return;
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const notice = {
      content: userMessageFor(error),
      embeds: [],
      components: [],
      allowedMentions: NO_MENTIONS,
    };
    if (interaction.deferred && !delivered.has(interaction)) {
      // The deferred reply may be public; it is removed so the error is seen only by the one who asked.
      await interaction.deleteReply();
      await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
    } else if (interaction.replied) {
      await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
    }
  } catch (replyError) {
    logger.warn({ error: describeError(replyError) }, 'could not tell the user about a failed interaction');
  }
}
