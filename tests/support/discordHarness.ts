import { afterEach } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startDiscordBot, type DiscordConfig, type Tuning } from '../../src/discord/index.js';
import { discordConfigFor, FakeDiscordServer } from './discordServer.js';
import { FakeArticleBot } from './fakeArticleBot.js';

export interface DiscordHarness {
  server: FakeDiscordServer;
  bot: FakeArticleBot;
  running: Awaited<ReturnType<typeof startDiscordBot>>;
  /** Every log line the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Everything the bot logged, raw, to check nothing secret was written. */
  logText(): string;
  stop(): Promise<void>;
}

/**
 * A fake Discord server and the real discord.js client logged in to it, running the bot against a
 * fake ArticleBot. Each test gets its own client, as discord.js keeps state per client.
 */
export interface HarnessOverrides {
  /** Settings, or a function of the server for settings that name its ids (roles, channels). */
  config?: Partial<DiscordConfig> | ((server: FakeDiscordServer) => Partial<DiscordConfig>);
  tuning?: Partial<Tuning>;
  bot?: FakeArticleBot;
}

export async function startDiscordHarness(overrides: HarnessOverrides = {}): Promise<DiscordHarness> {
  const server = await FakeDiscordServer.start();
  const bot = overrides.bot ?? new FakeArticleBot();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const config = discordConfigFor(
    server,
    typeof overrides.config === 'function' ? overrides.config(server) : overrides.config,
  );
  const running = await startDiscordBot({
    bot,
    config,
    logger,
    tuning: { stopTimeoutMs: 2000, ...overrides.tuning },
  });
  return {
    server,
    bot,
    running,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join(''),
    async stop() {
      await running.stop();
      await server.close();
    },
  };
}

/** Starts harnesses for the tests of a file and stops each after its test. */
export function useDiscordHarness(): (overrides?: HarnessOverrides) => Promise<DiscordHarness> {
  const started: DiscordHarness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((harness) => harness.stop()));
  });
  return async (overrides) => {
    const harness = await startDiscordHarness(overrides);
    started.push(harness);
    return harness;
  };
}
