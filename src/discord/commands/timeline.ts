import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { InputError } from '../../errors.js';
import type { TimelineFilter } from '../../service.js';
import type { BotContext } from '../context.js';
import { buttonId, parseButtonId } from '../customIds.js';
import type { MessageDraft } from '../format/embeds.js';
import { timelinePageEmbed, timelinePages, timelineTitle } from '../format/catalog.js';
import { NO_MENTIONS, replyEphemeral, sendInteractionMessages, type ActionRow } from '../respond.js';
import { articleChoices, articleTitles, personChoices } from './choices.js';
import type { Command } from './index.js';

const DATE_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD';
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const data = {
  name: 'timeline',
  description: 'Dated events from the articles, in order, with their sources.',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'person',
      description: 'Only events involving this person',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'article',
      description: 'Only events from this article',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'from',
      description: `From (${DATE_HINT})`,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'to',
      description: `To (${DATE_HINT})`,
      max_length: 10,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function checkedDate(value: string | null, option: string): string | undefined {
  if (value === null) return undefined;
  const date = value.trim();
  if (!PARTIAL_DATE.test(date)) {
    throw new InputError(`“${date}” is not a date I understand for “${option}”: use ${DATE_HINT}.`);
  }
  return date;
}

/** The page `pageIndex` of the timeline `filter` selects, with the buttons to turn pages. */
function timelineMessage(context: BotContext, key: string, filter: TimelineFilter, pageIndex: number) {
  const events = context.bot.timeline(filter);
  const titles = articleTitles(context.bot);
  const pages = timelinePages(events, titles);
  const page = Math.min(Math.max(pageIndex, 0), Math.max(pages.length - 1, 0));
  const draft: MessageDraft = {
    embeds: [timelinePageEmbed(timelineTitle(filter, titles), pages, page, events.length)],
  };
  return { draft, events, components: pages.length > 1 ? [pagingRow(key, page, pages.length)] : [] };
}

function pagingRow(key: string, page: number, pageCount: number): ActionRow {
  // The two targets always differ, so the custom ids stay unique even when a button is disabled.
  const previous = Math.max(page - 1, 0);
  const next = Math.min(page + 1, pageCount - 1);
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: '◀ Earlier',
        custom_id: buttonId('timeline', 'page', key, String(previous)),
        disabled: page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Later ▶',
        custom_id: buttonId('timeline', 'page', key, String(next)),
        disabled: page === pageCount - 1,
      },
    ],
  };
}

export default {
  data,
  async execute(interaction, context) {
    const person = interaction.options.getString('person');
    const article = interaction.options.getString('article');
    const from = checkedDate(interaction.options.getString('from'), 'from');
    const to = checkedDate(interaction.options.getString('to'), 'to');
    const filter: TimelineFilter = {
      ...(person === null ? {} : { person }),
      ...(article === null ? {} : { article }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    };
    const { draft, events, components } = timelineMessage(context, interaction.id, filter, 0);
    if (events.length === 0) {
      await replyEphemeral(interaction, 'No dated events in the articles match that.');
      return;
    }
    // Only the filter is kept: each page is recomputed on demand, so memory stays small.
    context.timelines.set(interaction.id, filter);
    await sendInteractionMessages(interaction, [draft], { components });
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'person') await interaction.respond(personChoices(context.bot, focused.value));
    else if (focused.name === 'article')
      await interaction.respond(articleChoices(context.bot.sources(), focused.value));
    else await interaction.respond([]);
  },
  async button(interaction, context) {
    const [action, key = '', page = '0'] = parseButtonId(interaction.customId).parts;
    const filter = action === 'page' ? context.timelines.get(key) : undefined;
    if (filter === undefined) {
      await replyEphemeral(interaction, 'This timeline has expired — please run /timeline again.');
      return;
    }
    const { draft, components } = timelineMessage(context, key, filter, Number.parseInt(page, 10) || 0);
    await interaction.update({ embeds: draft.embeds, components, allowedMentions: NO_MENTIONS });
  },
} satisfies Command;
