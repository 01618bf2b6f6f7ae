import { describe, expect, test } from 'vitest';
import { runDiscordBench } from '../../scripts/bench-discord.js';

describe('bench-discord', () => {
  test('GIVEN a small burst THEN every /ask is answered and the latencies are reported', async () => {
    const results = await runDiscordBench({ sequential: 5, concurrent: 40, maxInFlight: 8 });
    expect(results).toMatchObject({
      discordConcurrentAsked: 40,
      discordConcurrentAnswered: 40,
      discordLatencySamples: 5,
    });
    expect(results['discordLatencyP50Ms']).toBeGreaterThan(0);
    expect(results['discordLatencyP99Ms']).toBeGreaterThanOrEqual(results['discordLatencyP50Ms'] ?? 0);
  });
});
