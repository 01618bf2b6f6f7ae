import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDiscordBot } from '../../src/discord/index.js';
import { createBotFixture, HARBOUR_ARTICLE, type BotFixture } from '../support/articleBotFixture.js';
import { discordConfigFor, FakeDiscordServer } from '../support/discordServer.js';

// The other Discord tests use a fake ArticleBot to pin down the surface; this one wires the real pipeline
// (corpus → index → retrieval → answer) behind the real discord.js client, as `npm start` does.
describe('the bot on Discord with the real answer pipeline', () => {
  let fixture: BotFixture;
  let server: FakeDiscordServer;
  let running: Awaited<ReturnType<typeof startDiscordBot>>;

  beforeAll(async () => {
    fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE });
    server = await FakeDiscordServer.start();
    running = await startDiscordBot({
      bot: fixture.bot,
      logger: pino({ level: 'silent' }),
      config: discordConfigFor(server, { maxInFlight: 8 }),
    });
  });

  afterAll(async () => {
    await running.stop();
    await server.close();
    await fixture.cleanup();
  });

  test('GIVEN /ask THEN the reply quotes the article verbatim with its paragraph', async () => {
    const reply = await server.replyTo(server.command('ask', { question: 'How much did the bridge cost?' }));
    const embed = reply.body.embeds?.[0];
    expect(embed?.description).toContain('310 million dollars');
    expect(embed?.fields?.[0]?.name).toBe('[1] Port city opens new harbour bridge — ¶2');
    expect(embed?.fields?.[0]?.value).toContain(
      'Mayor Lucia Brandt said the bridge cost 310 million dollars',
    );
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('GIVEN /ask about something the article never says THEN the reply says so', async () => {
    const reply = await server.replyTo(
      server.command('ask', { question: 'What is the population of Port Alden?' }),
    );
    expect(JSON.stringify(reply.body)).toMatch(/do not answer/i);
  });

  test('GIVEN /who with a name THEN lists that person with a role from the text', async () => {
    const reply = await server.replyTo(server.command('who', { name: 'brandt' }));
    const text = JSON.stringify(reply.body);
    expect(text).toContain('Lucia Brandt');
    expect(text).toContain('Mayor');
  });
});
