import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root, runProgram } from '../../cli/support.js';
import { HARBOUR_ARTICLE } from '../../support/articleBotFixture.js';
import { BotProcess } from '../../support/botProcess.js';
import {
  FakeDiscordServer,
  PERMISSIONS,
  shardOfGuild,
  type SentInteraction,
} from '../../support/discordServer.js';

// `npm start` with SHARDS=auto against the loopback Discord server, which recommends 2 shards and puts the
// bot's two guilds on different ones: discord.js's ShardingManager runs one process per shard, each opening the
// same index, and a reindex on one shard is followed by the other.

const LIBRARY_ARTICLE = `---
title: Riverside library reopens after the flood
published: 2024-06-12
---
The Riverside public library reopened on Wednesday, eight months after the spring flood closed it.

The restoration cost 12 million dollars, paid by the city and a regional recovery fund.
`;

describe('SHARDS=auto: one process per shard over one shared index', () => {
  let server: FakeDiscordServer;
  let bot: BotProcess;
  let directory: string;
  let corpus: string;
  let index: string;
  const moderator = { permissions: PERMISSIONS.manageGuild };

  /** The two guilds, by the shard Discord routes each to. */
  const guildOn = (shard: number) => {
    const guild = server.guilds.find((candidate) => shardOfGuild(candidate.id, 2) === shard);
    if (!guild) throw new Error(`no guild on shard ${shard}`);
    return guild;
  };
  const askIn = (shard: number, question: string): SentInteraction =>
    server.command('ask', { question }, { channelId: guildOn(shard).general.id });
  const shardsSentTo = (interaction: SentInteraction): number[] =>
    server.dispatched
      .filter((entry) => (entry.data as { id?: string }).id === interaction.id)
      .map((entry) => entry.shard[0]);

  beforeAll(async () => {
    server = await FakeDiscordServer.start({ guilds: 2, recommendedShards: 2 });
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-shards-'));
    corpus = path.join(directory, 'corpus');
    index = path.join(directory, 'index');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'harbour.md'), HARBOUR_ARTICLE);
    bot = BotProcess.start(['--import', 'tsx', path.join(root, 'src', 'main.ts')], {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      SHARDS: 'auto',
      CORPUS_DIR: corpus,
      INDEX_DIR: index,
      DATA_DIR: path.join(directory, 'data'),
      EMBEDDINGS: 'hashing',
      COOLDOWN_SECONDS: '0',
      REINDEX_MIN_INTERVAL_SECONDS: '0',
      FEEDBACK_LOG: 'false',
      LOG_LEVEL: 'info',
    });
    await bot.waitForLog((line) => line.msg === 'every shard is ready', 90_000);
  }, 120_000);

  afterAll(async () => {
    await bot.stop();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('GIVEN SHARDS=auto THEN the manager asks the gateway and each shard identifies as [i, 2]', () => {
    expect(server.requests.some((request) => request.path === '/gateway/bot')).toBe(true);
    expect(server.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(server.connectedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  test('GIVEN a question in each guild THEN exactly the shard the guild belongs to answers it', async () => {
    for (const shard of [0, 1]) {
      const interaction = askIn(shard, 'How much did the bridge cost?');
      const reply = await server.replyTo(interaction, 10_000);
      expect(JSON.stringify(reply.body)).toContain('310 million dollars');
      expect(shardsSentTo(interaction)).toEqual([shard]);
      expect(server.repliesTo(interaction)).toHaveLength(1);
    }
  });

  /** Waits for the final report of a /reindex: whether its build wrote a generation or found nothing to do. */
  const reindexOutcome = async (interaction: SentInteraction): Promise<'rebuilt' | 'up to date'> => {
    const done = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) &&
        /Index (rebuilt|already up to date)/.test(JSON.stringify(request.body)),
      30_000,
    );
    return /Index rebuilt/.test(JSON.stringify(done.body)) ? 'rebuilt' : 'up to date';
  };
  const newGenerations = async (before: readonly string[]): Promise<string[]> =>
    (await readdir(path.join(index, 'generations'))).filter((name) => !before.includes(name));

  test('GIVEN /reindex on shard 0 THEN shard 1, which did not build, answers from the new generation too', async () => {
    const before = await readdir(path.join(index, 'generations'));
    await writeFile(path.join(corpus, 'library.md'), LIBRARY_ARTICLE);
    const reindex = server.command('reindex', {}, { ...moderator, channelId: guildOn(0).general.id });
    expect(await reindexOutcome(reindex)).toBe('rebuilt');
    const [generation] = await newGenerations(before);
    await bot.waitForLog(
      (line) =>
        line.msg === 'serving another index generation' && line.shard === 1 && line.generation === generation,
    );
    const reply = await server.replyTo(askIn(1, 'How much did the library restoration cost?'), 10_000);
    expect(JSON.stringify(reply.body)).toContain('12 million dollars');
  }, 60_000);

  test('GIVEN /reindex on both shards at once THEN one build writes one generation and the other finds it done', async () => {
    const before = await readdir(path.join(index, 'generations'));
    await writeFile(path.join(corpus, 'library.md'), `${LIBRARY_ARTICLE}\nIt lends 80,000 books a year.\n`);
    const outcomes = await Promise.all(
      [0, 1].map((shard) =>
        reindexOutcome(server.command('reindex', {}, { ...moderator, channelId: guildOn(shard).general.id })),
      ),
    );
    // The lock holds across processes: the second build waited for the first, then found nothing to do.
    expect(outcomes.sort()).toEqual(['rebuilt', 'up to date']);
    expect(await newGenerations(before)).toHaveLength(1);
    for (const shard of [0, 1]) {
      const reply = await server.replyTo(
        askIn(shard, 'How many books does the library lend a year?'),
        10_000,
      );
      expect(JSON.stringify(reply.body)).toContain('80,000 books');
    }
  }, 60_000);

  test('GIVEN a shard killed THEN the manager starts it again, it identifies as the same shard and answers from the current index', async () => {
    const pid = bot.shardPids().get(1);
    expect(pid).toBeDefined();
    const identified = server.identifies.length;
    process.kill(pid ?? 0, 'SIGKILL');
    await bot.waitForLog(
      (line) => line.msg === 'shard process started' && line.shard === 1 && line.pid !== pid,
    );
    await bot.waitForLog(
      (line) => line.msg === 'ready' && line.shard === 1 && bot.logs.indexOf(line) > bot.logs.length - 50,
    );
    await expect.poll(() => server.identifies.length, { timeout: 30_000 }).toBeGreaterThan(identified);
    expect(server.identifies.at(-1)?.shard).toEqual([1, 2]);
    const reply = await server.replyTo(askIn(1, 'How much did the library restoration cost?'), 10_000);
    expect(JSON.stringify(reply.body)).toContain('12 million dollars');
  }, 60_000);
});

describe('shards on several hosts: SHARD_LIST and INDEX_POLL_SECONDS over one index folder', () => {
  let server: FakeDiscordServer;
  let host: BotProcess;
  let directory: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    server = await FakeDiscordServer.start({ guilds: 2, recommendedShards: 2 });
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-hosts-'));
    await mkdir(path.join(directory, 'corpus'));
    await writeFile(path.join(directory, 'corpus', 'harbour.md'), HARBOUR_ARTICLE);
    environment = {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      CORPUS_DIR: path.join(directory, 'corpus'),
      INDEX_DIR: path.join(directory, 'index'),
      DATA_DIR: path.join(directory, 'data'),
      EMBEDDINGS: 'hashing',
      COOLDOWN_SECONDS: '0',
      FEEDBACK_LOG: 'false',
      LOG_LEVEL: 'info',
    };
    // This host runs shard 1 of 2; shard 0 would run on another host, sharing the index folder.
    host = BotProcess.start(['--import', 'tsx', path.join(root, 'src', 'main.ts')], {
      ...environment,
      SHARDS: '2',
      SHARD_LIST: '1',
      INDEX_POLL_SECONDS: '1',
    });
    await host.waitForLog((line) => line.msg === 'every shard is ready', 90_000);
  }, 120_000);

  afterAll(async () => {
    await host.stop();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('GIVEN SHARD_LIST=1 THEN this host identifies shard [1, 2] only', () => {
    expect(server.identifies.map((identify) => identify.shard)).toEqual([[1, 2]]);
  });

  test('GIVEN another host reindexes the shared folder THEN this host’s shard follows within its poll and answers from it', async () => {
    await writeFile(path.join(directory, 'corpus', 'library.md'), LIBRARY_ARTICLE);
    const reindex = await runProgram(['reindex'], environment);
    expect(reindex.code).toBe(0);
    await host.waitForLog((line) => line.msg === 'serving another index generation' && line.shard === 1);
    const guild = server.guilds.find((candidate) => shardOfGuild(candidate.id, 2) === 1);
    const reply = await server.replyTo(
      server.command(
        'ask',
        { question: 'How much did the library restoration cost?' },
        { channelId: guild?.general.id ?? '' },
      ),
      10_000,
    );
    expect(JSON.stringify(reply.body)).toContain('12 million dollars');
  }, 60_000);
});
