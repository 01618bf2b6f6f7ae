// The moderator's whole loop through the real discord.js client and the real pipeline: add a page and a file,
// answer from them at once, rate an answer, read /gaps, remove an article.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDiscordBot } from '../../src/discord/index.js';
import { STORIES } from '../ingest/support/newsPages.js';
import { NewsServer } from '../ingest/support/newsServer.js';
import { createBotFixture, HARBOUR_ARTICLE, type BotFixture } from '../support/articleBotFixture.js';
import {
  discordConfigFor,
  FakeDiscordServer,
  PERMISSIONS,
  type RecordedRequest,
  type SentInteraction,
} from '../support/discordServer.js';

const moderator = { permissions: PERMISSIONS.manageGuild };
const DAM_ID = '2024-03-12-reservoir-lowered-after-crack-found-in-kessler-dam-spillway';

describe('managing articles on Discord with the real pipeline', () => {
  let fixture: BotFixture;
  let discord: FakeDiscordServer;
  let news: NewsServer;
  let running: Awaited<ReturnType<typeof startDiscordBot>>;

  beforeAll(async () => {
    fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE });
    discord = await FakeDiscordServer.start();
    news = await NewsServer.start();
    running = await startDiscordBot({
      bot: fixture.bot,
      logger: pino({ level: 'silent' }),
      config: discordConfigFor(discord),
    });
  });

  afterAll(async () => {
    await running.stop();
    await discord.close();
    await news.close();
    await fixture.cleanup();
  });

  /** The reply to `interaction` whose body mentions `text`, once it comes. */
  function replyMentioning(interaction: SentInteraction, text: string): Promise<RecordedRequest> {
    return discord.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body ?? null).includes(text),
      20_000,
    );
  }

  test('GIVEN /article add with a link THEN replies with what was added, and /ask answers from it at once', async () => {
    const added = await replyMentioning(
      discord.subcommand('article', 'add', { url: news.url('/json-ld') }, moderator),
      'Added:',
    );
    const embed = (added.body as { embeds: Array<{ title: string; description: string }> }).embeds[0];
    expect(embed?.title).toBe('Added: Reservoir lowered after crack found in Kessler Dam spillway');
    expect(embed?.description).toContain('**Published:** 2024-03-12');
    expect(embed?.description).toContain('**Author:** Tomasz Brenner, Ada Lindqvist');
    expect(embed?.description).toContain('Miriam Okafor');

    const answer = await discord.replyTo(
      discord.command('ask', { question: 'How much will the repairs to the dam cost?' }),
    );
    expect(answer.body.embeds?.[0]?.fields?.[0]?.value).toContain('4.2 million euros');
  }, 30_000);

  test('GIVEN /article add with an attached file THEN adds it from where Discord keeps it', async () => {
    news.page(
      '/attachments/123/ferry.md',
      `# Ferry to stop\n\n${STORIES.ferry.join('\n\n')}\n`,
      'text/markdown',
    );
    const attachment = { filename: 'ferry.md', url: news.url('/attachments/123/ferry.md'), size: 1200 };
    const added = await replyMentioning(
      discord.subcommand('article', 'add', { file: { attachment } }, moderator),
      'Added:',
    );
    expect(JSON.stringify(added.body)).toContain('Added: Ferry to stop');
    expect(fixture.bot.sources().map((article) => article.id)).toContain('undated-ferry-to-stop');
  }, 30_000);

  test('GIVEN a page with a script injection and @everyone THEN only its words are kept, and quoting them pings nobody', async () => {
    await replyMentioning(
      discord.subcommand('article', 'add', { url: news.url('/script-injection') }, moderator),
      'Added:',
    );
    const answer = await discord.replyTo(
      discord.command('ask', {
        question: 'Who had been invited to plant trees, according to Beatrix Nwosu?',
      }),
    );
    expect(JSON.stringify(answer.body)).toContain('@everyone in the village');
    expect(JSON.stringify(answer.body)).not.toMatch(/INJECTED/);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  }, 30_000);

  test('GIVEN a 👎 and an unanswered question THEN /gaps lists both for a moderator', async () => {
    const question = 'How much will the repairs to the dam cost?';
    const interaction = discord.command('ask', { question });
    const answer = await discord.replyTo(interaction);
    const thanks = await discord.replyTo(discord.click(`ask:rate:down:${interaction.id}`, answer.message.id));
    expect(thanks.ephemeral).toBe(true);
    await discord.replyTo(
      discord.command('ask', { question: 'How many fish live in the Kessler reservoir?' }),
    );

    const gaps = await discord.replyTo(discord.command('gaps', {}, moderator));
    const description = gaps.body.embeds?.[0]?.description ?? '';
    expect(description).toContain(`**1×** ${question} — 1 👎`);
    expect(description).toContain('**1×** How many fish live in the Kessler reservoir? — 1 unanswered');
    expect(description).toContain(`answered from \`${DAM_ID}\``);
  }, 30_000);

  test('GIVEN /article remove THEN the article is gone from answers and the list', async () => {
    await replyMentioning(discord.subcommand('article', 'remove', { id: DAM_ID }, moderator), 'Removed:');
    expect(fixture.bot.sources().map((article) => article.id)).not.toContain(DAM_ID);
    const list = await discord.replyTo(discord.subcommand('article', 'list', {}, moderator));
    expect(JSON.stringify(list.body)).not.toContain(DAM_ID);
  }, 30_000);
});
