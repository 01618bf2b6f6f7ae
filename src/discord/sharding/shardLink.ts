import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { ArticleBot } from '../../service.js';
import { describeError } from '../errors.js';
import { indexSwitched, isIndexSwitched } from './messages.js';

/**
 * Joins a shard process to the others through its `ShardingManager`: tells the manager when this shard starts
 * serving an index generation it built, and follows the generations the others built. Does nothing outside a
 * manager (`client.shard` is null). Returns a function that undoes it.
 */
export function linkShard({
  client,
  bot,
  logger,
}: {
  client: Client;
  bot: ArticleBot;
  logger: Logger;
}): () => void {
  const shard = client.shard;
  if (!shard) return () => undefined;
  const unsubscribe = bot.onIndexSwitch((generation) => {
    shard
      .send(indexSwitched(generation))
      .catch((error: unknown) =>
        logger.warn({ error: describeError(error) }, 'could not tell the other shards about the new index'),
      );
  });
  const onMessage = (message: unknown): void => {
    if (!isIndexSwitched(message)) return;
    bot.followIndex().then(
      (serving) => logger.debug({ announced: message.generation, serving }, 'followed the index'),
      (error: unknown) =>
        logger.error(
          { error: describeError(error), generation: message.generation },
          'could not open the index another shard built; still serving the previous one',
        ),
    );
  };
  // The manager is gone (killed, crashed): nobody would start this shard again or relay for it, so it stops
  // as on SIGTERM, finishing its replies in flight, rather than live on unsupervised.
  const onDisconnect = (): void => {
    logger.warn('the shard manager is gone; stopping');
    process.kill(process.pid, 'SIGTERM');
  };
  process.on('message', onMessage);
  process.once('disconnect', onDisconnect);
  return () => {
    unsubscribe();
    process.off('message', onMessage);
    process.off('disconnect', onDisconnect);
  };
}
