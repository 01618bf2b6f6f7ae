import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { useDiscordHarness } from '../support/discordHarness.js';
import { CallbackType } from '../support/discordServer.js';
import { answered } from '../support/fakeArticleBot.js';

const startHarness = useDiscordHarness();

describe('/ask with a language model', () => {
  test('GIVEN a model that streams THEN the reply says it is writing, shows drafts at most once an interval, and ends on the verified answer with the model named', async () => {
    const { server, bot } = await startHarness({ tuning: { progressIntervalMs: 100 } });
    bot.answer = async (question, options) => {
      options?.onProgress?.({ stage: 'writing', model: 'fake-model' });
      for (let word = 1; word <= 12; word++) {
        await sleep(25);
        options?.onProgress?.({ stage: 'draft', text: `draft ${'word '.repeat(word)}` });
      }
      return answered(question, { mode: 'generated', model: 'fake-model' });
    };
    const started = Date.now();
    const interaction = server.command('ask', { question: 'Who resigned?' });
    const deferral = await server.waitForRequest((request) => request.path.includes(interaction.token));
    expect(deferral.body).toMatchObject({ type: CallbackType.DeferredChannelMessage });
    const final = await server.waitForRequest(
      (request) =>
        request.method === 'PATCH' && (request.body as { embeds?: unknown[] }).embeds?.length === 1,
    );
    const elapsed = Date.now() - started;
    const edits = server.requests.filter(
      (request) =>
        request.method === 'PATCH' && request.path.endsWith(`${interaction.token}/messages/@original`),
    );
    const contents = edits.map((edit) => (edit.body as { content?: string }).content ?? '');
    expect(contents[0]).toBe('✍️ Writing an answer with fake-model…');
    const drafts = contents.filter((content) => content.includes('draft word'));
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    // Twelve drafts in ~300 ms, shown at most once per 100 ms after the first notice.
    expect(drafts.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(drafts.every((draft) => draft.includes('Not yet checked'))).toBe(true);
    const shown = edits.slice(0, -1).map((edit) => edit.at);
    shown.slice(1).forEach((at, index) => expect(at - (shown[index] ?? 0)).toBeGreaterThanOrEqual(80));
    expect(edits.at(-1)).toBe(final);
    const body = final.body as { content?: string; embeds?: { footer?: { text?: string } }[] };
    expect(body.content).toBe('');
    expect(body.embeds?.[0]?.footer?.text).toContain(
      'Written by fake-model; every quote checked against the articles',
    );
    expect(bot.calls.ask[0]?.options?.guild).toBe(server.guildId);
  });

  test('GIVEN an extractive answer THEN the footer says it is quoted from the articles', async () => {
    const { server, bot } = await startHarness();
    bot.answer = (question) => answered(question, { mode: 'extractive', model: null });
    const reply = await server.replyTo(server.command('ask', { question: 'Who resigned?' }));
    expect(reply.body.embeds?.[0]?.footer?.text).toBe(
      '2 citations · Quoted from the articles · Press Sources for the full passages.',
    );
    expect(reply.body.content).toBeUndefined();
  });
});
