import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCurrentGeneration, readCurrentManifest } from '../../src/index/index.js';
import { SCHEMA_VERSION } from '../../src/index/manifest.js';
import { editManifest, generationPath, workspaces } from './support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

describe('index store: loading checks every file before use', () => {
  it('GIVEN no index THEN loading says so in one line', async () => {
    const space = await spaces.create(1);
    await expect(loadCurrentGeneration(space.index)).rejects.toThrow(/^no index in .+ yet$/);
    expect(await readCurrentManifest(space.index)).toBeUndefined();
  });

  it('GIVEN a manifest whose checksums do not list every file THEN loading refuses it', async () => {
    const space = await spaces.create(2);
    await space.build();
    await editManifest(generationPath(space, await space.currentName(), 'manifest.json'), (manifest) => {
      delete manifest.checksums['extras.json'];
      return manifest;
    });
    await expect(loadCurrentGeneration(space.index)).rejects.toThrow(
      'manifest checksums do not cover exactly',
    );
  });

  it('GIVEN an index of schema version 1 THEN loading names both versions', async () => {
    const space = await spaces.create(2);
    await space.build();
    const file = generationPath(space, await space.currentName(), 'manifest.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), schemaVersion: 1 }));
    await expect(loadCurrentGeneration(space.index)).rejects.toThrow(
      `index schema version 1, expected ${SCHEMA_VERSION}`,
    );
  });

  it('GIVEN CURRENT naming a generation that is gone THEN loading says which file is missing', async () => {
    const space = await spaces.create(2);
    await space.build();
    await writeFile(path.join(space.index, 'CURRENT'), 'no-such-generation\n');
    await expect(loadCurrentGeneration(space.index)).rejects.toThrow('index file manifest.json is missing');
  });
});
