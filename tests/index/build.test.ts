import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import type { ArticleEnricher } from '../../src/index/build.js';
import { loadCurrentGeneration, rollbackGeneration, type LoadedGeneration } from '../../src/index/index.js';
import { textKey } from '../../src/corpus/textKey.js';
import { dot } from '../../src/index/vectorIndex.js';
import { PostingsBm25 } from '../../src/retrieval/bm25.js';
import { syntheticArticle } from '../../scripts/syntheticCorpus.js';
import { seededRandom } from '../support/fixtures.js';
import { generationPath, inode, syntheticFiles, syntheticName, workspaces, storeOf } from './support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

function chunkTexts(generation: LoadedGeneration, articleId?: string): string[] {
  const articles = new Map(storeOf(generation).articles.map((article) => [article.id, article]));
  return storeOf(generation)
    .chunks.filter((chunk) => articleId === undefined || chunk.articleId === articleId)
    .map((chunk) => articles.get(chunk.articleId)?.text.slice(chunk.start, chunk.end) ?? '');
}

/** The exact top `count` rows for `query`, by brute force over re-embedded chunk texts. */
function exactTop(
  generation: LoadedGeneration,
  embedder: HashingEmbeddings,
  query: number[],
  count: number,
): number[] {
  const scored = chunkTexts(generation).map((text, row) => ({
    row,
    similarity: dot(query, embedder.embed(text)),
  }));
  return scored
    .sort((left, right) => right.similarity - left.similarity || left.row - right.row)
    .slice(0, count)
    .map((hit) => hit.row);
}

describe('buildIndex: incremental', () => {
  it('GIVEN no index WHEN built THEN every article is added and embedded, and the generation loads with matching counts', async () => {
    const space = await spaces.create(12);
    const report = await space.build();
    expect(report).toMatchObject({ rebuilt: true, graph: 'rebuilt', embedded: report.chunks });
    expect(report.articles.added).toHaveLength(12);
    expect(report.previousIndexProblem).toMatch(/no index/);
    const generation = await loadCurrentGeneration(space.index);
    expect(storeOf(generation).articles).toHaveLength(12);
    expect(storeOf(generation).chunks).toHaveLength(report.chunks);
    expect(generation.graph.size).toBe(report.chunks);
    storeOf(generation).chunks.forEach((chunk, row) => expect(chunk.label).toBe(row));
  });

  it('GIVEN an index WHEN nothing changed THEN the reindex is a no-op that says so, embeds nothing and keeps the generation', async () => {
    const space = await spaces.create(12);
    await space.build();
    const before = await space.currentName();
    space.embedder.calls.length = 0;
    const report = await space.build();
    expect(report).toMatchObject({ rebuilt: false, graph: 'unchanged', embedded: 0, generation: before });
    expect(report.articles.unchanged).toHaveLength(12);
    expect(space.embedder.calls).toEqual([]);
    expect(await space.currentName()).toBe(before);
  });

  it('GIVEN one changed article WHEN reindexed THEN only its chunks are embedded and the graph and untouched segments are shared', async () => {
    const space = await spaces.create(30);
    await space.build();
    const before = await space.currentName();
    await space.write(syntheticFiles(1, 7, 1));
    space.embedder.calls.length = 0;

    const report = await space.build();

    expect(report.articles).toMatchObject({ added: [], changed: ['synthetic-00007'], removed: [] });
    expect(report.graph).toBe('delta');
    const generation = await loadCurrentGeneration(space.index);
    expect(space.embedder.calls.sort()).toEqual(chunkTexts(generation, 'synthetic-00007').sort());
    expect(report.embedded).toBe(space.embedder.calls.length);
    const after = await space.currentName();
    expect(await inode(generationPath(space, after, 'graph.hnsw'))).toBe(
      await inode(generationPath(space, before, 'graph.hnsw')),
    );
    expect(storeOf(generation).articles.find((article) => article.id === 'synthetic-00007')?.text).toContain(
      'Revision 1',
    );
  });

  it('GIVEN a removed article WHEN reindexed THEN its chunks, vectors and facts are gone', async () => {
    const space = await spaces.create(10);
    const enrich = (articles: readonly Article[]): Record<string, unknown> => ({
      ids: articles.map((article) => article.id),
    });
    await space.build({ enrich });
    const removedTexts = chunkTexts(await loadCurrentGeneration(space.index), 'synthetic-00003');
    await space.remove(syntheticName(3));

    const report = await space.build({ enrich });

    expect(report.articles.removed).toEqual(['synthetic-00003']);
    const generation = await loadCurrentGeneration(space.index);
    expect(storeOf(generation).articles.map((article) => article.id)).not.toContain('synthetic-00003');
    expect(generation.store.extras['ids']).not.toContain('synthetic-00003');
    for (const text of removedTexts) {
      const [best] = generation.graph.search(space.embedder.embed(text), 1);
      expect(chunkTexts(generation)[best?.label ?? -1]).not.toBe(text);
    }
    expect(generation.graph.size).toBe(storeOf(generation).chunks.length);
  });

  it('GIVEN added, changed and removed articles over many builds THEN the store equals a fresh build and search is exact', async () => {
    const space = await spaces.create(40);
    const fresh = await spaces.create(0);
    await space.build();
    const random = seededRandom(5);
    let nextNumber = 40;
    for (let round = 0; round < 6; round++) {
      const names = (await readdir(space.corpus)).sort();
      const victim = names[Math.floor(random() * names.length)] ?? '';
      await space.remove(victim);
      await space.write(syntheticFiles(1, Math.floor(random() * 40), round + 1));
      await space.write(syntheticFiles(1, nextNumber++));
      // A small delta layer forces a merge on the way, so all three graph modes take part.
      const report = await space.build({ graphPolicy: { maxDeltaVectors: 12 } });
      expect(report.rebuilt).toBe(true);
    }
    for (const name of await readdir(space.corpus)) {
      await writeFile(path.join(fresh.corpus, name), await readFile(path.join(space.corpus, name)));
    }
    await fresh.build();
    const incremental = await loadCurrentGeneration(space.index);
    const reference = await loadCurrentGeneration(fresh.index);
    expect(storeOf(incremental).articles).toEqual(storeOf(reference).articles);
    expect(storeOf(incremental).chunks).toEqual(storeOf(reference).chunks);
    for (const query of [
      'harvest prices farmers',
      'election turnout ballots',
      'bridge inspection',
      'Revision 3',
    ]) {
      const vector = space.embedder.embed(query);
      // Compared by similarity: hashed vectors tie often, and a tie at the cut may be broken either way.
      const similarities = (labels: number[]): number[] =>
        labels.map((label) =>
          Number(dot(vector, space.embedder.embed(chunkTexts(incremental)[label] ?? '')).toFixed(4)),
        );
      expect(similarities(incremental.graph.search(vector, 5).map((hit) => hit.label))).toEqual(
        similarities(exactTop(incremental, space.embedder, vector, 5)),
      );
      // Dead chunks still listed in shared segments count nowhere: BM25 over the live rows is exact.
      expect(new PostingsBm25(incremental.terms).search(query, 8)).toEqual(
        new PostingsBm25(reference.terms).search(query, 8),
      );
    }
  });

  it('GIVEN a build THEN the manifest lists each article with its metadata, paragraph count and text key, without its text', async () => {
    const space = await spaces.create(3);
    await space.build();
    const generation = await loadCurrentGeneration(space.index);
    for (const [ordinal, listed] of generation.articles.entries()) {
      const article = generation.article(ordinal);
      expect(listed.metadata.title).toBe(article?.metadata.title);
      expect(listed.paragraphs).toBe(article?.paragraphs.length);
      expect(listed.textKey).toBe(textKey(article?.paragraphs.map((paragraph) => paragraph.text) ?? []));
    }
    expect(JSON.stringify(generation.manifest)).not.toContain(generation.article(0)?.text.slice(0, 40));
    generation.close();
  });

  it('GIVEN a generation retired from the folder WHILE a process still serves it THEN its articles and postings still read', async () => {
    const space = await spaces.create(6);
    await space.build();
    const served = await loadCurrentGeneration(space.index);
    for (let revision = 1; revision <= 3; revision++) {
      await space.write(syntheticFiles(1, 0, revision));
      await space.build();
    }
    expect(await readdir(path.join(space.index, 'generations'))).not.toContain(served.name);
    expect(
      storeOf(served)
        .articles.map((article) => article.text)
        .join('\n'),
    ).not.toContain('Revision');
    expect(new PostingsBm25(served.terms).search('harvest election bridge', 3).length).toBeGreaterThan(0);
    served.close();
  });

  it('GIVEN more new vectors than the delta layer holds WHEN reindexed THEN they are merged into the graph file', async () => {
    const space = await spaces.create(10);
    await space.build();
    await space.write(syntheticFiles(3, 100));
    const report = await space.build({ graphPolicy: { maxDeltaVectors: 2 } });
    expect(report.graph).toBe('merged');
    const generation = await loadCurrentGeneration(space.index);
    expect(generation.manifest.graph.delta).toEqual([]);
    expect(generation.graph.size).toBe(storeOf(generation).chunks.length);
  });

  it('GIVEN a graph mostly made of deleted points WHEN reindexed THEN it is rebuilt from the stored vectors without re-embedding', async () => {
    const space = await spaces.create(10);
    await space.build();
    await space.remove(...[0, 1, 2, 3, 4].map(syntheticName));
    space.embedder.calls.length = 0;
    const report = await space.build({ graphPolicy: { maxDeletedFraction: 0.2 } });
    expect(report.graph).toBe('rebuilt');
    expect(space.embedder.calls).toEqual([]);
    const generation = await loadCurrentGeneration(space.index);
    expect(generation.manifest.graph).toMatchObject({ baseDeleted: [], deleted: [], delta: [] });
    expect(generation.manifest.graph.baseCount).toBe(storeOf(generation).chunks.length);
  });

  it('GIVEN an article changed twice THEN its labels are never reused, so a stale label cannot name a new chunk', async () => {
    const space = await spaces.create(5);
    await space.build();
    const labels = async (): Promise<number[]> =>
      (await loadCurrentGeneration(space.index)).manifest.graph.delta;
    await space.write(syntheticFiles(1, 2, 1));
    await space.build();
    const first = await labels();
    await space.write(syntheticFiles(1, 2, 2));
    await space.build();
    const second = await labels();
    expect(second.some((label) => first.includes(label))).toBe(false);
  });

  it('GIVEN force WHEN nothing changed THEN everything is embedded again', async () => {
    const space = await spaces.create(5);
    const first = await space.build();
    space.embedder.calls.length = 0;
    const report = await space.build({ force: true });
    expect(report).toMatchObject({ rebuilt: true, graph: 'rebuilt', embedded: first.chunks });
  });

  it('GIVEN another embedder WHEN built THEN nothing is reused and the report says why', async () => {
    const space = await spaces.create(5);
    await space.build();
    const report = await space.build({ embedder: new HashingEmbeddings(16) });
    expect(report.previousIndexProblem).toBe('embedder changed (hashing:32 → hashing:16)');
    expect(report.graph).toBe('rebuilt');
    expect((await loadCurrentGeneration(space.index)).manifest.embedder.dimensions).toBe(16);
  });

  it('GIVEN only a skipped file changed WHEN reindexed THEN the manifest is refreshed and the vectors are shared', async () => {
    const space = await spaces.create(5);
    await space.write({ 'broken.md': new Uint8Array([0, 1, 2]) });
    await space.build();
    await space.write({ 'broken.md': new Uint8Array([0, 1, 2, 3]) });
    const report = await space.build();
    expect(report).toMatchObject({ rebuilt: true, graph: 'unchanged', embedded: 0 });
    expect(report.skipped.map((file) => file.file)).toEqual(['broken.md']);
    expect((await space.build()).rebuilt).toBe(false);
  });
});

describe('buildIndex: limits', () => {
  it('GIVEN an article over the size limit THEN it is skipped with the limit in the reason, and indexed once the limit allows it', async () => {
    const space = await spaces.create(2);
    const [smaller, larger] = Object.entries(syntheticFiles(2)).sort(
      (left, right) => Buffer.byteLength(left[1]) - Buffer.byteLength(right[1]),
    );
    const report = await space.build({ maxArticleBytes: Buffer.byteLength(smaller?.[1] ?? '') });
    expect(report.skipped).toEqual([
      expect.objectContaining({
        file: larger?.[0],
        reason: expect.stringMatching(
          /^larger than [\d.]+ KB, the most the index takes in one article \(split it\)$/,
        ) as unknown,
      }),
    ]);
    const raised = await space.build();
    expect(raised.articles.added).toEqual([path.basename(larger?.[0] ?? '', '.md')]);
  });
});

describe('buildIndex: per-article facts', () => {
  function recordingEnricher(version: string): ArticleEnricher & { seen: string[] } {
    const seen: string[] = [];
    return {
      version,
      seen,
      article: (article) => {
        seen.push(article.id);
        return { title: article.metadata.title };
      },
      combine: (facts) => ({ titles: facts.map((entry) => (entry.facts as { title: string }).title) }),
    };
  }

  it('GIVEN an ArticleEnricher WHEN one article changes THEN only its facts are derived and the extras cover every article', async () => {
    const space = await spaces.create(6);
    await space.build({ enrich: recordingEnricher('v1') });
    await space.write(syntheticFiles(1, 4, 1));
    const enricher = recordingEnricher('v1');
    await space.build({ enrich: enricher });
    expect(enricher.seen).toEqual(['synthetic-00004']);
    const generation = await loadCurrentGeneration(space.index);
    expect(generation.store.extras['titles']).toHaveLength(6);
  });

  it('GIVEN a new enricher version WHEN nothing else changed THEN every article gets fresh facts', async () => {
    const space = await spaces.create(4);
    await space.build({ enrich: recordingEnricher('v1') });
    const enricher = recordingEnricher('v2');
    const report = await space.build({ enrich: enricher });
    expect(report.rebuilt).toBe(true);
    expect(enricher.seen).toHaveLength(4);
  });

  it('GIVEN an enricher that throws on one article THEN that article is indexed without facts and a warning names its file', async () => {
    const space = await spaces.create(3);
    const report = await space.build({
      enrich: {
        version: 'v1',
        article: (article) => {
          if (article.id === 'synthetic-00001') throw new Error('cannot read dates');
          return {};
        },
        combine: () => ({}),
      },
    });
    expect(report.warnings).toEqual([
      expect.stringMatching(/^synthetic-00001\.md: facts could not be derived \(cannot read dates\)/),
    ]);
    expect(report.articles.added).toHaveLength(3);
  });
});

describe('buildIndex: generations', () => {
  it('GIVEN three builds THEN the current and the one before it are kept, and a rollback returns to the previous', async () => {
    const space = await spaces.create(4);
    await space.build();
    const first = await space.currentName();
    await space.write(syntheticFiles(1, 0, 1));
    await space.build();
    const second = await space.currentName();
    await space.write(syntheticFiles(1, 0, 2));
    await space.build();
    const third = await space.currentName();
    expect((await readdir(path.join(space.index, 'generations'))).sort()).toEqual([second, third].sort());
    expect(first).not.toBe(second);

    expect(await rollbackGeneration(space.index)).toBe(second);
    const generation = await loadCurrentGeneration(space.index);
    expect(storeOf(generation).articles[0]?.text).toContain('Revision 1');
  });

  it('GIVEN a build running in this process WHEN another starts THEN the second is refused as busy', async () => {
    const space = await spaces.create(20);
    const first = space.build();
    await expect(space.build()).rejects.toMatchObject({ name: 'BusyError' });
    await first;
  });

  it('GIVEN a lock left by a process that died WHEN building THEN the lock is taken over', async () => {
    const space = await spaces.create(3);
    await space.build();
    await writeFile(
      path.join(space.index, 'build.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname() }),
    );
    await space.write(syntheticFiles(1, 10));
    await expect(space.build()).resolves.toMatchObject({ rebuilt: true });
  });

  it('GIVEN a synthetic article THEN the text reads like news and is stable for a seed', () => {
    expect(syntheticArticle(1).content).toBe(syntheticArticle(1).content);
    expect(syntheticArticle(1, 1).content).not.toBe(syntheticArticle(1).content);
    expect(syntheticArticle(1).content).toMatch(/^---\ntitle: ".+"\n/);
  });
});
