import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { deployCommands } from '../../scripts/deploy-commands.js';
import { intentsFor } from '../../src/discord/index.js';
import { useDiscordHarness } from '../support/discordHarness.js';
import { FakeDiscordServer } from '../support/discordServer.js';
import { answered } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

describe('connecting and stopping', () => {
  test('GIVEN DISCORD_API_URL THEN REST and the gateway both go to that server, with the fewest intents', async () => {
    const { server, running } = await startHarness();
    const gateway = server.requests.find((request) => request.path === '/gateway/bot');
    expect(gateway?.authorization).toBe(`Bot ${server.token}`);
    expect(server.identifies).toEqual([{ intents: 1 | 512, token: server.token, shard: [0, 1] }]);
    expect(running.client.guilds.cache.get(server.guildId)?.channels.cache.has(server.general.id)).toBe(true);
    expect(intentsFor({ ...defaults(), messageContentIntent: true })).toEqual([1, 512, 32768]);
  });

  test('GIVEN an interaction reply THEN the callback carries no Authorization header', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('ask', { question: 'Q?' }));
    expect(reply.request.authorization).toBeUndefined();
  });

  test('GIVEN a reply in flight WHEN stopping THEN the reply is delivered before the client disconnects', async () => {
    const harness = await startHarness();
    const { server, bot, running } = harness;
    bot.answer = async (question) => {
      await sleep(200);
      return answered(question);
    };
    const interaction = server.command('ask', { question: 'Finish me?' });
    while (bot.calls.ask.length === 0) await sleep(5);
    await running.stop();
    const replies = server.repliesTo(interaction);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.embeds?.[0]?.title).toBe('Finish me?');
    expect(harness.logs.at(-1)?.['msg']).toBe('discord bot stopped');
  });

  test('GIVEN the client emits an error THEN it is logged and the bot keeps answering', async () => {
    const harness = await startHarness();
    const { server, running } = harness;
    running.client.emit('error', new Error('socket hiccup'));
    expect(harness.logs.find((line) => line['msg'] === 'discord client error')?.['error']).toMatchObject({
      message: 'socket hiccup',
    });
    const reply = await server.replyTo(server.command('ask', { question: 'Alive?' }));
    expect(reply.body.embeds?.[0]?.title).toBe('Alive?');
  });
});

describe('deploy-commands', () => {
  test('GIVEN a guild id THEN registers every command in that guild', async () => {
    const server = await FakeDiscordServer.start();
    try {
      const config = {
        ...defaults(),
        token: server.token,
        applicationId: server.applicationId,
        apiUrl: server.apiUrl,
      };
      const result = await deployCommands({ ...config, guildId: server.guildId });
      expect(result).toEqual({ count: 8, scope: 'guild' });
      const put = server.requests.at(-1);
      expect(put?.method).toBe('PUT');
      expect(put?.path).toBe(`/applications/${server.applicationId}/guilds/${server.guildId}/commands`);
      expect((put?.body as Array<{ name: string }>).map((command) => command.name)).toEqual([
        'ask',
        'who',
        'timeline',
        'sources',
        'article',
        'gaps',
        'reindex',
        'help',
      ]);

      expect(await deployCommands({ ...config, guildId: undefined })).toEqual({ count: 8, scope: 'global' });
      expect(server.requests.at(-1)?.path).toBe(`/applications/${server.applicationId}/commands`);
    } finally {
      await server.close();
    }
  });

  test('GIVEN no token THEN explains what to set', async () => {
    await expect(deployCommands(defaults())).rejects.toThrow(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});

function defaults() {
  return {
    token: undefined,
    applicationId: undefined,
    guildId: undefined,
    apiUrl: undefined,
    messageContentIntent: false,
    moderatorRoleIds: [],
    cooldownMs: 0,
    maxInFlight: 64,
  };
}
