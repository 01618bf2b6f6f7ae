import {
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ReindexReport } from '../../service.js';
import { formatReindexProgress, formatReindexReport } from '../format/catalog.js';
import { refusedUnlessModerator } from '../permissions.js';
import { ProgressMessage } from '../progress.js';
import { NO_MENTIONS, sendInteractionMessages } from '../respond.js';
import type { Command } from './index.js';

const data = {
  name: 'reindex',
  description: 'Rebuild the search index from the articles (moderators only).',
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    if (await refusedUnlessModerator(interaction, context.config.moderatorRoleIds, 'rebuilding the index'))
      return;
    await interaction.deferReply();
    const progress = new ProgressMessage(
      (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
      context.tuning.progressIntervalMs,
      context.logger,
    );
    progress.show('Reindexing… starting. Questions are still answered from the current index.', 'start');
    let report: ReindexReport;
    try {
      report = await context.bot.reindex({
        requestedBy: interaction.user.tag,
        onProgress: (update) => progress.show(formatReindexProgress(update), update.stage),
      });
    } finally {
      // A progress edit landing after the outcome would overwrite it.
      await progress.settle();
    }
    const { added, changed, removed } = report.articles;
    context.logger.info(
      { rebuilt: report.rebuilt, chunks: report.chunks, ms: report.ms, by: interaction.user.id },
      `reindexed: ${added.length} added, ${changed.length} changed, ${removed.length} removed`,
    );
    await sendInteractionMessages(interaction, formatReindexReport(report));
  },
} satisfies Command;
