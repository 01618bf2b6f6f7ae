import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { scanCorpus } from '../../src/indexing/corpusScan.js';
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

  it('GIVEN a missing corpus folder THEN it fails with an error that names the folder', async () => {
    await expect(scanCorpus('/nonexistent/corpus', new Map())).rejects.toThrow(
      'Corpus folder not found: /nonexistent/corpus',
    );
  });
});
