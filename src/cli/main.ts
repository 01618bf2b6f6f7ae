import { Command, Option } from 'commander';
import { createInterface } from 'node:readline';
import { createFeedbackLog, reindexCorpus } from '../app.js';
import { DEFAULT_GAP_LIMIT, gapDays } from '../feedback/types.js';
import { articleInputFrom, terminalRequester } from './articleInput.js';
import { describeError, openBot, runCommand, type Runtime } from './run.js';
import {
  formatAddedArticle,
  formatAnswer,
  formatGaps,
  formatPeopleList,
  formatPerson,
  formatReindex,
  formatRemovedArticle,
  formatSources,
  formatTimeline,
} from './format.js';
import { createProgressReporter } from './progress.js';
import { timelineTextOptions } from '../render/timelineText.js';
import { describeWrittenPicture, writeTimelinePicture } from './timeline.js';
import type { ArticleBot, ReindexProgress } from '../service.js';

function print(value: unknown, json: boolean, text: () => string): void {
  process.stdout.write(`${json ? JSON.stringify(value) : text()}\n`);
}

async function askEachLine(bot: ArticleBot, json: boolean): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '' && !json) continue;
    try {
      const answer = await bot.ask(line);
      print(answer, json, () => formatAnswer(answer));
    } catch (error) {
      // One bad line must not end the batch, and output lines must stay one per input line.
      const message = describeError(error);
      print(
        {
          question: line,
          answer: message,
          abstained: true,
          short: null,
          citations: [],
          closest: [],
          error: message,
          ms: 0,
          mode: 'extractive',
          model: null,
        },
        json,
        () => message,
      );
    }
  }
}

const program = new Command()
  .name('article-bot')
  .description('Ask questions about the articles in the corpus; answers quote and cite their sources.')
  .showHelpAfterError();

program
  .command('ask')
  .description('answer a question, or one question a line from stdin when none is given')
  .argument('[question...]', 'the question')
  .option('--json', 'print one JSON object per answer')
  .option('--article <id>', 'only this article')
  .action(async (words: string[], options: { json?: boolean; article?: string }) => {
    await runCommand(async (runtime) => {
      const bot = await openBot(runtime);
      const json = options.json === true;
      if (words.length === 0) return askEachLine(bot, json);
      const answer = await bot.ask(words.join(' '), options.article ? { article: options.article } : {});
      print(answer, json, () => formatAnswer(answer));
    });
  });

program
  .command('who')
  .description('people the articles name, with roles and aliases; or one person')
  .argument('[name...]', 'a name or part of one')
  .option('--json', 'print JSON')
  .action(async (words: string[], options: { json?: boolean }) => {
    await runCommand(async (runtime) => {
      const bot = await openBot(runtime);
      const name = words.join(' ').trim();
      const result = bot.who(name === '' ? undefined : name);
      print(result, options.json === true, () => {
        if (name === '') return formatPeopleList(result.people);
        if (result.people.length === 0) {
          const suggestions = result.suggestions?.length
            ? ` Closest names: ${result.suggestions.join(', ')}.`
            : '';
          return `“${name}” is not in the articles.${suggestions}`;
        }
        return result.people.map(formatPerson).join('\n\n');
      });
    });
  });

program
  .command('timeline')
  .description('dated events in order, each with a cited quote')
  .option('--json', 'print JSON')
  .option('--person <name>', 'events involving this person')
  .option('--article <id>', 'events from this article')
  .addOption(new Option('--from <date>', 'on or after YYYY[-MM[-DD]]'))
  .addOption(new Option('--to <date>', 'on or before YYYY[-MM[-DD]]'))
  .option('--png <file>', 'also draw the timeline as a PNG picture into this file')
  .addOption(
    new Option('--theme <theme>', 'colours of the picture').choices(['dark', 'light']).default('dark'),
  )
  .action(
    async (options: {
      json?: boolean;
      person?: string;
      article?: string;
      from?: string;
      to?: string;
      png?: string;
      theme: 'dark' | 'light';
    }) => {
      await runCommand(async (runtime) => {
        const bot = await openBot(runtime);
        const { json, png, theme, ...filter } = options;
        const events = bot.timeline(filter);
        const picture =
          png !== undefined && events.length > 0
            ? await writeTimelinePicture(bot, events, filter, png, theme)
            : undefined;
        print({ events, ...(picture ? { png: picture } : {}) }, json === true, () =>
          [
            formatTimeline(events, timelineTextOptions(bot)),
            ...(picture ? [describeWrittenPicture(picture, events.length)] : []),
          ].join('\n'),
        );
      });
    },
  );

program
  .command('reindex')
  .description('rebuild the index from CORPUS_DIR into INDEX_DIR (only what changed)')
  .option('--json', 'print the report as JSON')
  .action(async (options: { json?: boolean }) => {
    await runCommand(async (runtime) => {
      const progress = createProgressReporter();
      try {
        const report = await reindexCorpus({
          ...runtime,
          onBuildProgress: progress.update,
          requestedBy: 'cli',
        });
        progress.stop();
        const { rebuilt, articles, chunks, ms } = report;
        print({ rebuilt, articles, chunks, ms }, options.json === true, () => formatReindex(report));
      } finally {
        progress.stop();
      }
    });
  });

/** Opens the bot and makes one change to the corpus, with a progress bar on stderr while it reindexes. */
async function changeCorpus<T>(
  runtime: Runtime,
  change: (bot: ArticleBot, onProgress: (progress: ReindexProgress) => void) => Promise<T>,
): Promise<T> {
  const bot = await openBot(runtime);
  const progress = createProgressReporter();
  try {
    return await change(bot, progress.update);
  } finally {
    progress.stop();
  }
}

const article = program
  .command('article')
  .description('add, remove or list the articles of the corpus; the index is rebuilt after each change');

article
  .command('add')
  .description('add an article from a link (http/https) or a .html, .md or .txt file')
  .argument('<link-or-file>', 'the article page, or a file on this machine')
  .option('--json', 'print what was added as one JSON object')
  .action(async (target: string, options: { json?: boolean }) => {
    await runCommand(async (runtime) => {
      const added = await changeCorpus(runtime, (bot, onProgress) =>
        bot.addArticle({
          input: articleInputFrom(target),
          requestedBy: terminalRequester('cli'),
          onProgress,
        }),
      );
      const json = {
        id: added.id,
        title: added.title,
        published: added.published ?? null,
        author: added.author ?? null,
        source: added.source ?? null,
        url: added.url ?? null,
        file: added.file,
        paragraphs: added.paragraphs,
        people: added.people,
      };
      print(json, options.json === true, () => formatAddedArticle(added));
    });
  });

article
  .command('remove')
  .description('remove an article by its id')
  .argument('<id>', 'the article id (see `article list`)')
  .option('--json', 'print what was removed as JSON')
  .action(async (id: string, options: { json?: boolean }) => {
    await runCommand(async (runtime) => {
      const removed = await changeCorpus(runtime, (bot, onProgress) =>
        bot.removeArticle({ id, requestedBy: terminalRequester('cli'), onProgress }),
      );
      print(removed, options.json === true, () => formatRemovedArticle(removed));
    });
  });

article
  .command('list')
  .description('the articles in the index')
  .option('--json', 'print {"articles": [...]}')
  .action(async (options: { json?: boolean }) => {
    await runCommand(async (runtime) => {
      const articles = (await openBot(runtime)).sources();
      print({ articles }, options.json === true, () => formatSources(articles));
    });
  });

program
  .command('gaps')
  .description('questions most often unanswered or disliked, near-duplicates grouped, with counts')
  .option('--json', 'print the report as JSON')
  .option('--days <n>', 'how many days back to look (default 30)')
  .option('--limit <n>', `how many questions to list (default ${DEFAULT_GAP_LIMIT})`)
  .action(async (options: { json?: boolean; days?: string; limit?: string }) => {
    await runCommand(({ config }) => {
      // The feedback database alone: no index is loaded to read it.
      const feedback = createFeedbackLog(config);
      try {
        const report = feedback.gaps({
          days: gapDays(options.days === undefined ? undefined : Number(options.days)),
          limit: options.limit === undefined ? DEFAULT_GAP_LIMIT : Math.max(1, Number(options.limit) || 1),
        });
        print(report, options.json === true, () => formatGaps(report));
      } finally {
        feedback.close();
      }
      return Promise.resolve();
    });
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exitCode = 1;
});
