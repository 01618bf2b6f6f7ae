import { Command, Option } from 'commander';
import { createInterface } from 'node:readline';
import { reindexCorpus } from '../app.js';
import { describeError, openBot, runCommand } from './run.js';
import { formatAnswer, formatPeopleList, formatPerson, formatReindex, formatTimeline } from './format.js';
import { createProgressReporter } from './progress.js';
import { describeWrittenPicture, timelineTextOptions, writeTimelinePicture } from './timeline.js';
import type { ArticleBot } from '../service.js';

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
          citations: [],
          closest: [],
          error: message,
          ms: 0,
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

await program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exitCode = 1;
});
