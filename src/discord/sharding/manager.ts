import { REST, Routes, ShardingManager, type APIGatewayBotInfo, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../context.js';
import { describeError } from '../errors.js';
import { isIndexSwitched } from './messages.js';

export interface ShardManagerOptions {
  /** The program each shard runs (this program's entry, which knows itself as a shard from its environment). */
  entry: string;
  /** Node flags for the shard processes. */
  execArgv: string[];
  shards: number | 'auto';
  /** The shards this host runs, when several hosts share the bot's shards. Default: all of them. */
  shardList?: number[];
  discord: DiscordConfig;
  logger: Logger;
  /**
   * How long a shard may take to become ready before its start counts as failed. Default one hour: the first
   * shard builds a missing index before it logs in, and a large corpus takes that long.
   */
  readyTimeoutMs?: number;
}

export interface RunningShardManager {
  manager: ShardingManager;
  /** Stops every shard (each finishes the replies in flight) without respawning them. */
  stop(): Promise<void>;
}

/** Discord's gap between two IDENTIFYs in one rate-limit bucket, plus a margin, as discord.js waits. */
const IDENTIFY_INTERVAL_MS = 5_500;
const STOP_TIMEOUT_MS = 30_000;

/**
 * What the gateway says of this bot: its recommended shard count and how many shards may identify at once.
 * Asked of `DISCORD_API_URL` when set: discord.js 14's `fetchRecommendedShardCount`, which `totalShards: 'auto'`
 * uses, always asks discord.com (a custom URL for it is discord.js PR #11471, after 14.28), so 'auto' is
 * resolved here and the manager gets a number.
 */
async function fetchGatewayBot(discord: DiscordConfig): Promise<APIGatewayBotInfo> {
  const rest = new REST(discord.apiUrl === undefined ? {} : { api: discord.apiUrl }).setToken(
    discord.token ?? '',
  );
  return (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
}

/**
 * Runs one process per shard with discord.js's `ShardingManager`: each runs `entry` (the whole bot: its own
 * index, its own gateway connection for the guilds of its shard), a shard that dies is started again, and a
 * shard that switched to an index generation it built has the message passed to every shard, so all follow.
 * Shards start one after another, each once the one before is ready; so the first builds a missing index and
 * the others open it.
 */
export async function runShardManager(options: ShardManagerOptions): Promise<RunningShardManager> {
  const { discord, logger } = options;
  let gateway: APIGatewayBotInfo | undefined;
  try {
    gateway = await fetchGatewayBot(discord);
  } catch (error) {
    if (options.shards === 'auto') {
      throw new Error(
        `SHARDS=auto: could not ask the gateway for a shard count (${String(describeError(error)['message'])})`,
      );
    }
    logger.warn(
      { error: describeError(error) },
      'could not reach the gateway; identifying one shard at a time',
    );
  }
  const count = options.shards === 'auto' ? (gateway?.shards ?? 1) : options.shards;
  const outside = options.shardList?.filter((id) => id >= count) ?? [];
  if (outside.length > 0) {
    throw new Error(`SHARD_LIST names shard ${outside.join(', ')}, but the bot has ${count} shards`);
  }
  const concurrency = gateway?.session_start_limit.max_concurrency ?? 1;
  const manager = new ShardingManager(options.entry, {
    token: discord.token ?? '',
    totalShards: count,
    ...(options.shardList ? { shardList: options.shardList } : {}),
    mode: 'process',
    respawn: true,
    execArgv: options.execArgv,
  });
  manager.on('shardCreate', (shard) => watchShard(manager, shard, logger));
  logger.info(
    { shards: count, here: options.shardList ?? 'all', maxConcurrency: concurrency },
    'starting shards',
  );
  await manager.spawn({
    amount: count,
    // Shards in different rate-limit buckets may identify together; one bucket means one every 5.5 s.
    delay: Math.ceil(IDENTIFY_INTERVAL_MS / concurrency),
    timeout: options.readyTimeoutMs ?? 60 * 60_000,
  });
  logger.info({ shards: manager.shards.size }, 'every shard is ready');
  return { manager, stop: () => stopShards(manager) };
}

function watchShard(manager: ShardingManager, shard: Shard, logger: Logger): void {
  const log = logger.child({ shard: shard.id });
  shard.on('spawn', (child) =>
    log.info({ pid: 'pid' in child ? child.pid : undefined }, 'shard process started'),
  );
  shard.on('death', (child) => {
    const exitCode = 'exitCode' in child ? child.exitCode : undefined;
    if (manager.respawn) log.warn({ exitCode }, 'shard process died; starting it again');
  });
  // A failed respawn is emitted here; without a listener it would end the manager.
  shard.on('error', (error) => log.error({ error: describeError(error) }, 'shard failed'));
  shard.on('message', (message: unknown) => {
    if (!isIndexSwitched(message)) return;
    log.info({ generation: message.generation }, 'index rebuilt; every shard follows');
    manager
      .broadcast(message)
      .catch((error: unknown) =>
        log.error({ error: describeError(error) }, 'could not tell every shard about the new index'),
      );
  });
}

async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  const exits = [...manager.shards.values()].map((shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      // SIGTERM: the shard stops taking work, finishes its replies in flight and logs out.
      child.kill('SIGTERM');
    });
  });
  await Promise.all(exits);
}
