import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, RESTEvents, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { ArticleBot } from '../service.js';
import { commands } from './commands/index.js';
import { createContext, DEFAULT_TUNING, type DiscordConfig, type Tuning } from './context.js';
import { describeError } from './errors.js';
import { handleInteraction } from './interactions.js';
import { handleMessage } from './mentions.js';
import { NO_MENTIONS, replyEphemeral } from './respond.js';
import { linkShard } from './sharding/shardLink.js';
import { settlesWithin } from './timing.js';

export { commandData } from './commands/index.js';
export type { DiscordConfig, Tuning } from './context.js';

export interface StartDiscordBotOptions {
  bot: ArticleBot;
  config: DiscordConfig;
  logger: Logger;
  /** Timings and memory bounds; the defaults suit a real server. */
  tuning?: Partial<Tuning>;
  /** This process's shard of all the bot's shards. Default: the only one (`{ id: 0, count: 1 }`). */
  shard?: { id: number; count: number };
}

export interface RunningDiscordBot {
  client: Client<true>;
  /** Stops taking new work, lets the replies in flight finish (up to `stopTimeoutMs`), then disconnects. */
  stop(): Promise<void>;
}

/**
 * The fewest intents that work: Guilds for channels and threads, GuildMessages for mentions.
 * Message Content is privileged and only needed for follow-ups that do not mention the bot.
 */
export function intentsFor(config: DiscordConfig): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (config.messageContentIntent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export async function startDiscordBot(options: StartDiscordBotOptions): Promise<RunningDiscordBot> {
  const { bot, config, logger } = options;
  if (config.token === undefined) throw new Error('DISCORD_TOKEN is not set: the Discord bot cannot log in.');
  const tuning: Tuning = { ...DEFAULT_TUNING, ...options.tuning };

  const shard = options.shard ?? { id: 0, count: 1 };
  const client = new Client({
    intents: intentsFor(config),
    // Given, not left to discord.js: it would read the SHARDS variable, which is the operator's setting here.
    shards: shard.id,
    shardCount: shard.count,
    allowedMentions: NO_MENTIONS,
    // REST goes to the configured Discord-compatible server; the gateway URL then comes from its /gateway/bot.
    ...(config.apiUrl === undefined ? {} : { rest: { api: config.apiUrl } }),
  });
  // Without an 'error' listener an EventEmitter error would be thrown and end the process.
  client.on(Events.Error, (error) => logger.error({ error: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ code: event.code, shard }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'),
  );

  const context = createContext({ client, bot, config, logger, tuning, commands });
  const unlink = linkShard({ client, bot, logger });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const track = (work: Promise<void>): void => {
    const tracked = work
      .catch((error: unknown) => logger.error({ error: describeError(error) }, 'handler failed'))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  // Listeners go on before login so no event between READY and the first await is missed.
  client.on(Events.InteractionCreate, (interaction) => {
    track(stopping ? refuseWhileStopping(interaction) : handleInteraction(interaction, context));
  });
  client.on(Events.MessageCreate, (message) => {
    if (!stopping) track(handleMessage(message, context));
  });

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  if (!client.isReady()) throw new Error('The Discord client reported ready without a user.');
  logger.info(
    { user: client.user.tag, guilds: client.guilds.cache.size, messageContent: config.messageContentIntent },
    'discord bot ready',
  );

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopping = true;
    stopped ??= (async () => {
      const finished = await settlesWithin(Promise.allSettled([...inFlight]), tuning.stopTimeoutMs);
      if (!finished) logger.warn({ pending: inFlight.size }, 'stopping with replies still in flight');
      unlink();
      await client.destroy();
      logger.info('discord bot stopped');
    })();
    await stopped;
  };
  return { client, stop };
}

async function refuseWhileStopping(interaction: Interaction): Promise<void> {
  if (interaction.isRepliable()) {
    await replyEphemeral(interaction, 'I am restarting — please try again in a minute.');
  } else if (interaction.isAutocomplete()) {
    await interaction.respond([]);
  }
}
