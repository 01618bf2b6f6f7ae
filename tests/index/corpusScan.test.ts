import { stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { scanCorpus, type FileIdentity, type KnownFile } from '../../src/index/corpusScan.js';
import { temporaryFolders, writeFiles } from '../support/fixtures.js';
import { syntheticFiles } from './support.js';

const folders = temporaryFolders();
afterEach(folders.removeAll);

describe('scanCorpus', () => {
  it('GIVEN a mixed corpus and nothing known THEN it finds what loadCorpus finds, skip reasons included', async () => {
    const corpus = await writeFiles(await folders.create(), {
      ...syntheticFiles(3),
      'README.md': '# About this corpus',
      'notes.json': '{}',
      'empty.md': '',
      'binary.txt': new Uint8Array([1, 0, 2]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'synthetic-00001.txt': 'Same id as synthetic-00001.md.',
    });
    const loaded = await loadCorpus(corpus);
    const scanned = await scanCorpus(corpus, new Map());
    expect(scanned.articles.map((article) => (article.unchanged ? undefined : article.article))).toEqual(
      loaded.articles,
    );
    expect(scanned.skipped).toEqual(loaded.skipped);
  });

  it('GIVEN files the previous index holds with the same bytes THEN they are not parsed again', async () => {
    const corpus = await writeFiles(await folders.create(), syntheticFiles(2));
    const first = await scanCorpus(corpus, new Map());
    const known = new Map(
      first.articles.map((article) => [
        article.file,
        { contentHash: article.contentHash, articleId: article.id },
      ]),
    );
    await writeFiles(corpus, syntheticFiles(1, 1, 1));
    const second = await scanCorpus(corpus, known);
    expect(second.articles.map((article) => [article.id, article.unchanged])).toEqual([
      ['synthetic-00000', true],
      ['synthetic-00001', false],
    ]);
  });

  it('GIVEN a file whose size, times and inode are as recorded long before the last scan THEN it is not read again', async () => {
    const corpus = await writeFiles(await folders.create(), syntheticFiles(1));
    const name = 'synthetic-00000.md';
    const recorded = (await scanCorpus(corpus, new Map())).identities[name];
    // A hash the file does not have: if the scan read the file, it would report the real one.
    const known = knownAs(name, recorded, 'f'.repeat(64));
    const scanned = await scanCorpus(corpus, known, { previousScanStartedAt: Date.now() + 60_000 });
    expect(scanned.articles[0]).toMatchObject({ contentHash: 'f'.repeat(64), unchanged: true });
  });

  it('GIVEN a file rewritten at the same size with its modification time put back THEN the change is still seen', async () => {
    const corpus = await writeFiles(await folders.create(), syntheticFiles(1));
    const name = 'synthetic-00000.md';
    const file = path.join(corpus, name);
    const first = await scanCorpus(corpus, new Map());
    const before = await stat(file);
    const original = first.articles[0];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const content = syntheticFiles(1)[name] ?? '';
    await writeFile(file, content.replace('Synthetic Wire', 'Synthetic Wyre'));
    await utimes(file, before.atime, before.mtime);

    const known = knownAs(name, first.identities[name], original?.contentHash ?? '');
    const second = await scanCorpus(corpus, known, { previousScanStartedAt: Date.now() + 60_000 });

    expect((await stat(file)).size).toBe(before.size);
    expect(second.articles[0]).toMatchObject({ unchanged: false });
    expect(second.articles[0]?.contentHash).not.toBe(original?.contentHash);
  });

  it('GIVEN a file changed just before the last scan THEN it is read again even when its identity matches', async () => {
    const corpus = await writeFiles(await folders.create(), syntheticFiles(1));
    const name = 'synthetic-00000.md';
    const first = await scanCorpus(corpus, new Map());
    const known = knownAs(name, first.identities[name], 'f'.repeat(64));
    const second = await scanCorpus(corpus, known, { previousScanStartedAt: first.startedAt });
    expect(second.articles[0]?.contentHash).toBe(first.articles[0]?.contentHash);
  });

  it('GIVEN a missing corpus folder THEN it fails with an error that names the folder', async () => {
    await expect(scanCorpus('/nonexistent/corpus', new Map())).rejects.toThrow(
      'Corpus folder not found: /nonexistent/corpus',
    );
  });
});

function knownAs(
  name: string,
  identity: FileIdentity | undefined,
  contentHash: string,
): Map<string, KnownFile> {
  return new Map([
    [name, { contentHash, articleId: path.basename(name, '.md'), ...(identity ? { identity } : {}) }],
  ]);
}
