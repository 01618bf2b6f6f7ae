// kill -9 of the reindexing process at several points: the index in use must survive every one of them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildCheckpoint } from '../../src/index/build.js';
import { loadCurrentGeneration } from '../../src/index/index.js';
import { runBuildInChildProcess } from '../../src/index/buildWorker.js';
import { FAULT_READY_FILE_VARIABLE, FAULT_VARIABLE } from '../../src/index/faults.js';
import { createBotFixture } from '../support/articleBotFixture.js';
import { syntheticFiles, waitForFile, workspaces, storeOf } from '../index/support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

const POINTS: BuildCheckpoint[] = ['embedding', 'writing', 'before-swap'];

describe.each(POINTS)('kill -9 of the build process while %s', (point) => {
  it(`GIVEN an index WHEN the reindex process is killed with SIGKILL at "${point}" THEN the last good index serves unchanged AND the next reindex completes`, async () => {
    const space = await spaces.create(12);
    await space.build();
    const before = await space.currentName();
    await space.write(syntheticFiles(2, 3, 1));
    await space.write(syntheticFiles(1, 40));
    const readyFile = path.join(space.root, 'fault-ready');
    const request = {
      corpusDirectory: space.corpus,
      indexDirectory: space.index,
      embedder: space.spec,
    };

    const interrupted = runBuildInChildProcess(request, {
      environment: { [FAULT_VARIABLE]: point, [FAULT_READY_FILE_VARIABLE]: readyFile },
    });
    process.kill(Number(await waitForFile(readyFile)), 'SIGKILL');

    await expect(interrupted).rejects.toThrow(
      'the build process was killed (SIGKILL) before it finished; the previous index stays in use',
    );
    // What the next start opens: the last good generation, every checksum intact, none of the new content.
    expect(await space.currentName()).toBe(before);
    const served = await loadCurrentGeneration(space.index);
    expect(storeOf(served).articles).toHaveLength(12);
    expect(
      storeOf(served)
        .articles.map((article) => article.text)
        .join('\n'),
    ).not.toContain('Revision 1');
    if (point === 'writing') {
      expect(await readdir(path.join(space.index, 'staging'))).toHaveLength(1);
    }

    // The dead process's lock and half-written files do not get in the way of the next reindex.
    const report = await space.build();
    expect(report.rebuilt).toBe(true);
    expect(report.articles).toMatchObject({
      changed: ['synthetic-00003', 'synthetic-00004'],
      added: ['synthetic-00040'],
    });
    if (point === 'writing')
      expect(report.warnings).toEqual([expect.stringMatching(/removed 1 half-written/)]);
    const rebuilt = await loadCurrentGeneration(space.index);
    expect(storeOf(rebuilt).articles).toHaveLength(13);
    expect(await readdir(path.join(space.index, 'staging'))).toEqual([]);
    expect((await readdir(path.join(space.index, 'generations'))).sort()).toEqual(
      [before, await space.currentName()].sort(),
    );
  }, 60_000);
});

describe('kill -9 of the running bot’s build process', () => {
  it('GIVEN a bot serving WHEN its reindex process is killed before the swap THEN the reindex fails with the reason, answers continue from the old index, and the next reindex swaps in the new one', async () => {
    const fixture = await createBotFixture(syntheticFiles(10));
    const readyFile = path.join(fixture.directory, 'fault-ready');
    try {
      await fixture.bot.ask('What did officials say about the budget?');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        path.join(fixture.config.corpusDir, 'synthetic-00002.md'),
        syntheticFiles(1, 2, 1)['synthetic-00002.md'] ?? '',
      );

      process.env[FAULT_VARIABLE] = 'before-swap';
      process.env[FAULT_READY_FILE_VARIABLE] = readyFile;
      const reindex = fixture.bot.reindex({ requestedBy: 'fault-test' });
      const pid = Number(await waitForFile(readyFile));
      delete process.env[FAULT_VARIABLE];
      delete process.env[FAULT_READY_FILE_VARIABLE];
      // Parked just before the swap: the bot still answers, from the old generation.
      const during = await fixture.bot.ask('What did the report misstate?');
      expect(during.citations.every((citation) => !citation.text.includes('Revision 1'))).toBe(true);
      process.kill(pid, 'SIGKILL');
      await expect(reindex).rejects.toThrow('killed (SIGKILL)');

      const report = await fixture.bot.reindex({ requestedBy: 'fault-test' });
      expect(report).toMatchObject({ rebuilt: true, articles: { changed: ['synthetic-00002'] } });
      const after = await fixture.bot.ask('What did the report misstate?', { article: 'synthetic-00002' });
      expect(after.citations.map((citation) => citation.text).join(' ')).toContain('Revision 1');
    } finally {
      delete process.env[FAULT_VARIABLE];
      delete process.env[FAULT_READY_FILE_VARIABLE];
      await fixture.cleanup();
    }
  }, 120_000);
});
