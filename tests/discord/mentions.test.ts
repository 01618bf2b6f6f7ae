import { describe, expect, test } from 'vitest';
import { useDiscordHarness, type DiscordHarness } from '../support/discordHarness.js';
import { INTENT_MESSAGE_CONTENT, userData, type MessageData } from '../support/discordServer.js';
import { answered } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

function mention(harness: DiscordHarness, text: string): string {
  return `<@${harness.server.botUser.id}> ${text}`;
}

/** A mention in #general, answered in the thread the bot opens on it. */
async function askInThread(
  harness: DiscordHarness,
  question: string,
): Promise<{ threadId: string; answer: MessageData }> {
  const { server } = harness;
  const message = server.sendMessage({ content: mention(harness, question), mentionBot: true });
  const opened = await server.waitForRequest((request) =>
    request.path.endsWith(`/messages/${message.id}/threads`),
  );
  expect(opened.status).toBe(200);
  const answer = await server.messageIn(message.id);
  return { threadId: message.id, answer };
}

describe('mentions', () => {
  test('GIVEN a mention with a question THEN opens a thread on the message and answers there', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    const { threadId, answer } = await askInThread(harness, 'Who resigned?');

    const opened = server.requests.find((request) => request.path.endsWith('/threads'));
    expect(opened?.path).toBe(`/channels/${server.general.id}/messages/${threadId}/threads`);
    expect(opened?.body).toMatchObject({ name: 'Who resigned?' });
    expect(answer.embeds[0]?.title).toBe('Who resigned?');
    expect(answer.components[0]?.components?.map((button) => button.custom_id)).toEqual([
      `ask:sources:${threadId}`,
      `ask:rate:up:${threadId}`,
      `ask:rate:down:${threadId}`,
    ]);
    expect(bot.calls.ask).toEqual([
      { question: 'Who resigned?', options: { guild: server.guildId, recordUnanswered: true } },
    ]);
  });

  test('GIVEN a follow-up mention in the thread THEN it is asked with the earlier turn as history', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    const { threadId } = await askInThread(harness, 'Who resigned?');

    server.sendMessage({
      content: mention(harness, 'and when did that happen?'),
      mentionBot: true,
      channelId: threadId,
    });
    await server.messageIn(threadId, (message) => message.embeds[0]?.title === 'and when did that happen?');

    expect(bot.calls.ask[1]?.question).toBe('and when did that happen?');
    expect(bot.calls.ask[1]?.options?.history).toEqual([
      { question: 'Who resigned?', answer: answered('Who resigned?') },
    ]);
    expect(server.requests.filter((request) => request.path.endsWith('/threads'))).toHaveLength(1);
  });

  test('GIVEN Message Content off THEN a follow-up without a mention is not seen, one with a mention is', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    expect(server.identifies[0]?.intents).toBe(1 | 512);
    const { threadId } = await askInThread(harness, 'Who resigned?');

    server.sendMessage({ content: 'who appointed her?', channelId: threadId });
    server.sendMessage({
      content: mention(harness, 'who replaced her?'),
      mentionBot: true,
      channelId: threadId,
    });
    await server.messageIn(threadId, (message) => message.embeds[0]?.title === 'who replaced her?');

    expect(bot.calls.ask.map((call) => call.question)).toEqual(['Who resigned?', 'who replaced her?']);
  });

  test('GIVEN Message Content on THEN a follow-up in the thread needs no mention', async () => {
    const harness = await startHarness({ config: { messageContentIntent: true } });
    const { server, bot } = harness;
    expect((server.identifies[0]?.intents ?? 0) & INTENT_MESSAGE_CONTENT).toBe(INTENT_MESSAGE_CONTENT);
    const { threadId } = await askInThread(harness, 'Who resigned?');

    server.sendMessage({ content: 'who appointed her?', channelId: threadId });
    await server.messageIn(threadId, (message) => message.embeds[0]?.title === 'who appointed her?');
    expect(bot.calls.ask[1]?.options?.history).toHaveLength(1);

    server.sendMessage({ content: 'just chatting in general' });
    const topic = server.sendMessage({ content: mention(harness, 'new topic?'), mentionBot: true });
    await server.messageIn(topic.id);
    expect(bot.calls.ask.map((call) => call.question)).toEqual([
      'Who resigned?',
      'who appointed her?',
      'new topic?',
    ]);
  });

  test("GIVEN Message Content on and a member's own thread THEN only messages mentioning the bot are answered", async () => {
    const harness = await startHarness({ config: { messageContentIntent: true } });
    const { server, bot } = harness;
    const member = userData('member');
    const thread = server.openThread(member.id);
    server.sendMessage({
      content: mention(harness, 'Who resigned?'),
      mentionBot: true,
      channelId: thread.id,
      author: member,
    });
    await server.messageIn(thread.id);

    server.sendMessage({
      content: 'thanks, and now back to our plans',
      channelId: thread.id,
      author: member,
    });
    server.sendMessage({
      content: mention(harness, 'who replaced her?'),
      mentionBot: true,
      channelId: thread.id,
    });
    await server.messageIn(thread.id, (message) => message.embeds[0]?.title === 'who replaced her?');

    expect(bot.calls.ask.map((call) => call.question)).toEqual(['Who resigned?', 'who replaced her?']);
    expect(bot.calls.ask[1]?.options?.history).toHaveLength(1);
    expect(server.requests.some((request) => request.path.endsWith('/threads'))).toBe(false);
  });

  test('GIVEN a channel where threads are not allowed THEN replies to the message instead', async () => {
    const harness = await startHarness();
    const { server } = harness;
    const message = server.sendMessage({
      content: mention(harness, 'Who resigned?'),
      mentionBot: true,
      channelId: server.noThreads.id,
    });
    const reply = await server.messageIn(server.noThreads.id);
    expect(reply.message_reference?.message_id).toBe(message.id);
    expect(reply.embeds[0]?.title).toBe('Who resigned?');
    const refused = server.requests.find((request) => request.path.endsWith('/threads'));
    expect(refused?.status).toBe(403);
  });

  test('GIVEN "@everyone" in a mentioned question THEN the answer pings nobody', async () => {
    const harness = await startHarness();
    const { server } = harness;
    const { threadId } = await askInThread(harness, '@everyone who resigned?');
    const request = server.requests.find((candidate) => candidate.path === `/channels/${threadId}/messages`);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  });

  test('GIVEN a mention without a question THEN explains how to ask', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    server.sendMessage({ content: `<@${server.botUser.id}>`, mentionBot: true });
    const hint = await server.messageIn(server.general.id);
    expect(hint.content).toMatch(/Ask me a question after the mention/);
    expect(bot.calls.ask).toEqual([]);
  });

  test('GIVEN a click on Sources under a thread answer THEN shows the passages ephemerally', async () => {
    const harness = await startHarness();
    const { server } = harness;
    const { threadId, answer } = await askInThread(harness, 'Who resigned?');
    const click = server.click(`ask:sources:${threadId}`, answer.id, { channelId: threadId });
    const sources = await server.replyTo(click);
    expect(sources.ephemeral).toBe(true);
    expect(sources.body.embeds?.[0]?.title).toBe('Sources');
  });

  test('GIVEN answering a mention fails THEN the thread gets a short notice without internals', async () => {
    const harness = await startHarness();
    const { server, bot } = harness;
    bot.answer = () => {
      throw new Error('ECONNREFUSED 10.0.0.7:5432');
    };
    const message = server.sendMessage({ content: mention(harness, 'Break?'), mentionBot: true });
    const notice = await server.messageIn(message.id);
    expect(notice.content).toMatch(/^Sorry, something went wrong/);
    expect(notice.content).not.toContain('ECONNREFUSED');
    expect(harness.logs.some((line) => line['msg'] === 'mention failed')).toBe(true);
  });

  test('GIVEN a second mention within the cooldown THEN asks the user to wait', async () => {
    const harness = await startHarness({ config: { cooldownMs: 30_000 } });
    const { server, bot } = harness;
    const { threadId } = await askInThread(harness, 'Who resigned?');
    const author = server.message(threadId)?.author;
    server.sendMessage({
      content: mention(harness, 'again?'),
      mentionBot: true,
      channelId: threadId,
      ...(author === undefined ? {} : { author }),
    });
    const wait = await server.messageIn(threadId, (message) => message.content.includes('please wait'));
    expect(wait.message_reference).toBeDefined();
    expect(bot.calls.ask).toHaveLength(1);
  });
});
