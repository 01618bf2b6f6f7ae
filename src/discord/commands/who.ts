import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { formatPeople, formatPeopleList, formatPersonNotFound } from '../format/catalog.js';
import { replyEphemeral, sendInteractionMessages } from '../respond.js';
import { articleTitles, personChoices } from './choices.js';
import type { Command } from './index.js';

/** More than this many people for one name is a list, not an answer. */
const MOST_PEOPLE_SHOWN = 5;

const data = {
  name: 'who',
  description: 'Who someone in the articles is: roles, a short summary and quotes.',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      description: 'A person named in the articles (leave empty to list everyone)',
      autocomplete: true,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, context) {
    const name = interaction.options.getString('name');
    if (name === null) {
      await sendInteractionMessages(interaction, formatPeopleList(context.bot.who().people));
      return;
    }
    const result = context.bot.who(name);
    if (result.people.length === 0) {
      await replyEphemeral(interaction, formatPersonNotFound(name, result.suggestions));
      return;
    }
    const people = result.people.slice(0, MOST_PEOPLE_SHOWN);
    await sendInteractionMessages(interaction, formatPeople(people, articleTitles(context.bot)));
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(focused.name === 'name' ? personChoices(context.bot, focused.value) : []);
  },
} satisfies Command;
