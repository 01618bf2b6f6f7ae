// Reindex timings: the seed corpus unchanged, and one changed article in a corpus of 5,000 synthetic articles.
//
//   npx tsx scripts/bench-reindex.ts [--embedder wink|hashing] [--articles 5000] [--rounds 3]
//
// `runReindexBench` is exported for scripts/bench.ts. The word-vector embedder (what the bot uses) is the
// default when its cache exists in data/embeddings; otherwise the hashing one. Builds run without the people
// and timeline enricher, whose cost is its own and is measured by the main benchmark.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbedder } from '../src/embeddings/createEmbedder.js';
import type { TextEmbedder } from '../src/embeddings/types.js';
import { buildIndex, type BuildReport } from '../src/index/build.js';
import { loadCurrentGeneration } from '../src/index/index.js';
import { BuildWorker } from '../src/index/buildWorker.js';
import { describeEmbedder } from '../src/index/embedderSpec.js';
import { syntheticArticle, writeSyntheticCorpus } from './syntheticCorpus.js';
import { median } from './benchTasks.js';
import { PassageIndex } from '../src/retrieval/passageIndex.js';

export interface ReindexBenchOptions {
  embedder?: 'wink' | 'hashing';
  /** Size of the synthetic corpus. Default 5,000. */
  articles?: number;
  /** One-changed-article reindexes to time; the median is reported. Default 3. */
  rounds?: number;
  /** Progress lines on stderr. */
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

function expectRebuilt(report: BuildReport, rebuilt: boolean, what: string): void {
  if (report.rebuilt !== rebuilt)
    throw new Error(`${what}: expected rebuilt=${rebuilt}, got ${report.rebuilt}`);
}

/**
 * Times, in milliseconds: a no-op reindex of the seed corpus (in this process and in a warm build process),
 * then for the synthetic corpus its full build, a no-op reindex, and reindexes after one article changed (in
 * this process, in a cold and a warm build process), and what the bot then spends opening the new generation.
 */
export async function runReindexBench(options: ReindexBenchOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => undefined);
  const cacheDir = path.join(ROOT, 'data', 'embeddings');
  const provider = options.embedder ?? (existsSync(cacheDir) ? 'wink' : 'hashing');
  const articleCount = options.articles ?? 5000;
  const rounds = options.rounds ?? 3;
  const settings = { provider, cacheDir } as const;
  const embedder: TextEmbedder = await createEmbedder(settings);
  const spec = describeEmbedder(embedder, settings);
  if (!spec) throw new Error(`embedder ${embedder.id} cannot run in a build process`);
  log(`embedder: ${embedder.id} (${embedder.dimensions} dimensions)`);

  const root = await mkdtemp(path.join(tmpdir(), 'article-bot-bench-reindex-'));
  const worker = new BuildWorker();
  const results: Record<string, number> = { embedderDimensions: embedder.dimensions };
  try {
    const build = (corpusDirectory: string, indexDirectory: string): Promise<BuildReport> =>
      buildIndex({ corpusDirectory, indexDirectory, embedder });
    const buildInWorker = (corpusDirectory: string, indexDirectory: string): Promise<BuildReport> =>
      worker.build({ corpusDirectory, indexDirectory, embedder: spec });

    const seedCorpus = path.join(root, 'seed');
    const seedIndex = path.join(root, 'seed-index');
    await cp(path.join(ROOT, 'corpus'), seedCorpus, { recursive: true });
    const seedFull = await build(seedCorpus, seedIndex);
    const seedUnchanged = await timed(() => build(seedCorpus, seedIndex));
    expectRebuilt(seedUnchanged.value, false, 'seed corpus unchanged');
    await buildInWorker(seedCorpus, seedIndex);
    const seedUnchangedWarm = await timed(() => buildInWorker(seedCorpus, seedIndex));
    expectRebuilt(seedUnchangedWarm.value, false, 'seed corpus unchanged, build process');
    Object.assign(results, {
      seedArticles: seedFull.articles.added.length,
      seedChunks: seedFull.chunks,
      seedUnchangedMs: seedUnchanged.ms,
      seedUnchangedInWarmBuildProcessMs: seedUnchangedWarm.ms,
    });
    log(
      `seed corpus (${seedFull.articles.added.length} articles) unchanged: ${seedUnchanged.ms.toFixed(0)} ms`,
    );

    const corpus = path.join(root, 'synthetic');
    const index = path.join(root, 'synthetic-index');
    const written = await timed(() => writeSyntheticCorpus(corpus, articleCount));
    log(`wrote ${articleCount} synthetic articles in ${written.ms.toFixed(0)} ms; full build…`);
    const full = await timed(() => build(corpus, index));
    log(`full build: ${full.value.chunks} chunks in ${(full.ms / 1000).toFixed(1)} s`);
    const unchanged = await timed(() => build(corpus, index));
    expectRebuilt(unchanged.value, false, 'synthetic corpus unchanged');

    let revision = 1;
    const changeOne = async (): Promise<void> => {
      const article = syntheticArticle(Math.floor(articleCount / 2) + revision, revision);
      revision++;
      await writeFile(path.join(corpus, article.file), article.content);
    };
    const inProcess: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await changeOne();
      const changed = await timed(() => build(corpus, index));
      expectRebuilt(changed.value, true, 'one article changed');
      inProcess.push(changed.ms);
      log(`one changed article (${changed.value.graph}): ${changed.ms.toFixed(0)} ms`);
    }

    await changeOne();
    const cold = await timed(async () => {
      const fresh = new BuildWorker();
      try {
        return await fresh.build({
          corpusDirectory: corpus,
          indexDirectory: index,
          embedder: spec,
        });
      } finally {
        await fresh.close();
      }
    });
    // The warm process has built this corpus once (a no-op here), as a bot's build process has after its first reindex.
    const unchangedInWorker = await timed(() => buildInWorker(corpus, index));
    expectRebuilt(unchangedInWorker.value, false, 'synthetic corpus unchanged, build process');
    const warmRuns: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await changeOne();
      const warm = await timed(() => buildInWorker(corpus, index));
      expectRebuilt(warm.value, true, 'one article changed, warm build process');
      warmRuns.push(warm.ms);
    }

    const opened = await timed(() => loadCurrentGeneration(index));
    const passages = await timed(() => Promise.resolve(new PassageIndex(opened.value)));
    Object.assign(results, {
      syntheticArticles: articleCount,
      syntheticChunks: full.value.chunks,
      syntheticFullBuildMs: full.ms,
      syntheticUnchangedMs: unchanged.ms,
      oneChangedMs: median(inProcess),
      oneChangedMinMs: Math.min(...inProcess),
      oneChangedMaxMs: Math.max(...inProcess),
      oneChangedInColdBuildProcessMs: cold.ms,
      syntheticUnchangedInBuildProcessMs: unchangedInWorker.ms,
      oneChangedInWarmBuildProcessMs: median(warmRuns),
      openGenerationMs: opened.ms,
      passageIndexMs: passages.ms,
    });
    return results;
  } finally {
    await worker.close();
    await rm(root, { recursive: true, force: true });
  }
}

function option(name: string): string | undefined {
  const position = process.argv.indexOf(`--${name}`);
  return position >= 0 ? process.argv[position + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const embedder = option('embedder');
  if (embedder !== undefined && embedder !== 'wink' && embedder !== 'hashing') {
    throw new Error('--embedder must be wink or hashing');
  }
  const articles = option('articles');
  const rounds = option('rounds');
  const results = await runReindexBench({
    ...(embedder ? { embedder } : {}),
    ...(articles ? { articles: Number(articles) } : {}),
    ...(rounds ? { rounds: Number(rounds) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [name, value] of Object.entries(results)) {
    process.stdout.write(`${name.padEnd(34)} ${Number.isInteger(value) ? value : value.toFixed(1)}\n`);
  }
}
