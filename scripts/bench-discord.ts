// Measures the Discord layer end to end: the real discord.js client against the loopback
// Discord-compatible server, from the moment an interaction is dispatched on the gateway to the
// moment its reply reaches the server's REST API. `npm run bench` calls runDiscordBench(); this file
// also runs on its own: `npx tsx scripts/bench-discord.ts`.
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { startDiscordBot } from '../src/discord/index.js';
import type { ArticleBot } from '../src/service.js';
import { discordConfigFor, FakeDiscordServer, userData } from '../tests/support/discordServer.js';
import { FakeArticleBot } from '../tests/support/fakeArticleBot.js';

export interface DiscordBenchOptions {
  /** What answers; by default a fake that answers at once, so only the Discord layer is measured. */
  bot?: ArticleBot;
  /** Questions asked one after another for the latency percentiles. */
  sequential?: number;
  /** Questions asked all at once. */
  concurrent?: number;
  /** Settings under test; the default cap of 64 questions in flight makes the rest queue. */
  maxInFlight?: number;
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function runDiscordBench(options: DiscordBenchOptions = {}): Promise<Record<string, number>> {
  const { sequential = 300, concurrent = 500, maxInFlight = 64 } = options;
  const server = await FakeDiscordServer.start();
  const running = await startDiscordBot({
    bot: options.bot ?? new FakeArticleBot(),
    config: discordConfigFor(server, { maxInFlight }),
    logger: pino({ level: 'silent' }),
  });
  try {
    const ask = (index: number) =>
      server.command(
        'ask',
        { question: `What happened to the mayor, take ${index}?` },
        { user: userData(`user${index}`) },
      );

    // The first questions pay for JIT compilation and connection set-up; they are not counted.
    for (let index = 0; index < 20; index += 1) await server.replyTo(ask(index));

    const latencies: number[] = [];
    for (let index = 0; index < sequential; index += 1) {
      const interaction = ask(index);
      const reply = await server.replyTo(interaction);
      latencies.push(reply.request.at - interaction.sentAt);
    }
    latencies.sort((a, b) => a - b);

    const started = performance.now();
    const burst = Array.from({ length: concurrent }, (_, index) => ask(sequential + index));
    const outcomes = await Promise.allSettled(
      burst.map((interaction) => server.replyTo(interaction, 60_000)),
    );
    const replies = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const answered = replies.filter((reply) => (reply.body.embeds ?? []).length > 0 && !reply.ephemeral);
    const lastReplyAt = Math.max(started, ...replies.map((reply) => reply.request.at));

    return {
      discordLatencyP50Ms: round(percentile(latencies, 0.5)),
      discordLatencyP99Ms: round(percentile(latencies, 0.99)),
      discordLatencySamples: latencies.length,
      discordConcurrentAsked: concurrent,
      discordConcurrentAnswered: answered.length,
      discordConcurrentMs: round(lastReplyAt - started),
    };
  } finally {
    await running.stop();
    await server.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runDiscordBench();
  console.log('Discord layer, real discord.js client against the loopback server, fake ArticleBot:');
  console.log(
    `  interaction → reply latency   p50 ${results['discordLatencyP50Ms']} ms, p99 ${results['discordLatencyP99Ms']} ms`,
  );
  console.log(
    `  ${results['discordConcurrentAsked']} concurrent /ask          ${results['discordConcurrentAnswered']} answered in ${results['discordConcurrentMs']} ms`,
  );
}
