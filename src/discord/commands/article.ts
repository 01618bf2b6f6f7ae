import {
  ApplicationCommandOptionType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArticleInput, ReindexProgress } from '../../service.js';
import type { BotContext } from '../context.js';
import { formatArticleList, formatReindexProgress } from '../format/catalog.js';
import { formatAddedArticle, formatRemovedArticle } from '../format/library.js';
import { refusedUnlessModerator } from '../permissions.js';
import { ProgressMessage } from '../progress.js';
import { NO_MENTIONS, replyEphemeral, sendInteractionMessages } from '../respond.js';
import { articleChoices } from './choices.js';
import type { Command } from './index.js';

const data = {
  name: 'article',
  description: 'Add, remove or list the articles I answer from (moderators only).',
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a news article from a link or a file; it is answerable in seconds.',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article' },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'The article as an .html, .md or .txt file',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove an article; answers no longer quote it.',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'id',
          description: 'The article to remove',
          required: true,
          autocomplete: true,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'The articles, with their ids.',
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Who made a change, for the audit log: the tag to read, the id that never changes. */
function requester(interaction: ChatInputCommandInteraction): string {
  return `${interaction.user.tag} (${interaction.user.id})`;
}

/**
 * Acknowledges at once (fetching a page and reindexing take seconds) and shows progress in the reply.
 * Replies are ephemeral: they are for the moderator who asked, and a refusal is theirs to read.
 */
async function withProgress<T>(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  starting: string,
  work: (onProgress: (progress: ReindexProgress) => void) => Promise<T>,
): Promise<T> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const progress = new ProgressMessage(
    (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
    context.tuning.progressIntervalMs,
    context.logger,
  );
  progress.show(starting, 'start');
  try {
    return await work((update) => progress.show(formatReindexProgress(update), update.stage));
  } finally {
    // A progress edit landing after the outcome would overwrite it.
    await progress.settle();
  }
}

async function add(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const url = interaction.options.getString('url')?.trim();
  const file = interaction.options.getAttachment('file');
  if ((url === undefined || url === '') === (file === null)) {
    await replyEphemeral(interaction, 'Give either a link (`url:`) or a file (`file:`) — one of the two.');
    return;
  }
  const input: ArticleInput =
    file === null
      ? { kind: 'url', url: url ?? '' }
      : {
          kind: 'attachment',
          url: file.url,
          name: file.name,
          size: file.size,
          ...(file.contentType ? { contentType: file.contentType } : {}),
        };
  const added = await withProgress(interaction, context, 'Reading the article…', (onProgress) =>
    context.bot.addArticle({ input, requestedBy: requester(interaction), onProgress }),
  );
  await sendInteractionMessages(interaction, formatAddedArticle(added));
}

async function remove(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const id = interaction.options.getString('id', true);
  const removed = await withProgress(interaction, context, 'Removing the article…', (onProgress) =>
    context.bot.removeArticle({ id, requestedBy: requester(interaction), onProgress }),
  );
  await sendInteractionMessages(interaction, formatRemovedArticle(removed));
}

export default {
  data,
  async execute(interaction, context) {
    if (await refusedUnlessModerator(interaction, context.config.moderatorRoleIds, 'managing the articles'))
      return;
    const subcommand = interaction.options.getSubcommand(true);
    if (subcommand === 'add') await add(interaction, context);
    else if (subcommand === 'remove') await remove(interaction, context);
    else {
      await sendInteractionMessages(interaction, formatArticleList(context.bot.sources()), {
        ephemeral: true,
      });
    }
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    const choices = focused.name === 'id' ? articleChoices(context.bot.sources(), focused.value) : [];
    await interaction.respond(choices);
  },
} satisfies Command;
