import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { useDiscordHarness } from '../support/discordHarness.js';
import {
  CallbackType,
  messageBodyViolation,
  userData,
  type ComponentBody,
  type InteractionReply,
  type SentInteraction,
} from '../support/discordServer.js';
import { timelineEvents } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

function buttons(components: ComponentBody[] | undefined): ComponentBody[] {
  return (components ?? []).flatMap((row) => row.components ?? []);
}

function button(reply: InteractionReply, label: string): ComponentBody | undefined {
  return buttons(reply.body.components).find((candidate) => candidate.label === label);
}

/** The events a page lists, by their number in the fake timeline. */
function eventNumbers(reply: InteractionReply): number[] {
  const description = reply.body.embeds?.[0]?.description ?? '';
  return [...description.matchAll(/Event number (\d+) /g)].map((match) => Number(match[1]));
}

describe('/timeline', () => {
  test('GIVEN a person and dates THEN the reply attaches timeline.png and lists the events in cited lines', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(
      server.command('timeline', { person: 'Ana Ruiz', from: '2024-03', to: '2024-03-31' }),
    );
    expect(bot.calls.timeline).toContainEqual({ person: 'Ana Ruiz', from: '2024-03', to: '2024-03-31' });
    expect(reply.ephemeral).toBe(false);

    const [upload] = reply.request.files ?? [];
    expect(upload?.filename).toBe('timeline.png');
    const picture = PNG.sync.read(upload?.data ?? Buffer.alloc(0));
    expect(picture.width).toBe(640);
    expect(picture.height).toBeGreaterThan(300);
    const [attachment] = reply.message.attachments;
    expect(attachment).toMatchObject({ filename: 'timeline.png', size: upload?.data.length });
    expect(attachment?.description).toMatch(/^Timeline chart of 2 events from 1 Mar 2024 to 3 Mar 2024/);

    const embed = reply.body.embeds?.[0];
    expect(embed?.title).toBe('Timeline: Ana Ruiz from Mar 2024 to 31 Mar 2024');
    expect(embed?.description?.split('\n')).toEqual([
      '**≈ 1 Mar 2024** · Event number 1 happened at the council. · *Ana Ruiz* [1]',
      '**3 Mar 2024** · Event number 3 happened at the council. · *Ana Ruiz* [2]',
      '',
      '[1] Mayor resigns after budget inquiry ¶1',
      '[2] Mayor resigns after budget inquiry ¶3',
    ]);
    expect(buttons(reply.body.components).map((candidate) => candidate.label)).toEqual(['Sources']);
  });

  test('GIVEN 60 events THEN each page is within Discord’s limits and the one who asked pages through all', async () => {
    const { server, bot } = await startHarness();
    bot.events = timelineEvents(60);
    const interaction = server.command('timeline');
    const first = await server.replyTo(interaction);
    expect(first.request.files).toHaveLength(1);
    expect(first.body.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of 5 · 60 events/);
    expect(button(first, '◀ Earlier')).toMatchObject({ disabled: true });

    const seen = [...eventNumbers(first)];
    let reply = first;
    for (let page = 2; page <= 5; page += 1) {
      const later = button(reply, 'Later ▶');
      expect(later?.disabled).toBe(false);
      reply = await server.replyTo(
        server.click(later?.custom_id ?? '', first.message.id, { user: interaction.user }),
      );
      expect((reply.request.body as { type: number }).type).toBe(CallbackType.UpdateMessage);
      expect(messageBodyViolation(reply.body)).toBeUndefined();
      expect(reply.body.embeds?.[0]?.footer?.text).toMatch(new RegExp(`^Page ${page} of 5`));
      // The picture stays on the message while its text pages.
      expect(reply.message.attachments.map((attachment) => attachment.filename)).toEqual(['timeline.png']);
      seen.push(...eventNumbers(reply));
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(button(reply, 'Later ▶')).toMatchObject({ disabled: true });
  });

  test('GIVEN another member presses Later THEN they are told only the asker may page, and nothing changes', async () => {
    const { server, bot } = await startHarness();
    bot.events = timelineEvents(25);
    const interaction = server.command('timeline');
    const first = await server.replyTo(interaction);
    const later = button(first, 'Later ▶')?.custom_id ?? '';

    const refused = await server.replyTo(
      server.click(later, first.message.id, { user: userData('someone-else') }),
    );
    expect(refused.ephemeral).toBe(true);
    expect(refused.body.content).toBe(
      'Only the member who ran this /timeline can turn its pages — run /timeline to get your own.',
    );
    expect(server.message(first.message.id)?.embeds[0]?.footer?.text).toMatch(/^Page 1 of 3/);
  });

  test('GIVEN anyone presses Sources THEN the full quotes of the page shown come back to them alone', async () => {
    const { server, bot } = await startHarness();
    bot.events = timelineEvents(25);
    const interaction = server.command('timeline');
    const first = await server.replyTo(interaction);
    const second = await server.replyTo(
      server.click(button(first, 'Later ▶')?.custom_id ?? '', first.message.id, { user: interaction.user }),
    );
    const sources = await server.replyTo(
      server.click(button(second, 'Sources')?.custom_id ?? '', first.message.id),
    );
    expect(sources.ephemeral).toBe(true);
    const description = sources.body.embeds?.[0]?.description ?? '';
    expect(description).toContain('**[1] Mayor resigns after budget inquiry — ¶1**\n> Passage for event 13.');
    expect(description).not.toContain('Passage for event 12.');
  });

  test('GIVEN the interaction’s time runs out THEN the page buttons come off and a late press is refused', async () => {
    const { server, bot } = await startHarness({ tuning: { timelinePagingMs: 300 } });
    bot.events = timelineEvents(25);
    const interaction: SentInteraction = server.command('timeline');
    const first = await server.replyTo(interaction);
    const later = button(first, 'Later ▶')?.custom_id ?? '';

    const edit = await server.waitForRequest(
      (request) =>
        request.method === 'PATCH' && request.path.endsWith(`${interaction.token}/messages/@original`),
    );
    const remaining = buttons((edit.body as { components?: ComponentBody[] }).components);
    expect(remaining.map((candidate) => candidate.label)).toEqual(['Sources']);

    const late = server.click(later, first.message.id, { user: interaction.user });
    // The click's answer is an edit of the message (buttons off) and then an ephemeral follow-up.
    await server.waitForRequest((request) => request.method === 'POST' && request.path.endsWith(late.token));
    const replies = server.repliesTo(late);
    expect(replies.at(-1)?.ephemeral).toBe(true);
    expect(replies.at(-1)?.body.content).toBe(
      'These page buttons have expired — please run /timeline again.',
    );
    expect(server.message(first.message.id)?.embeds[0]?.footer?.text).toMatch(/^Page 1 of 3/);
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
