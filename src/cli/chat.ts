import { createInterface } from 'node:readline/promises';
import type { Logger } from 'pino';
import type { ConversationTurn } from '../answer/types.js';
import type { ArticleBot } from '../service.js';
import {
  formatAddedArticle,
  formatAnswer,
  formatGaps,
  formatRemovedArticle,
  formatPeopleList,
  formatPerson,
  formatReindex,
  formatSources,
  formatTimeline,
} from './format.js';
import { articleInputFrom, terminalRequester } from './articleInput.js';
import { createProgressReporter } from './progress.js';
import { describeWrittenPicture, parseChatTimeline, writeTimelinePicture } from './timeline.js';
import { timelineTextOptions } from '../render/timelineText.js';
import { describeError } from './run.js';

const HELP = `Ask anything about the articles; answers quote and cite them. Follow-ups ("and when was that?") are
read in the context of the conversation. Commands:
  /who [name]          people named in the articles, or one person
  /timeline [name] [--png [FILE]]
                       dated events in order, optionally for one person; --png also draws them
                       (to ./timeline.png unless FILE is given) and says where
  /sources             the articles in the corpus
  /reindex             rebuild the index after changing corpus/
  /article add LINK|FILE   add an article from a link or a .html, .md or .txt file
  /article remove ID   remove an article (ids: /sources)
  /gaps [days]         questions the articles could not answer, most frequent first
  /new                 forget the conversation so far
  /help, /quit`;

/** Turns kept for reading follow-ups; older ones no longer help and only blur the context. */
const HISTORY_TURNS = 3;

/**
 * The terminal chat `npm start` opens without a Discord token: the same commands as the bot, on the same
 * ArticleBot, so what works here works in Discord.
 */
export async function runChat(bot: ArticleBot, logger: Logger): Promise<void> {
  const terminal = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  let history: ConversationTurn[] = [];
  process.stdout.write(`article-bot: ${bot.sources().length} article(s) indexed. Type /help for commands.\n`);
  terminal.on('SIGINT', () => terminal.close());
  terminal.setPrompt('> ');
  terminal.prompt();
  try {
    // Iterating lines (rather than asking one question at a time) keeps every line of piped input.
    for await (const rawLine of terminal) {
      const line = rawLine.trim();
      if (line === '') {
        terminal.prompt();
        continue;
      }
      const [command = '', ...rest] = line.split(/\s+/);
      const argument = rest.join(' ');
      try {
        switch (command.toLowerCase()) {
          case '/quit':
          case '/exit':
            return;
          case '/help':
            process.stdout.write(`${HELP}\n`);
            break;
          case '/new':
            history = [];
            process.stdout.write('Started a new conversation.\n');
            break;
          case '/sources':
            process.stdout.write(`${formatSources(bot.sources())}\n`);
            break;
          case '/who': {
            const result = bot.who(argument || undefined);
            if (!argument) process.stdout.write(`${formatPeopleList(result.people)}\n`);
            else if (result.people.length === 0) {
              const closest = result.suggestions?.length
                ? ` Closest names: ${result.suggestions.join(', ')}.`
                : '';
              process.stdout.write(`“${argument}” is not in the articles.${closest}\n`);
            } else process.stdout.write(`${result.people.map(formatPerson).join('\n\n')}\n`);
            break;
          }
          case '/timeline': {
            const { filter, png } = parseChatTimeline(argument);
            const events = bot.timeline(filter);
            process.stdout.write(`${formatTimeline(events, timelineTextOptions(bot))}\n`);
            if (png !== undefined && events.length > 0) {
              const picture = await writeTimelinePicture(bot, events, filter, png);
              process.stdout.write(`${describeWrittenPicture(picture, events.length)}\n`);
            }
            break;
          }
          case '/article': {
            const [action = '', ...target] = rest;
            process.stdout.write(`${await articleCommand(bot, action.toLowerCase(), target.join(' '))}\n`);
            break;
          }
          case '/gaps': {
            const days = argument === '' ? undefined : Number(argument);
            process.stdout.write(`${formatGaps(bot.gaps(days === undefined ? {} : { days }))}\n`);
            break;
          }
          case '/reindex': {
            const progress = createProgressReporter();
            try {
              const report = await bot.reindex({ requestedBy: 'terminal', onProgress: progress.update });
              progress.stop();
              process.stdout.write(`${formatReindex(report)}\n`);
            } finally {
              progress.stop();
            }
            break;
          }
          default: {
            if (command.startsWith('/')) {
              process.stdout.write(`Unknown command ${command}. Type /help.\n`);
              break;
            }
            const answer = await bot.ask(line, {
              history,
              recordUnanswered: true,
              // A model takes seconds: say it is writing. Drafts are not printed, since the checked answer
              // that follows may differ from them.
              onProgress: (progress) => {
                if (progress.stage === 'writing') process.stdout.write(`(writing with ${progress.model}…)\n`);
              },
            });
            history = [...history, { question: answer.question, answer }].slice(-HISTORY_TURNS);
            process.stdout.write(`${formatAnswer(answer)}\n`);
          }
        }
      } catch (error) {
        logger.debug({ err: error }, 'chat command failed');
        process.stdout.write(`${describeError(error)}\n`);
      }
      terminal.prompt();
    }
  } finally {
    terminal.close();
  }
}

/** `/article add|remove|list …` in the chat, with a progress bar while the index is rebuilt. */
async function articleCommand(bot: ArticleBot, action: string, target: string): Promise<string> {
  if (action === 'list') return formatSources(bot.sources());
  if ((action !== 'add' && action !== 'remove') || target === '') {
    return 'Use /article add LINK|FILE, /article remove ID or /article list.';
  }
  const progress = createProgressReporter();
  try {
    const requestedBy = terminalRequester('terminal');
    if (action === 'add') {
      return formatAddedArticle(
        await bot.addArticle({ input: articleInputFrom(target), requestedBy, onProgress: progress.update }),
      );
    }
    return formatRemovedArticle(
      await bot.removeArticle({ id: target, requestedBy, onProgress: progress.update }),
    );
  } finally {
    progress.stop();
  }
}
