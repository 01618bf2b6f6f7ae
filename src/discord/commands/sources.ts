import { InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { formatArticleList } from '../format/catalog.js';
import { sendInteractionMessages } from '../respond.js';
import type { Command } from './index.js';

const data = {
  name: 'sources',
  description: 'List the articles I answer from: title, outlet, date and length.',
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    // Ephemeral: a catalogue can run to several messages, which would bury the channel's conversation.
    await sendInteractionMessages(interaction, formatArticleList(context.bot.sources()), { ephemeral: true });
  },
} satisfies Command;
