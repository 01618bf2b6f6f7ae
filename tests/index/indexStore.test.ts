import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCurrentGeneration, readCurrentManifest } from '../../src/index/indexStore.js';
import { HnswVectorIndex } from '../../src/index/hnswIndex.js';
import { SCHEMA_VERSION } from '../../src/index/manifest.js';
import { LayeredVectorIndex } from '../../src/indexing/layeredVectorIndex.js';
import { editManifest, generationPath, workspaces } from '../indexing/support.js';

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

describe('LayeredVectorIndex', () => {
  const unit = (degrees: number): number[] => [
    Math.cos((degrees * Math.PI) / 180),
    Math.sin((degrees * Math.PI) / 180),
  ];

  function layered(): LayeredVectorIndex {
    const base = HnswVectorIndex.create(2, 8);
    base.add(unit(0), 100);
    base.add(unit(90), 101);
    base.add(unit(45), 102);
    base.remove(102);
    const delta = { labels: [200, 201], vectors: Float32Array.from([...unit(10), ...unit(170)]) };
    // Rows are the store's order, whatever labels the points carry on disk.
    return new LayeredVectorIndex(
      2,
      base,
      delta,
      new Map([
        [100, 0],
        [101, 1],
        [200, 2],
        [201, 3],
      ]),
    );
  }

  it('GIVEN a graph and a delta layer THEN search merges both by similarity and answers in rows', () => {
    const index = layered();
    expect(index.size).toBe(4);
    expect(index.search(unit(5), 4).map((hit) => hit.label)).toEqual([0, 2, 1, 3]);
    expect(index.search(unit(5), 1)[0]?.similarity).toBeCloseTo(Math.cos((5 * Math.PI) / 180), 5);
  });

  it('GIVEN a filter on rows THEN only accepted rows come back, from either layer', () => {
    const index = layered();
    expect(index.search(unit(5), 4, (row) => row % 2 === 1).map((hit) => hit.label)).toEqual([1, 3]);
  });

  it('GIVEN a removed row THEN it is never returned and no longer counted; add refuses', () => {
    const index = layered();
    index.remove(2);
    index.remove(0);
    expect(index.size).toBe(2);
    expect(index.search(unit(5), 4).map((hit) => hit.label)).toEqual([1, 3]);
    expect(() => index.add()).toThrow('immutable');
  });
});
