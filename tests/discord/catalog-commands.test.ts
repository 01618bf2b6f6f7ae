import { describe, expect, test } from 'vitest';
import { useDiscordHarness } from '../support/discordHarness.js';
import { CallbackType, type ComponentBody } from '../support/discordServer.js';
import { timelineEvents } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

function buttons(components: ComponentBody[] | undefined): ComponentBody[] {
  return (components ?? []).flatMap((row) => row.components ?? []);
}

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

describe('/timeline', () => {
  test('GIVEN a person and dates THEN shows their dated events with sources', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(
      server.command('timeline', { person: 'Ana Ruiz', from: '2024-03', to: '2024-03-31' }),
    );
    expect(bot.calls.timeline).toContainEqual({ person: 'Ana Ruiz', from: '2024-03', to: '2024-03-31' });
    const embed = reply.body.embeds?.[0];
    expect(embed?.title).toBe('Timeline: Ana Ruiz from 2024-03 to 2024-03-31');
    expect(embed?.description).toContain(
      '**2024-03-01** (approx.) — Event number 1 happened at the council. · Ana Ruiz [Mayor resigns after budget inquiry — ¶1]',
    );
    expect(reply.body.components).toEqual([]);
  });

  test('GIVEN a long timeline THEN pages through it with buttons that edit the message', async () => {
    const { server, bot } = await startHarness();
    bot.events = timelineEvents(25);
    const interaction = server.command('timeline');
    const first = await server.replyTo(interaction);
    expect(first.body.embeds?.[0]?.footer?.text).toBe('Page 1 of 3 · 25 events');
    const [earlier, later] = buttons(first.body.components);
    expect(earlier).toMatchObject({ disabled: true });
    expect(later).toMatchObject({ custom_id: `timeline:page:${interaction.id}:1`, disabled: false });

    const second = await server.replyTo(server.click(later?.custom_id ?? '', first.message.id));
    expect((second.request.body as { type: number }).type).toBe(CallbackType.UpdateMessage);
    expect(second.body.embeds?.[0]?.footer?.text).toBe('Page 2 of 3 · 25 events');
    expect(second.body.embeds?.[0]?.description).toContain('Event number 11 ');
    expect(buttons(second.body.components).map((button) => button.disabled)).toEqual([false, false]);

    const last = await server.replyTo(server.click(`timeline:page:${interaction.id}:2`, first.message.id));
    expect(last.body.embeds?.[0]?.footer?.text).toBe('Page 3 of 3 · 25 events');
    expect(buttons(last.body.components).map((button) => button.disabled)).toEqual([false, true]);
  });

  test('GIVEN a date it cannot read THEN explains the format ephemerally', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.command('timeline', { from: 'last spring' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe(
      '“last spring” is not a date I understand for “from”: use YYYY, YYYY-MM or YYYY-MM-DD.',
    );
    expect(bot.calls.timeline).toEqual([]);
  });

  test('GIVEN no matching events THEN says so ephemerally', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.command('timeline', { person: 'Nobody' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe('No dated events in the articles match that.');
  });

  test('GIVEN the person and article options being typed THEN suggests people and articles', async () => {
    const { server } = await startHarness();
    const people = await server.choicesFor(server.autocomplete('timeline', 'person', { person: 'lu' }));
    expect(people).toEqual([{ name: 'Luis Pérez', value: 'Luis Pérez' }]);
    const articles = await server.choicesFor(
      server.autocomplete('timeline', 'article', { article: 'bridge' }),
    );
    expect(articles).toEqual([{ name: 'Bridge reopens after two years', value: 'bridge-reopens' }]);
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
