import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { formatGaps } from '../format/library.js';
import { refusedUnlessModerator } from '../permissions.js';
import { sendInteractionMessages } from '../respond.js';
import type { Command } from './index.js';

const data = {
  name: 'gaps',
  description:
    'Questions members could not get answered, or disliked, most frequent first (moderators only).',
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'days',
      description: 'How many days back to look (default 30)',
      min_value: 1,
      max_value: 365,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    if (await refusedUnlessModerator(interaction, context.config.moderatorRoleIds, 'seeing the questions'))
      return;
    const days = interaction.options.getInteger('days');
    const report = context.bot.gaps(days === null ? {} : { days });
    // Ephemeral: members' questions are shown to the moderator who asked, not posted to the channel.
    await sendInteractionMessages(interaction, formatGaps(report), { ephemeral: true });
  },
} satisfies Command;
