import { InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { formatHelp } from '../format/catalog.js';
import { sendInteractionMessages } from '../respond.js';
import type { Command } from './index.js';

const data = {
  name: 'help',
  description: 'What this bot does and how to use its commands.',
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    const commands = context.commands.map((command) => command.data);
    const drafts = formatHelp(commands, { followUpsNeedMention: !context.config.messageContentIntent });
    await sendInteractionMessages(interaction, drafts, { ephemeral: true });
  },
} satisfies Command;
