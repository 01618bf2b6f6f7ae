import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { GENERIC_FAILURE } from '../../src/discord/errors.js';
import { InputError } from '../../src/errors.js';
import { useDiscordHarness } from '../support/discordHarness.js';
import { CallbackType, messageBodyViolation } from '../support/discordServer.js';
import { ARTICLES, abstained, answered, citation } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

describe('/ask', () => {
  test('GIVEN a question THEN replies publicly with the answer, a field per citation and a Sources button', async () => {
    const { server, bot } = await startHarness();
    const interaction = server.command('ask', { question: 'Who resigned?' });
    const reply = await server.replyTo(interaction);

    expect(reply.request.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(reply.ephemeral).toBe(false);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embed = reply.body.embeds?.[0];
    expect(embed?.title).toBe('Who resigned?');
    expect(embed?.description).toContain('[1]');
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      '[1] Mayor resigns after budget inquiry — ¶2',
      '[2] Pérez appointed interim mayor — ¶3',
    ]);
    expect(embed?.fields?.[0]?.value).toBe(`“${citation(1).text}”`);
    expect(reply.body.components?.[0]?.components?.[0]).toMatchObject({
      label: 'Sources',
      custom_id: `ask:sources:${interaction.id}`,
    });
    expect(bot.calls.ask).toEqual([
      { question: 'Who resigned?', options: { guild: server.guildId, recordUnanswered: true } },
    ]);
  });

  test('GIVEN an article chosen THEN asks about that article only', async () => {
    const { server, bot } = await startHarness();
    await server.replyTo(server.command('ask', { question: 'When?', article: 'perez-appointed' }));
    expect(bot.calls.ask).toEqual([
      {
        question: 'When?',
        options: { article: 'perez-appointed', guild: server.guildId, recordUnanswered: true },
      },
    ]);
  });

  test('GIVEN the article option being typed THEN suggests matching titles, ids as values, at most 25', async () => {
    const { server, bot } = await startHarness();
    const accented = await server.choicesFor(
      server.autocomplete('ask', 'article', { question: 'q', article: 'perez' }),
    );
    expect(accented).toEqual([
      { name: 'Pérez appointed interim mayor — Metro Times', value: 'perez-appointed' },
    ]);

    bot.articles = Array.from({ length: 40 }, (_, index) => ({ ...ARTICLES[2]!, id: `bridge-${index}` }));
    const many = await server.choicesFor(
      server.autocomplete('ask', 'article', { question: 'q', article: '' }),
    );
    expect(many).toHaveLength(25);
  });

  test('GIVEN the articles do not answer THEN says so plainly and lists the closest passages', async () => {
    const { server, bot } = await startHarness();
    bot.answer = (question) => abstained(question);
    const reply = await server.replyTo(server.command('ask', { question: 'Will it rain?' }));
    const embed = reply.body.embeds?.[0];
    expect(embed?.title).toBe("The articles don't answer this");
    expect(embed?.description).toContain('Closest passages');
    expect(embed?.fields?.[0]?.value).toContain('not the weather');
  });

  test('GIVEN a click on Sources THEN shows the full passages only to the one who clicked', async () => {
    const { server, bot } = await startHarness();
    const long = 'Every word of this passage matters to the story. '.repeat(12).trim();
    bot.answer = (question) => answered(question, { citations: [citation(1, { text: long })] });
    const interaction = server.command('ask', { question: 'What happened?' });
    const answer = await server.replyTo(interaction);
    expect(answer.body.embeds?.[0]?.fields?.[0]?.value.endsWith('…”')).toBe(true);

    const click = server.click(`ask:sources:${interaction.id}`, answer.message.id);
    const sources = await server.replyTo(click);
    expect(sources.ephemeral).toBe(true);
    expect(sources.body.embeds?.[0]?.description).toContain(`> ${long}`);
  });

  test('GIVEN a Sources click on an answer no longer remembered THEN apologises ephemerally', async () => {
    const { server } = await startHarness();
    const answer = await server.replyTo(server.command('ask', { question: 'Q?' }));
    const reply = await server.replyTo(server.click('ask:sources:1234567890123456789', answer.message.id));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toMatch(/no longer in my memory/);
  });

  test('GIVEN "@everyone" in a question THEN the reply shows it but pings nobody', async () => {
    const { server } = await startHarness();
    const reply = await server.replyTo(
      server.command('ask', { question: '@everyone who resigned? <@&123>' }),
    );
    expect(reply.body.embeds?.[0]?.title).toContain('@everyone');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('GIVEN an answer too long for one message THEN it is split into follow-ups, each within the limits', async () => {
    const { server, bot } = await startHarness();
    const citations = Array.from({ length: 30 }, (_, index) =>
      citation(index + 1, { text: 'A passage of some length. '.repeat(20) }),
    );
    bot.answer = (question) => answered(question, { answer: 'This is a sentence. '.repeat(600), citations });
    const interaction = server.command('ask', { question: 'Tell me everything' });
    // The Sources button goes on the last message, so its arrival means the answer is complete.
    await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body).includes('ask:sources'),
    );
    const replies = server.repliesTo(interaction);

    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      expect(reply.request.status).toBeLessThan(300);
      expect(messageBodyViolation(reply.body)).toBeUndefined();
      expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(reply.ephemeral).toBe(false);
    }
    const fields = replies.flatMap(
      (reply) => reply.body.embeds?.flatMap((embed) => embed.fields ?? []) ?? [],
    );
    expect(fields).toHaveLength(30);
    expect(replies.at(-1)?.body.components).toHaveLength(1);
    expect(replies[0]?.body.components).toEqual([]);
  });

  test('GIVEN a second question within the cooldown THEN asks the user to wait, ephemerally', async () => {
    const { server, bot } = await startHarness({ config: { cooldownMs: 60_000 } });
    const asker = server.command('ask', { question: 'First?' });
    await server.replyTo(asker);
    const again = await server.replyTo(server.command('ask', { question: 'Second?' }, { user: asker.user }));
    expect(again.ephemeral).toBe(true);
    expect(again.body.content).toMatch(/please wait 60 s/);
    expect(bot.calls.ask).toHaveLength(1);

    const other = await server.replyTo(server.command('ask', { question: 'Someone else?' }));
    expect(other.ephemeral).toBe(false);
  });

  test('GIVEN a slow answer THEN acknowledges at once and edits the answer in', async () => {
    const { server, bot } = await startHarness({ tuning: { deferAfterMs: 20 } });
    bot.answer = async (question) => {
      await sleep(150);
      return answered(question);
    };
    const interaction = server.command('ask', { question: 'Slow?' });
    const deferral = await server.waitForRequest((request) => request.path.includes(interaction.token));
    expect(deferral.body).toEqual({ type: CallbackType.DeferredChannelMessage, data: { flags: 0 } });
    const reply = await server.replyTo(interaction);
    expect(reply.request.method).toBe('PATCH');
    expect(reply.request.path).toBe(
      `/webhooks/${server.applicationId}/${interaction.token}/messages/@original`,
    );
    expect(reply.body.embeds?.[0]?.title).toBe('Slow?');
  });

  test('GIVEN more questions than may run at once THEN the waiting are told their place in line, then answered', async () => {
    const { server, bot } = await startHarness({ config: { maxInFlight: 1 }, tuning: { deferAfterMs: 20 } });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    bot.answer = async (question) => {
      await gate;
      return answered(question);
    };
    const interactions = ['One?', 'Two?', 'Three?'].map((question) => server.command('ask', { question }));
    const third = interactions[2]!;
    const notice = await server.waitForRequest(
      (request) => request.method === 'PATCH' && request.path.includes(third.token),
    );
    expect((notice.body as { content: string }).content).toBe(
      "You're number 2 in line — your answer is on its way.",
    );
    release();
    for (const interaction of interactions) {
      const answer = await server.waitForRequest(
        (request) => request.path.includes(interaction.token) && hasEmbeds(request.body),
      );
      expect(answer.status).toBeLessThan(300);
    }
    expect(bot.calls.ask.map((call) => call.question)).toEqual(['One?', 'Two?', 'Three?']);
  });

  test('GIVEN a question the bot refuses THEN shows its reason ephemerally', async () => {
    const { server, bot } = await startHarness();
    bot.answer = () => {
      throw new InputError('Questions are limited to 500 characters.');
    };
    const reply = await server.replyTo(server.command('ask', { question: 'x'.repeat(600) }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe('Questions are limited to 500 characters.');
  });

  test('GIVEN a handler that throws THEN a short ephemeral message, details in the log, and the bot keeps answering', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    bot.answer = () => {
      throw new Error('index file /var/lib/secret.bin is corrupt');
    };
    const reply = await server.replyTo(server.command('ask', { question: 'Break?' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe(GENERIC_FAILURE);
    const failure = harness.logs.find((line) => line['msg'] === 'interaction failed');
    expect(failure?.['error']).toMatchObject({ message: 'index file /var/lib/secret.bin is corrupt' });
    expect(harness.logText()).not.toContain(server.token);
    expect(harness.logText()).not.toContain(reply.request.path.split('/')[3]);

    bot.answer = (question) => answered(question);
    const next = await server.replyTo(server.command('ask', { question: 'Still there?' }));
    expect(next.body.embeds?.[0]?.title).toBe('Still there?');
  });

  test('GIVEN a failure after deferring THEN the public placeholder is removed and the error shown ephemerally', async () => {
    const { server, bot } = await startHarness({ tuning: { deferAfterMs: 20 } });
    bot.answer = async () => {
      await sleep(100);
      throw new Error('late failure');
    };
    const interaction = server.command('ask', { question: 'Late?' });
    const deleted = await server.waitForRequest(
      (request) => request.method === 'DELETE' && request.path.includes(interaction.token),
    );
    expect(deleted.path).toMatch(/messages\/@original$/);
    const notice = await server.replyTo(interaction);
    expect(notice.request.method).toBe('POST');
    expect(notice.ephemeral).toBe(true);
    expect(notice.body.content).toBe(GENERIC_FAILURE);
  });
});

function hasEmbeds(body: unknown): boolean {
  const embeds = (body as { embeds?: unknown[]; data?: { embeds?: unknown[] } } | undefined) ?? {};
  return (embeds.embeds ?? embeds.data?.embeds ?? []).length > 0;
}
