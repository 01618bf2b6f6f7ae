import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  MessageFlags,
  type APIEmbed,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { TimelineEvent } from '../../answer/types.js';
import { InputError } from '../../errors.js';
import { renderTimelinePng } from '../../render/timelineChart.js';
import {
  dateLabel,
  filterWordsFor,
  timelineTextOptions,
  type FilterWords,
  type TimelineTextOptions,
} from '../../render/timelineText.js';
import type { TimelineFilter } from '../../service.js';
import type { BotContext } from '../context.js';
import { buttonId, parseButtonId } from '../customIds.js';
import { describeError } from '../errors.js';
import {
  formatTimelineSources,
  timelinePageEmbed,
  timelinePages,
  timelineTitle,
  type TimelinePage,
} from '../format/timeline.js';
import { plural } from '../format/text.js';
import {
  awaitTicket,
  NO_MENTIONS,
  replyEphemeral,
  sendInteractionMessages,
  type ActionRow,
} from '../respond.js';
import { articleChoices, personChoices } from './choices.js';
import type { Command } from './index.js';

const DATE_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD';
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const data = {
  name: 'timeline',
  description: 'Dated events from the articles: a picture on a time axis and cited lines, in order.',
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

const PICTURE_NAME = 'timeline.png';

/** What one timeline shows: its events, their pages, and the filter in words. Recomputed for each page turn. */
interface TimelineView {
  events: TimelineEvent[];
  pages: TimelinePage[];
  text: TimelineTextOptions;
  words: FilterWords;
}

function timelineView(context: BotContext, filter: TimelineFilter): TimelineView {
  const events = context.bot.timeline(filter);
  const text = timelineTextOptions(context.bot);
  return { events, pages: timelinePages(events, text), text, words: filterWordsFor(context.bot, filter) };
}

function clampPage(view: TimelineView, page: number): number {
  return Math.min(Math.max(page, 0), Math.max(view.pages.length - 1, 0));
}

function pageEmbed(view: TimelineView, page: number): APIEmbed {
  return timelinePageEmbed(view.pages, {
    ...view.text,
    title: timelineTitle(view.words),
    pageIndex: page,
    eventCount: view.events.length,
  });
}

/** Earlier and Later while paging is open and there is more than a page, and Sources while the page cites any. */
function buttonRows(view: TimelineView, key: string, page: number, pagingOpen: boolean): ActionRow[] {
  const buttons: ActionRow['components'] = [];
  if (pagingOpen && view.pages.length > 1) {
    // The two targets always differ, so the custom ids stay unique even when a button is disabled.
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: '◀ Earlier',
        custom_id: buttonId('timeline', 'page', key, String(Math.max(page - 1, 0))),
        disabled: page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Later ▶',
        custom_id: buttonId('timeline', 'page', key, String(Math.min(page + 1, view.pages.length - 1))),
        disabled: page === view.pages.length - 1,
      },
    );
  }
  if ((view.pages[page]?.sources.length ?? 0) > 0) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Sources',
      custom_id: buttonId('timeline', 'sources', key, String(page)),
    });
  }
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** What a screen reader says for the picture, and what shows while it loads. */
function pictureDescription(view: TimelineView, drawn: number): string {
  const first = view.events[0];
  const last = view.events.at(-1);
  const span = first && last ? ` from ${dateLabel(first.date)} to ${dateLabel(last.date)}` : '';
  const left = drawn < view.events.length ? `; the first ${drawn} are drawn` : '';
  return `Timeline chart of ${plural(view.events.length, 'event')}${span} on a time axis${left}.`;
}

/**
 * Takes the paging buttons off a timeline just before its interaction's token expires (Sources stays while
 * the timeline is remembered). Runs from a timer, so it reports nothing to anyone: failures are only logged.
 */
async function closePaging(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  key: string,
): Promise<void> {
  const session = context.timelines.get(key);
  const components =
    session === undefined ? [] : buttonRows(timelineView(context, session.filter), key, session.page, false);
  try {
    await interaction.editReply({ components });
  } catch (error) {
    context.logger.debug({ error: describeError(error) }, 'could not take the paging buttons off a timeline');
  }
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
    const view = timelineView(context, filter);
    if (view.events.length === 0) {
      await replyEphemeral(interaction, 'No dated events in the articles match that.');
      return;
    }
    // Drawing takes tens of milliseconds of CPU: it waits its turn with the questions, and is deferred if slow.
    const ticket = context.questions.enqueue(() => renderTimelinePng(view.events, { filter: view.words }));
    const picture = await awaitTicket(interaction, ticket, context);
    const key = interaction.id;
    // Only the filter and the page are kept: pages are recomputed on demand, so memory stays small.
    context.timelines.set(key, {
      filter,
      owner: interaction.user.id,
      expiresAt: Date.now() + context.tuning.timelinePagingMs,
      page: 0,
    });
    await sendInteractionMessages(interaction, [{ embeds: [pageEmbed(view, 0)] }], {
      components: buttonRows(view, key, 0, true),
      files: [
        { attachment: picture.png, name: PICTURE_NAME, description: pictureDescription(view, picture.drawn) },
      ],
    });
    if (view.pages.length > 1) {
      setTimeout(() => void closePaging(interaction, context, key), context.tuning.timelinePagingMs).unref();
    }
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'person') await interaction.respond(personChoices(context.bot, focused.value));
    else if (focused.name === 'article')
      await interaction.respond(articleChoices(context.bot.sources(), focused.value));
    else await interaction.respond([]);
  },
  async button(interaction, context) {
    const [action, key = '', pageText = '0'] = parseButtonId(interaction.customId).parts;
    const session = context.timelines.get(key);
    if (session === undefined) {
      await replyEphemeral(
        interaction,
        'This timeline is no longer in my memory — please run /timeline again.',
      );
      return;
    }
    // Anyone may read the sources; only the member who asked may page. Refused before the timeline is rebuilt.
    if (action !== 'sources' && interaction.user.id !== session.owner) {
      await replyEphemeral(
        interaction,
        'Only the member who ran this /timeline can turn its pages — run /timeline to get your own.',
      );
      return;
    }
    const view = timelineView(context, session.filter);
    const page = clampPage(view, Number.parseInt(pageText, 10) || 0);
    if (action === 'sources') {
      const shown = view.pages[page];
      if (shown === undefined) {
        await replyEphemeral(interaction, 'This timeline has changed — please run /timeline again.');
        return;
      }
      await sendInteractionMessages(interaction, formatTimelineSources(shown, view.text), {
        ephemeral: true,
      });
      return;
    }
    if (Date.now() > session.expiresAt) {
      await interaction.update({
        components: buttonRows(view, key, session.page, false),
        allowedMentions: NO_MENTIONS,
      });
      await interaction.followUp({
        content: 'These page buttons have expired — please run /timeline again.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    session.page = page;
    await interaction.update({
      embeds: [pageEmbed(view, page)],
      components: buttonRows(view, key, page, true),
      allowedMentions: NO_MENTIONS,
    });
  },
} satisfies Command;
