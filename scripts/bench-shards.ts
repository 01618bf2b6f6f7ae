// Start-up and memory of the bot as `npm start` runs it: the bundle in dist/, in processes of its own, against
// the loopback Discord server. `npm run bench` calls runStartupBench() and runShardsBench(); this file also runs
// on its own: `npx tsx scripts/bench-shards.ts [CORPUS_DIR INDEX_DIR]`.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BotProcess } from '../tests/support/botProcess.js';
import { FakeDiscordServer, shardOfGuild } from '../tests/support/discordServer.js';
import { median } from './benchTasks.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The Node flags npm start gives the bot. */
const NODE_FLAGS = ['--max-semi-space-size=8'];

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Builds dist/ as npm start would find it. */
function buildBundle(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Resident and proportional set size of a process, in MB (Linux /proc; PSS splits shared pages among sharers). */
async function memoryOf(pid: number): Promise<{ rssMb: number; pssMb: number }> {
  const kilobytes = (text: string, field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  return { rssMb: kilobytes(status, 'VmRSS') / 1024, pssMb: kilobytes(rollup, 'Pss') / 1024 };
}

interface Workspace {
  corpus: string;
  index: string;
  data: string;
  remove: () => Promise<void>;
}

async function seedWorkspace(): Promise<Workspace> {
  const directory = await mkdtemp(path.join(tmpdir(), 'article-bot-bench-start-'));
  const corpus = path.join(directory, 'corpus');
  await cp(path.join(ROOT, 'corpus'), corpus, { recursive: true });
  return {
    corpus,
    index: path.join(directory, 'index'),
    data: path.join(directory, 'data'),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

function environmentFor(workspace: Pick<Workspace, 'corpus' | 'index' | 'data'>): Record<string, string> {
  return {
    CORPUS_DIR: workspace.corpus,
    INDEX_DIR: workspace.index,
    DATA_DIR: workspace.data,
    EMBEDDINGS_CACHE_DIR: path.join(ROOT, 'data', 'embeddings'),
    FEEDBACK_LOG: 'false',
    COOLDOWN_SECONDS: '0',
  };
}

/** Starts the terminal chat once and returns the ms from process start to ready, as the process logs it. */
async function chatReadyMs(entry: string[], environment: Record<string, string>): Promise<number> {
  const bot = BotProcess.start(entry, { ...environment, LOG_LEVEL: 'debug' });
  const ready = await bot.waitForLog((line) => line.msg === 'ready', 120_000);
  await bot.stop();
  return Number(ready['msSinceProcessStart']);
}

/**
 * Process start to ready on the seed corpus: the terminal chat (no token) and the Discord bot (one process,
 * ready when the gateway's READY has come), from the bundle as npm start runs it, and from the sources under
 * tsx as npm start ran before, for comparison.
 */
export async function runStartupBench(): Promise<Record<string, number>> {
  buildBundle();
  const workspace = await seedWorkspace();
  const server = await FakeDiscordServer.start();
  try {
    const environment = environmentFor(workspace);
    // What npm start runs: the staleness check of the bundle, then the bundle.
    const bundle = [...NODE_FLAGS, path.join(ROOT, 'scripts', 'start.mjs')];
    const sources = [...NODE_FLAGS, '--import', 'tsx', path.join(ROOT, 'src', 'main.ts')];
    // The first start builds the index; it is not a start-up figure.
    await chatReadyMs(bundle, environment);
    const chat: number[] = [];
    for (let run = 0; run < 7; run++) chat.push(await chatReadyMs(bundle, environment));
    const chatFromSources: number[] = [];
    for (let run = 0; run < 3; run++) chatFromSources.push(await chatReadyMs(sources, environment));
    const discord: number[] = [];
    for (let run = 0; run < 5; run++) {
      const bot = BotProcess.start(bundle, {
        ...environment,
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        LOG_LEVEL: 'info',
      });
      const ready = await bot.waitForLog((line) => line.msg === 'ready', 120_000);
      discord.push(Number(ready['msSinceProcessStart']));
      await bot.stop();
    }
    return {
      chatReadyMedianMs: round(median(chat)),
      chatReadyMinMs: round(Math.min(...chat)),
      discordReadyMedianMs: round(median(discord)),
      discordReadyMinMs: round(Math.min(...discord)),
      chatReadyFromSourcesWithTsxMedianMs: round(median(chatFromSources)),
    };
  } finally {
    await server.close();
    await workspace.remove();
  }
}

export interface ShardsBenchOptions {
  /** A corpus and its built index (the seed corpus, built here, when absent). */
  corpusDirectory?: string;
  indexDirectory?: string;
  /** Shard counts to run. Default 1, 2 and 3. */
  shardCounts?: number[];
}

/**
 * Memory of 1, 2 and 3 shards over one index: every process's RSS and PSS once each shard has answered a
 * question in each of its guilds. What an extra shard costs is the difference between the totals.
 */
export async function runShardsBench(options: ShardsBenchOptions = {}): Promise<Record<string, number>> {
  buildBundle();
  const seed = options.corpusDirectory === undefined ? await seedWorkspace() : undefined;
  const workspace = seed ?? {
    corpus: options.corpusDirectory ?? '',
    index: options.indexDirectory ?? '',
    data: await mkdtemp(path.join(tmpdir(), 'article-bot-bench-shards-')),
  };
  const counts = options.shardCounts ?? [1, 2, 3];
  const server = await FakeDiscordServer.start({ guilds: 6, recommendedShards: Math.max(...counts) });
  const results: Record<string, number> = {};
  try {
    const environment = environmentFor(workspace);
    const entry = [...NODE_FLAGS, path.join(ROOT, 'scripts', 'start.mjs')];
    if (seed) await chatReadyMs(entry, environment);
    const totals = new Map<number, { rssMb: number; pssMb: number }>();
    for (const count of counts) {
      const bot = BotProcess.start(entry, {
        ...environment,
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        SHARDS: String(count),
        LOG_LEVEL: 'info',
      });
      try {
        const ready = count === 1 ? 'ready' : 'every shard is ready';
        await bot.waitForLog((line) => line.msg === ready, 30 * 60_000);
        for (const guild of server.guilds) {
          await server.replyTo(
            server.command(
              'ask',
              { question: 'Who is the interim president?' },
              { channelId: guild.general.id },
            ),
            60_000,
          );
        }
        // Every guild was answered by the shard it belongs to; each shard has answered at least once.
        const shardsAnswering = new Set(server.guilds.map((guild) => shardOfGuild(guild.id, count)));
        results[`shards${count}ShardsAnswering`] = shardsAnswering.size;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const shardPids = count === 1 ? [bot.child.pid ?? 0] : [...bot.shardPids().values()];
        const shards = await Promise.all(shardPids.map((pid) => memoryOf(pid)));
        const manager = count === 1 ? { rssMb: 0, pssMb: 0 } : await memoryOf(bot.child.pid ?? 0);
        const total = {
          rssMb: manager.rssMb + shards.reduce((sum, shard) => sum + shard.rssMb, 0),
          pssMb: manager.pssMb + shards.reduce((sum, shard) => sum + shard.pssMb, 0),
        };
        totals.set(count, total);
        results[`shards${count}ShardRssMbEach`] = round(median(shards.map((shard) => shard.rssMb)));
        if (count > 1) results[`shards${count}ManagerRssMb`] = round(manager.rssMb);
        results[`shards${count}TotalRssMb`] = round(total.rssMb);
        results[`shards${count}TotalPssMb`] = round(total.pssMb);
      } finally {
        await bot.stop();
      }
    }
    const [fewer, more] = [counts.at(-2), counts.at(-1)];
    const before = fewer === undefined ? undefined : totals.get(fewer);
    const after = more === undefined ? undefined : totals.get(more);
    if (before && after && fewer !== undefined && more !== undefined) {
      results['extraShardRssMb'] = round((after.rssMb - before.rssMb) / (more - fewer));
      results['extraShardPssMb'] = round((after.pssMb - before.pssMb) / (more - fewer));
    }
    return results;
  } finally {
    await server.close();
    if (seed) await seed.remove();
    else await rm(workspace.data, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [corpusDirectory, indexDirectory] = process.argv.slice(2);
  console.log(await runStartupBench());
  console.log(
    await runShardsBench(corpusDirectory && indexDirectory ? { corpusDirectory, indexDirectory } : {}),
  );
}
