import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stem } from '../../src/corpus/tokens.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { buildIndex, loadCurrentGeneration, type LoadedGeneration } from '../../src/index/index.js';
import { Bm25Index, PostingsBm25, type LexicalIndex } from '../../src/retrieval/bm25.js';
import { temporaryFolders } from '../support/fixtures.js';

// One contract for every LexicalIndex: BM25 over documents held in memory, and BM25 over the postings an
// index generation keeps on disk (one short article a document, so document i is chunk row i).

const DOCUMENTS = [
  'The mayor opened the bridge on Monday.',
  'The bridge cost 310 million dollars, the mayor said.',
  'Ferries will stop running in September.',
  'José Jerí spoke to reporters about the port.',
];

const folders = temporaryFolders('article-bot-lexical-');
const generations: LoadedGeneration[] = [];

async function generationIndex(documents: readonly string[]): Promise<LexicalIndex> {
  const root = await folders.create();
  const corpus = path.join(root, 'corpus');
  await mkdir(corpus);
  for (const [position, text] of documents.entries()) {
    const name = `document-${String(position).padStart(2, '0')}.md`;
    await writeFile(path.join(corpus, name), `---\ntitle: Document ${position}\n---\n${text}\n`);
  }
  const indexDirectory = path.join(root, 'index');
  await buildIndex({ corpusDirectory: corpus, indexDirectory, embedder: new HashingEmbeddings(16) });
  const generation = await loadCurrentGeneration(indexDirectory);
  generations.push(generation);
  if (generation.chunks.count !== documents.length) throw new Error('expected one chunk a document');
  return new PostingsBm25(generation.terms);
}

const implementations: { name: string; create: (documents: readonly string[]) => Promise<LexicalIndex> }[] = [
  {
    name: 'Bm25Index (documents in memory)',
    create: (documents) => Promise.resolve(new Bm25Index(documents)),
  },
  { name: 'PostingsBm25 over an index generation', create: generationIndex },
];

afterAll(async () => {
  for (const generation of generations.splice(0)) generation.close();
  await folders.removeAll();
});

describe.each(implementations)('LexicalIndex contract: $name', ({ create }) => {
  let index: LexicalIndex;
  beforeAll(async () => {
    index = await create(DOCUMENTS);
  });

  it('GIVEN a query THEN ranks documents by shared rare terms, best first', () => {
    const hits = index.search('ferries September', 3);
    expect(hits[0]?.index).toBe(2);
    expect(hits).toHaveLength(1);
    expect(index.documentCount).toBe(4);
  });

  it('GIVEN inflected and accented forms THEN matches them to their stems', () => {
    expect(index.search('bridges', 3).map((hit) => hit.index)).toEqual(expect.arrayContaining([0, 1]));
    expect(index.search('jose jeri', 1)[0]?.index).toBe(3);
  });

  it('GIVEN a term in every document THEN it weighs less than a term in one, and an unseen term most', () => {
    expect(index.idf(stem('bridge'))).toBeLessThan(index.idf(stem('ferries')));
    expect(index.idf('unseen')).toBeGreaterThan(index.idf(stem('ferries')));
    expect(index.has(stem('bridge'))).toBe(true);
    expect(index.has('unseen')).toBe(false);
  });

  it('GIVEN a filter THEN returns only accepted documents', () => {
    expect(index.search('mayor bridge', 3, (document) => document !== 0).map((hit) => hit.index)).toEqual([
      1,
    ]);
  });

  it('GIVEN a limit THEN returns at most that many, ties broken by document order', () => {
    const hits = index.search('mayor', 1);
    expect(hits).toHaveLength(1);
    expect(index.search('mayor', 5).map((hit) => hit.index)).toEqual([0, 1]);
  });
});

describe('PostingsBm25 over an index generation', () => {
  it('GIVEN the same documents THEN scores equal the in-memory Bm25Index exactly', async () => {
    const index = await generationIndex(DOCUMENTS);
    const reference = new Bm25Index(DOCUMENTS);
    for (const query of ['mayor bridge', 'ferries running port', 'dollars million']) {
      expect(index.search(query, 4)).toEqual(reference.search(query, 4));
    }
  });
});
