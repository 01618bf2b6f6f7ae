// A write that fails (read-only or full index folder): the old index stays and the error says why. Tests run as
// root, which chmod does not stop, so the failures are real ones caused differently: a file where a folder must
// go, a folder where a file must go, and a build process failing as a full disk does (ENOSPC).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCurrentGeneration } from '../../src/index/index.js';
import { IndexWriteError } from '../../src/index/manifest.js';
import { FAULT_VARIABLE, faultCheckpoint } from '../../src/index/faults.js';
import { createBotFixture } from '../support/articleBotFixture.js';
import { syntheticFiles, workspaces, storeOf } from '../index/support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

/** Puts a file where the builder needs a folder: as root, the one obstacle permissions cannot provide. */
async function blockWithFile(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await writeFile(folder, 'not a folder');
}

describe('a write that fails', () => {
  it('GIVEN an index WHEN the folder for new generations cannot be created THEN the reindex fails naming the path, and the old index serves', async () => {
    const space = await spaces.create(4);
    await space.build();
    const before = await space.currentName();
    await blockWithFile(path.join(space.index, 'staging'));
    await space.write(syntheticFiles(1, 9));

    const failure = space.build();

    await expect(failure).rejects.toBeInstanceOf(IndexWriteError);
    await expect(failure).rejects.toThrow(
      `could not create the new index in ${path.join(space.index, 'staging')}: a file is in the way where a folder must be`,
    );
    expect(await space.currentName()).toBe(before);
    expect(storeOf(await loadCurrentGeneration(space.index)).articles).toHaveLength(4);
    await rm(path.join(space.index, 'staging'));
    await expect(space.build()).resolves.toMatchObject({
      rebuilt: true,
      articles: { added: ['synthetic-00009'] },
    });
  });

  it('GIVEN an index folder path that is a file THEN the build fails with a clear error and writes nothing', async () => {
    const space = await spaces.create(2);
    await writeFile(space.index, 'a file where the index folder should be');
    await expect(space.build()).rejects.toThrow(
      `could not create the index folder ${space.index}: a file is in the way where a folder must be`,
    );
  });

  it('GIVEN an index WHEN the disk fills up while the new generation is written THEN the error says so, nothing half-written stays, and the old index serves', async () => {
    const space = await spaces.create(4);
    await space.build();
    const before = await space.currentName();
    await space.write(syntheticFiles(1, 1, 1));

    // The checkpoint a build process takes from ARTICLE_BOT_FAULT, used here in-process.
    const checkpoint = faultCheckpoint({ [FAULT_VARIABLE]: 'fail:writing' });
    const failure = space.build(checkpoint ? { checkpoint } : {});

    await expect(failure).rejects.toBeInstanceOf(IndexWriteError);
    await expect(failure).rejects.toThrow(/^could not write the new index in .+: the disk is full \(ENOSPC/);
    expect(await space.currentName()).toBe(before);
    expect(await readdir(path.join(space.index, 'staging'))).toEqual([]);
    expect(storeOf(await loadCurrentGeneration(space.index)).articles).toHaveLength(4);
  });

  it('GIVEN an index WHEN the CURRENT pointer cannot be replaced THEN the reindex fails, the old generation stays current, and the next reindex completes', async () => {
    const space = await spaces.create(4);
    await space.build();
    const before = await space.currentName();
    const blocker = path.join(space.index, `CURRENT.${process.pid}.tmp`);
    await mkdir(blocker);
    await space.write(syntheticFiles(1, 2, 1));

    await expect(space.build()).rejects.toThrow(/^could not switch the index pointer .+CURRENT: EISDIR/);

    expect(await space.currentName()).toBe(before);
    expect(storeOf(await loadCurrentGeneration(space.index)).articles[2]?.text).not.toContain('Revision 1');
    await rm(blocker, { recursive: true });
    await expect(space.build()).resolves.toMatchObject({
      rebuilt: true,
      articles: { changed: ['synthetic-00002'] },
    });
    expect(await readdir(path.join(space.index, 'generations'))).toHaveLength(2);
  });

  it('GIVEN a serving bot WHEN its reindex cannot write THEN the reindex rejects with the reason and answers continue from the old index', async () => {
    const fixture = await createBotFixture(syntheticFiles(6));
    try {
      await blockWithFile(path.join(fixture.config.indexDir, 'staging'));
      await writeFile(
        path.join(fixture.config.corpusDir, 'synthetic-00003.md'),
        syntheticFiles(1, 3, 1)['synthetic-00003.md'] ?? '',
      );

      await expect(fixture.bot.reindex({ requestedBy: 'fault-test' })).rejects.toThrow(
        'a file is in the way',
      );

      const answer = await fixture.bot.ask('What did the report misstate?', { article: 'synthetic-00003' });
      expect(answer.citations.map((citation) => citation.text).join(' ')).not.toContain('Revision 1');
      expect(fixture.bot.sources()).toHaveLength(6);
    } finally {
      await fixture.cleanup();
    }
  }, 120_000);
});
