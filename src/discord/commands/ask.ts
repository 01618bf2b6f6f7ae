import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type ButtonInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnswerRating } from '../../service.js';
import type { BotContext } from '../context.js';
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
    const [action, ...parts] = parseButtonId(interaction.customId).parts;
    if (action === 'rate') {
      await rateAnswer(interaction, context, parts[0] === 'up' ? 'helpful' : 'unhelpful', parts[1] ?? '');
      return;
    }
    const key = parts[0] ?? '';
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

/**
 * 👍 or 👎 under an answer: passed to the bot once per member and answer, acknowledged only to the one who
 * clicked. A 👎 puts the question in /gaps, for moderators to see what the articles are missing.
 */
async function rateAnswer(
  interaction: ButtonInteraction,
  context: BotContext,
  rating: AnswerRating,
  key: string,
): Promise<void> {
  const answer = context.answers.get(key);
  if (answer === undefined) {
    await replyEphemeral(interaction, 'This answer is no longer in my memory, so the rating cannot be kept.');
    return;
  }
  const voter = `${key}:${interaction.user.id}`;
  if (context.ratings.has(voter)) {
    await replyEphemeral(interaction, 'You have already rated this answer — thank you.');
    return;
  }
  context.ratings.set(voter, rating);
  context.bot.rateAnswer(answer, rating);
  await replyEphemeral(
    interaction,
    rating === 'helpful'
      ? 'Thanks — glad it helped.'
      : 'Thanks — noted. Moderators review questions like this one to decide which articles to add.',
  );
}
