import { describe, expect, test } from 'vitest';
import { commandData } from '../../src/discord/index.js';
import { useDiscordHarness } from '../support/discordHarness.js';
import { CallbackType, PERMISSIONS } from '../support/discordServer.js';

const startHarness = useDiscordHarness();

describe('/reindex', () => {
  test('GIVEN the command definition THEN Discord shows it only to members with Manage Server', () => {
    const reindex = commandData.find((command) => command.name === 'reindex');
    expect(reindex?.default_member_permissions).toBe(PERMISSIONS.manageGuild);
  });

  test('GIVEN a member without Manage Server THEN refuses politely and ephemerally', async () => {
    const { server, bot } = await startHarness();
    const reply = await server.replyTo(server.command('reindex', {}, { permissions: PERMISSIONS.none }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe(
      'Sorry — rebuilding the index is for moderators only (it needs Manage Server).',
    );
    expect(bot.calls.reindex).toEqual([]);
  });

  test('GIVEN a moderator THEN shows progress and then the real outcome', async () => {
    const { server, bot } = await startHarness({ tuning: { progressIntervalMs: 0 } });
    const interaction = server.command('reindex', {}, { permissions: PERMISSIONS.manageGuild });
    const deferral = await server.waitForRequest((request) => request.path.includes(interaction.token));
    expect(deferral.body).toMatchObject({ type: CallbackType.DeferredChannelMessage });
    const report = await server.waitForRequest(
      (request) =>
        request.path.includes(interaction.token) && JSON.stringify(request.body).includes('Index rebuilt'),
    );
    // Edits are latest-only, so which stages show depends on timing; that progress shows does not.
    const progress = server
      .repliesTo(interaction)
      .map((reply) => reply.body.content ?? '')
      .filter((content) => content.startsWith('Reindexing…'));
    expect(progress[0]).toBe('Reindexing… starting. Questions are still answered from the current index.');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatch(/^Reindexing… \w[\w ]+ \(1\/1\)\. Questions are still answered/);

    const body = report.body as { content: string; embeds: Array<{ description: string }> };
    expect(body.content).toBe('');
    expect(body.embeds[0]?.description).toBe(
      'Indexed 3 articles into 42 chunks in 1.2 s.\n1 added · 1 changed · 0 removed · 1 unchanged',
    );
    expect(bot.calls.reindex).toEqual([interaction.user.username]);
  });

  test('GIVEN moderator roles configured THEN Manage Server alone is not enough, the role is', async () => {
    const { server, bot } = await startHarness({
      config: (fake) => ({ moderatorRoleIds: [fake.moderatorRoleId] }),
    });
    const refused = await server.replyTo(
      server.command('reindex', {}, { permissions: PERMISSIONS.manageGuild }),
    );
    expect(refused.ephemeral).toBe(true);
    expect(refused.body.content).toMatch(/Manage Server and a moderator role/);

    const roles = [server.moderatorRoleId];
    const allowed = server.command('reindex', {}, { permissions: PERMISSIONS.manageGuild, roles });
    await server.waitForRequest(
      (request) =>
        request.path.includes(allowed.token) && JSON.stringify(request.body).includes('Index rebuilt'),
    );
    expect(bot.calls.reindex).toHaveLength(1);
  });
});
