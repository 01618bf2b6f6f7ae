// `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise a chat in this terminal. With SHARDS=auto
// or N > 1 this process is discord.js's ShardingManager, which runs this same file once per shard.
import { openBot, runCommand, type Runtime } from './cli/run.js';
import { childNodeArguments, programModule } from './program.js';
import type { ArticleBot } from './service.js';

await runCommand(async (runtime) => {
  const { config, logger } = runtime;
  if (!config.discord.token) {
    const bot = await openBot(runtime);
    followIndex(bot, runtime);
    logger.debug({ msSinceProcessStart: Math.round(performance.now()) }, 'ready');
    const { runChat } = await import('./cli/chat.js');
    await runChat(bot, logger);
    return;
  }
  if (config.sharding.mode === 'manager') {
    // The manager only starts, watches and restarts the shards, and relays between them: it never opens the
    // index, so it costs no more memory than discord.js itself.
    const { runShardManager } = await import('./discord/sharding/manager.js');
    const manager = await runShardManager({
      entry: programModule('main'),
      execArgv: childNodeArguments(),
      shards: config.sharding.shards,
      ...(config.sharding.shardList ? { shardList: config.sharding.shardList } : {}),
      discord: config.discord,
      logger,
    });
    stopOnSignal(runtime, () => manager.stop());
    return;
  }
  const bot = await openBot(runtime);
  followIndex(bot, runtime);
  const { startDiscordBot } = await import('./discord/index.js');
  const shard =
    config.sharding.mode === 'shard'
      ? { id: config.sharding.shard, count: config.sharding.shards }
      : { id: 0, count: 1 };
  const discord = await startDiscordBot({ bot, config: config.discord, logger, shard });
  logger.info({ msSinceProcessStart: Math.round(performance.now()) }, 'ready');
  stopOnSignal(runtime, () => discord.stop());
});

/**
 * With INDEX_POLL_SECONDS, looks that often whether another process made a new index generation current (a
 * shard on another host, `npm run reindex`) and serves it. The shards of one host need not: they tell each other.
 */
function followIndex(bot: ArticleBot, { config, logger }: Runtime): void {
  if (config.indexPollMs <= 0) return;
  setInterval(() => {
    bot
      .followIndex()
      .catch((error: unknown) =>
        logger.warn(
          { reason: error instanceof Error ? error.message : String(error) },
          'could not open the new index generation; still serving the previous one',
        ),
      );
  }, config.indexPollMs).unref();
}

function stopOnSignal({ logger }: Runtime, stop: () => Promise<void>): void {
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
