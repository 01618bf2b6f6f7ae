import { describe, expect, test } from 'vitest';
import { commandData } from '../../src/discord/index.js';
import { InputError } from '../../src/errors.js';
import { useDiscordHarness } from '../support/discordHarness.js';
import { CallbackType, PERMISSIONS, userData, type ComponentBody } from '../support/discordServer.js';
import { abstained } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();
const moderator = { permissions: PERMISSIONS.manageGuild };

function buttons(components: ComponentBody[] | undefined): ComponentBody[] {
  return (components ?? []).flatMap((row) => row.components ?? []);
}

describe('the /article and /gaps commands as registered', () => {
  test('GIVEN the definitions THEN both are shown only to members with Manage Server', () => {
    for (const name of ['article', 'gaps']) {
      expect(commandData.find((command) => command.name === name)?.default_member_permissions).toBe(
        PERMISSIONS.manageGuild,
      );
    }
  });

  test('GIVEN /article THEN it has add (a link or a file), remove (an id with autocomplete) and list', () => {
    const article = commandData.find((command) => command.name === 'article');
    expect(article?.options?.map((option) => option.name)).toEqual(['add', 'remove', 'list']);
    expect(JSON.stringify(article)).toContain('"name":"file"');
    expect(JSON.stringify(article)).toContain('"autocomplete":true');
  });
});

describe('/article add', () => {
  test('GIVEN a member without Manage Server THEN refuses politely and ephemerally, and adds nothing', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(
      server.subcommand('article', 'add', { url: 'https://news.example/a' }),
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe(
      'Sorry — managing the articles is for moderators only (it needs Manage Server).',
    );
    expect(bot.calls.addArticle).toEqual([]);
  });

  test('GIVEN moderator roles configured and a moderator without one THEN refuses', async () => {
    const { server, bot } = await startHarness({
      config: (fake) => ({ moderatorRoleIds: [fake.moderatorRoleId] }),
    });
    const reply = await server.replyTo(
      server.subcommand('article', 'add', { url: 'https://x.example/' }, moderator),
    );
    expect(reply.body.content).toMatch(/Manage Server and a moderator role/);
    expect(bot.calls.addArticle).toEqual([]);
  });

  test('GIVEN a link THEN acknowledges at once, shows progress, and says what was added, to the moderator only', async () => {
    const { server, bot } = await startHarness({ tuning: { progressIntervalMs: 0 } });
    const user = userData('editor');
    const interaction = server.subcommand(
      'article',
      'add',
      { url: ' https://news.example/bridge ' },
      { ...moderator, user },
    );
    const deferral = await server.waitForRequest((request) => request.path.includes(interaction.token));
    expect(deferral.body).toMatchObject({ type: CallbackType.DeferredChannelMessage, data: { flags: 64 } });
    const result = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body ?? null).includes('Added:'),
    );
    const embed = (
      result.body as { embeds: Array<{ title: string; description: string; footer: { text: string } }> }
    ).embeds[0];
    expect(embed?.title).toBe('Added: Port city opens new harbour bridge');
    expect(embed?.description.split('\n')).toEqual([
      '**Published:** 2024-05-06',
      '**Author:** Dana Whitfield',
      '**Source:** Example Gazette',
      '**Link:** <https://news.example/bridge>',
      '**Paragraphs:** 4',
      '**People:** Lucia Brandt',
      '**Id:** `2024-05-06-port-city-opens-new-harbour-bridge`',
    ]);
    expect(embed?.footer.text).toBe('Indexed and answerable in 0.9 s.');
    const progress = server
      .repliesTo(interaction)
      .map((reply) => reply.body.content ?? '')
      .filter((content) => content !== '');
    expect(progress[0]).toBe('Reading the article…');
    expect(progress.some((content) => content.startsWith('Reindexing…'))).toBe(true);
    expect(bot.calls.addArticle).toEqual([
      expect.objectContaining({
        input: { kind: 'url', url: 'https://news.example/bridge' },
        requestedBy: `editor (${user.id})`,
      }),
    ]);
  });

  test('GIVEN an attached file THEN passes the attachment as Discord describes it', async () => {
    const { server, bot } = await startHarness();
    const attachment = {
      filename: 'ferry.md',
      url: 'https://cdn.discordapp.example/attachments/1/2/ferry.md',
      size: 2048,
      content_type: 'text/markdown; charset=utf-8',
    };
    const interaction = server.subcommand('article', 'add', { file: { attachment } }, moderator);
    await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body ?? null).includes('Added:'),
    );
    expect(bot.calls.addArticle[0]?.input).toEqual({
      kind: 'attachment',
      url: attachment.url,
      name: 'ferry.md',
      size: 2048,
      contentType: 'text/markdown; charset=utf-8',
    });
  });

  test.each([
    ['neither a link nor a file', {}],
    [
      'both a link and a file',
      {
        url: 'https://a.example/',
        file: { attachment: { filename: 'a.md', url: 'https://c.example/a.md', size: 1 } },
      },
    ],
  ])('GIVEN %s THEN asks for one of the two', async (_case, options) => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.subcommand('article', 'add', options, moderator));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe('Give either a link (`url:`) or a file (`file:`) — one of the two.');
    expect(bot.calls.addArticle).toEqual([]);
  });

  test('GIVEN a refusal (already there) THEN the moderator reads it as it is, and nothing else is left behind', async () => {
    const { server, bot } = await startHarness();
    bot.added = () => {
      throw new InputError('Already there: “Bridge” (bridge) has the same link; nothing was added.');
    };
    const interaction = server.subcommand(
      'article',
      'add',
      { url: 'https://news.example/bridge' },
      moderator,
    );
    const notice = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) &&
        JSON.stringify(request.body ?? null).includes('Already there'),
    );
    expect(notice.body).toMatchObject({
      content: 'Already there: “Bridge” (bridge) has the same link; nothing was added.',
      flags: 64,
      allowed_mentions: { parse: [] },
    });
    await server.waitForRequest(
      (request) => request.method === 'DELETE' && request.path.includes(interaction.token),
    );
  });
});

describe('/article remove and list', () => {
  test('GIVEN the id being typed THEN suggests articles by title, ids as values', async () => {
    const { server } = await startHarness();
    const choices = await server.choicesFor(
      server.sendInteraction({
        kind: 'autocomplete',
        name: 'article',
        subcommand: 'remove',
        focused: 'id',
        options: { id: 'perez' },
        ...moderator,
      }),
    );
    expect(choices).toEqual([
      { name: 'Pérez appointed interim mayor — Metro Times', value: 'perez-appointed' },
    ]);
  });

  test('GIVEN an id THEN removes the article and says so', async () => {
    const { server, bot } = await startHarness();
    const interaction = server.subcommand('article', 'remove', { id: 'perez-appointed' }, moderator);
    const result = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body ?? null).includes('Removed:'),
    );
    expect(JSON.stringify(result.body)).toContain('Removed: Pérez appointed interim mayor');
    expect(bot.calls.removeArticle).toEqual([expect.objectContaining({ id: 'perez-appointed' })]);
    expect(bot.articles.map((article) => article.id)).not.toContain('perez-appointed');
  });

  test('GIVEN an unknown id THEN says no article has it', async () => {
    const { server } = await startHarness();
    const interaction = server.subcommand('article', 'remove', { id: 'nope' }, moderator);
    const notice = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) &&
        JSON.stringify(request.body ?? null).includes('No article'),
    );
    expect((notice.body as { content: string }).content).toBe('No article has the id “nope”.');
  });

  test('GIVEN list THEN shows every article with its id, to the moderator only', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(server.subcommand('article', 'list', {}, moderator));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.embeds?.[0]?.title).toBe('Articles (3)');
    expect(reply.body.embeds?.[0]?.description).toContain('`perez-appointed`');
  });
});

describe('👍 and 👎 under answers', () => {
  test('GIVEN an answer THEN it carries Sources, 👍 and 👎', async () => {
    const { server } = await startHarness();
    const interaction = server.command('ask', { question: 'Who resigned?' });
    const reply = await server.replyTo(interaction);
    expect(buttons(reply.body.components).map((button) => [button.label ?? '', button.custom_id])).toEqual([
      ['Sources', `ask:sources:${interaction.id}`],
      ['', `ask:rate:up:${interaction.id}`],
      ['', `ask:rate:down:${interaction.id}`],
    ]);
    expect(JSON.stringify(reply.body.components)).toContain('👍');
    expect(JSON.stringify(reply.body.components)).toContain('👎');
  });

  test('GIVEN an abstention THEN it still carries 👍 and 👎', async () => {
    const { server, bot } = await startHarness();
    bot.answer = (question) => ({ ...abstained(question), closest: [] });
    const interaction = server.command('ask', { question: 'Will it rain?' });
    const reply = await server.replyTo(interaction);
    expect(buttons(reply.body.components).map((button) => button.custom_id)).toEqual([
      `ask:rate:up:${interaction.id}`,
      `ask:rate:down:${interaction.id}`,
    ]);
  });

  test('GIVEN 👎 THEN the rating reaches the bot once per member, with a thank-you only they see', async () => {
    const { server, bot } = await startHarness();
    const interaction = server.command('ask', { question: 'Who resigned?' });
    const answer = await server.replyTo(interaction);
    const reader = userData('reader');
    const first = await server.replyTo(
      server.click(`ask:rate:down:${interaction.id}`, answer.message.id, { user: reader }),
    );
    expect(first.ephemeral).toBe(true);
    expect(first.body.content).toBe(
      'Thanks — noted. Moderators review questions like this one to decide which articles to add.',
    );
    const again = await server.replyTo(
      server.click(`ask:rate:down:${interaction.id}`, answer.message.id, { user: reader }),
    );
    expect(again.body.content).toBe('You have already rated this answer — thank you.');
    const other = await server.replyTo(server.click(`ask:rate:up:${interaction.id}`, answer.message.id));
    expect(other.body.content).toBe('Thanks — glad it helped.');
    expect(bot.calls.rateAnswer).toEqual([
      { question: 'Who resigned?', rating: 'unhelpful' },
      { question: 'Who resigned?', rating: 'helpful' },
    ]);
  });

  test('GIVEN a rating on an answer no longer remembered THEN says it cannot be kept', async () => {
    const { server, bot } = await startHarness();
    const answer = await server.replyTo(server.command('ask', { question: 'Q?' }));
    const reply = await server.replyTo(server.click('ask:rate:down:1234567890123456789', answer.message.id));
    expect(reply.body.content).toBe('This answer is no longer in my memory, so the rating cannot be kept.');
    expect(bot.calls.rateAnswer).toEqual([]);
  });
});

describe('/gaps', () => {
  test('GIVEN a member without Manage Server THEN refuses', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.command('gaps'));
    expect(reply.body.content).toBe(
      'Sorry — seeing the questions is for moderators only (it needs Manage Server).',
    );
    expect(bot.calls.gaps).toEqual([]);
  });

  test('GIVEN a moderator THEN lists the questions with counts, variants and where disliked answers came from', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.command('gaps', { days: 7 }, moderator));
    expect(reply.ephemeral).toBe(true);
    const embed = reply.body.embeds?.[0];
    expect(embed?.title).toBe('Questions without a good answer — last 7 days');
    expect(embed?.description?.split('\n')).toEqual([
      '**3×** Who is the new harbour master? — 2 unanswered · 1 👎',
      "  also asked as “who's the new harbour master”",
      '  answered from `bridge-reopens`',
      '**2×** When does the ferry stop? — 2 unanswered',
    ]);
    expect(embed?.footer?.text).toBe('5 questions recorded in the period; near-duplicates counted together.');
    expect(bot.calls.gaps).toEqual([{ days: 7 }]);
  });

  test('GIVEN feedback logging off THEN says nothing is recorded', async () => {
    const { server, bot } = await startHarness();
    bot.gapReport = { ...bot.gapReport, recording: false, gaps: [], total: 0 };
    const reply = await server.replyTo(server.command('gaps', {}, moderator));
    expect(reply.body.content).toMatch(/^Feedback logging is switched off/);
  });
});
