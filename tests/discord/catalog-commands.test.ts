import { describe, expect, test } from 'vitest';
import { useDiscordHarness } from '../support/discordHarness.js';

const startHarness = useDiscordHarness();

describe('/who', () => {
  test('GIVEN a known name THEN shows the person, their roles and quotes with article titles', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.command('who', { name: 'perez' }));
    const embed = reply.body.embeds?.[0];
    expect(reply.ephemeral).toBe(false);
    expect(embed?.title).toBe('Luis Pérez');
    expect(embed?.description).toContain('**Roles:** interim mayor; former deputy mayor');
    expect(embed?.fields?.[0]).toEqual({
      name: '[1] Pérez appointed interim mayor — ¶2',
      value: '“Luis Pérez was sworn in on Wednesday.”',
    });
    expect(bot.calls.who).toEqual(['perez']);
  });

  test('GIVEN an unknown name THEN says so ephemerally and suggests the closest names', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('who', { name: 'Rooiz' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe("I couldn't find “Rooiz” in the articles. Did you mean: Ana Ruiz?");
  });

  test('GIVEN no name THEN lists everyone known', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('who'));
    expect(reply.body.embeds?.[0]?.title).toBe('People in the articles (2)');
    expect(reply.body.embeds?.[0]?.description).toContain('**Ana Ruiz** — former mayor');
  });

  test('GIVEN a name being typed THEN suggests people, at most 25', async () => {
    const { server, bot } = await startHarness();
    const choices = await server.choicesFor(server.autocomplete('who', 'name', { name: 'ana' }));
    expect(choices).toEqual([{ name: 'Ana Ruiz', value: 'Ana Ruiz' }]);
    expect(bot.calls.suggestPeople).toEqual([{ partial: 'ana', limit: 25 }]);
  });
});

describe('/sources, /help and unknown commands', () => {
  test('GIVEN /sources THEN lists the articles with outlet, date and paragraphs, ephemerally', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('sources'));
    expect(reply.ephemeral).toBe(true);
    const description = reply.body.embeds?.[0]?.description ?? '';
    expect(description.split('\n')).toEqual([
      '**Mayor resigns after budget inquiry** — The Daily Ledger, 2024-03-05 · 12 paragraphs · `mayor-resigns`',
      '**Pérez appointed interim mayor** — Metro Times, 2024-03-07 · 9 paragraphs · `perez-appointed`',
      '**Bridge reopens after two years** — 8 paragraphs · `bridge-reopens`',
    ]);
  });

  test('GIVEN /help THEN describes the bot and every command, ephemerally', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('help'));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.embeds?.[0]?.fields?.map((field) => field.name)).toEqual([
      '/ask',
      '/who',
      '/timeline',
      '/sources',
      '/article',
      '/gaps',
      '/reindex',
      '/help',
    ]);
    expect(reply.body.embeds?.[0]?.description).toContain('mentioning me again');
  });

  test('GIVEN a command the bot no longer has THEN says so ephemerally', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('ping'));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toMatch(/no longer available/);
  });
});
