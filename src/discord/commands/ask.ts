import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { answerInteraction } from '../answering.js';
import { formatSources } from '../format/answer.js';
import { replyEphemeral, sendInteractionMessages } from '../respond.js';
import { articleChoices } from './choices.js';
import { parseButtonId } from '../customIds.js';
import type { Command } from './index.js';

const data = {
  name: 'ask',
  description: 'Ask a question about the news articles; the answer quotes the passages it comes from.',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'What you want to know',
      required: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'article',
      description: 'Answer from this article only',
      autocomplete: true,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    const question = interaction.options.getString('question', true);
    const article = interaction.options.getString('article');
    await answerInteraction(interaction, context, question, article === null ? {} : { article });
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    const choices = focused.name === 'article' ? articleChoices(context.bot.sources(), focused.value) : [];
    await interaction.respond(choices);
  },
  async button(interaction, context) {
    const [action, key = ''] = parseButtonId(interaction.customId).parts;
    const answer = action === 'sources' ? context.answers.get(key) : undefined;
    if (answer === undefined) {
      await replyEphemeral(
        interaction,
        'These sources are no longer in my memory — please ask the question again.',
      );
      return;
    }
    await sendInteractionMessages(interaction, formatSources(answer), { ephemeral: true });
  },
} satisfies Command;
