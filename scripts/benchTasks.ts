// The measurements of `npm run bench`, each run in a child process of its own so that one measurement's memory
// and warm caches never reach another's peak RSS or cold start. Modules are imported inside each task, so the
// time to load them is measured rather than paid before the clock starts.
import path from 'node:path';
import type { Config } from '../src/config/config.js';

export interface TaskParameters {
  corpusDirectory: string;
  indexDirectory: string;
  embeddingsDirectory: string;
  /** Questions asked (ask task) and searched (graph task). */
  questions: string[];
  /** Extra query texts for recall, not in the corpus (graph task). */
  heldOutQueries: string[];
  /** Measured passes over the questions, after one warm-up pass (ask task). */
  repetitions: number;
  /** Derive people and timeline while building, as the bot does (build task). */
  enrich: boolean;
  /** Articles whose enrichment is timed on its own (enrichment task). */
  enrichmentSampleArticles: number;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

export interface BuildResult {
  chunks: number;
  articles: number;
  buildMs: number;
  chunksPerSecond: number;
  /** Time spent in each stage of the build, in the order the build reports them. */
  stagesMs: Record<string, number>;
  embedderLoadMs: number;
  peakRssMb: number;
  enriched: boolean;
}

export interface EnrichmentResult {
  articles: number;
  chunks: number;
  ms: number;
  msPerChunk: number;
}

export interface AskResult {
  importMs: number;
  embedderLoadMs: number;
  indexLoadMs: number;
  /** Loading the embedder and opening the index: what a restart costs before the first answer. */
  coldStartMs: number;
  /** From the start of the process (Node, tsx, imports included) to ready to answer. */
  readyAfterProcessStartMs: number;
  /** True when start-up found the index stale and rebuilt it, which would make the cold start meaningless. */
  rebuiltAtStart: boolean;
  firstAskMs: number;
  latencyMs: LatencySummary;
  /**
   * CPU time of this process per ask (user + system). Answering is synchronous work, so on an idle machine it is
   * the latency; on a busy one it shows what the wall-clock figure owes to other processes.
   */
  cpuMs: LatencySummary;
  answered: number;
  abstained: number;
  peakRssMb: number;
  /** Resident memory once ready to answer, and after every question was asked: what serving costs. */
  rssAfterReadyMb: number;
  rssAfterAsksMb: number;
}

export interface ReindexOneResult {
  /** One article changed, built by a fresh build process (as the bot's first reindex after it starts). */
  coldBuildMs: number;
  /** The same again in the build process the first left running (as every later reindex). */
  warmBuildMs: number;
  /** How the warm build treated the graph (a small change adds to the exact layer beside it). */
  graph: string;
  /** A serving process opening the new generation, with the graph it already holds. */
  switchMs: number;
  /** Resident memory of that serving process before and after it switched. */
  servingRssBeforeMb: number;
  servingRssAfterMb: number;
}

export interface GraphResult {
  vectors: number;
  dimensions: number;
  queries: number;
  /** hnswlib's own `searchKnn`, no wrapper, at the wrapper's default ef; microseconds per call. */
  rawSearchKnnMicroseconds: { k10: LatencySummary; k30: LatencySummary };
  /** `VectorIndex.search` as retrieval calls it (k = 30); microseconds. */
  indexSearchMicroseconds: LatencySummary;
  /** The exact brute-force scan the recall is measured against; microseconds. */
  exactSearchMicroseconds: LatencySummary;
  /** Recall of `VectorIndex.search` at the default ef: the share of the exact top 10 it returns. */
  recallAt10: number;
  /** The same, counting a result whose similarity is within `RECALL_EPSILON` of the exact 10th as found. */
  recallAt10WithinEpsilon: number;
  /** The same at larger ef values, with the search time they cost: how far ef must go for a target recall. */
  recallByEf: {
    ef: number;
    recallAt10: number;
    recallAt10WithinEpsilon: number;
    searchMicroseconds: LatencySummary;
  }[];
}

/** ann-benchmarks' tolerance for ties in its recall (there on distance; cosine distance = 1 − similarity). */
const RECALL_EPSILON = 1e-3;

/** The middle measurement (nearest rank), as `summarize` reports it. */
export function median(samples: readonly number[]): number {
  return summarize(samples).p50;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((left, right) => left - right);
  // Nearest-rank percentiles: always a measured value, never an interpolation between two.
  const at = (share: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    samples: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
  };
}

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

async function configFor(parameters: TaskParameters): Promise<Config> {
  const { loadConfig } = await import('../src/config/config.js');
  return loadConfig({
    CORPUS_DIR: parameters.corpusDirectory,
    INDEX_DIR: parameters.indexDirectory,
    EMBEDDINGS_CACHE_DIR: parameters.embeddingsDirectory,
    LOG_LEVEL: 'error',
  });
}

/** Builds the index from nothing, as `npm run reindex` would on a fresh checkout. */
export async function buildTask(parameters: TaskParameters): Promise<BuildResult> {
  const [{ createEmbedder }, { buildIndex }, { articleEnricher }, { emptyFactsEnricher }] = await Promise.all(
    [
      import('../src/embeddings/createEmbedder.js'),
      import('../src/index/build.js'),
      import('../src/answer/knowledge.js'),
      import('./benchEnricher.js'),
    ],
  );
  const config = await configFor(parameters);
  const embedderStarted = performance.now();
  const embedder = await createEmbedder(config.embeddings);
  const embedderLoadMs = performance.now() - embedderStarted;

  const stageStarts: [string, number][] = [];
  const report = await buildIndex({
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder,
    // Without enrichment the build still records the bot's enricher version, with no facts, so the bot serves
    // it as built instead of deriving people and dates at start-up (timed apart: the enrichment task).
    enrich: parameters.enrich ? articleEnricher : emptyFactsEnricher,
    onProgress: (progress) => {
      if (stageStarts.at(-1)?.[0] !== progress.stage) stageStarts.push([progress.stage, performance.now()]);
    },
  });
  const finished = performance.now();
  const stagesMs: Record<string, number> = {};
  stageStarts.forEach(([stage, started], position) => {
    stagesMs[stage] = (stagesMs[stage] ?? 0) + ((stageStarts[position + 1]?.[1] ?? finished) - started);
  });
  return {
    chunks: report.chunks,
    articles:
      report.articles.added.length + report.articles.changed.length + report.articles.unchanged.length,
    buildMs: report.ms,
    chunksPerSecond: report.chunks / (report.ms / 1000),
    stagesMs,
    embedderLoadMs,
    peakRssMb: peakRssMb(),
    enriched: parameters.enrich,
  };
}

/**
 * Times the people-and-timeline enrichment alone on the first articles of the corpus: on a large corpus it
 * costs more than the index itself, and timing it on a sample keeps the bench within minutes.
 */
export async function enrichmentTask(parameters: TaskParameters): Promise<EnrichmentResult> {
  const [{ loadCorpus }, { enrichArticles }, { splitSentences }, { chunkSentences }] = await Promise.all([
    import('../src/corpus/load.js'),
    import('../src/answer/knowledge.js'),
    import('../src/corpus/sentences.js'),
    import('../src/corpus/chunk.js'),
  ]);
  const { articles } = await loadCorpus(parameters.corpusDirectory);
  const sample = articles.slice(0, parameters.enrichmentSampleArticles);
  const chunks = sample.reduce(
    (total, article) =>
      total +
      chunkSentences(article.id, article.text, splitSentences(article.text, article.paragraphs)).length,
    0,
  );
  const started = performance.now();
  enrichArticles(sample);
  const ms = performance.now() - started;
  return { articles: sample.length, chunks, ms, msPerChunk: ms / Math.max(1, chunks) };
}

/** Starts the bot on a built index, as `npm start` does, and asks every question many times. */
export async function askTask(parameters: TaskParameters): Promise<AskResult> {
  const importStarted = performance.now();
  const [{ createArticleBot }, { createEmbedder }, { createLogger }, { readCurrentManifest }] =
    await Promise.all([
      import('../src/app.js'),
      import('../src/embeddings/createEmbedder.js'),
      import('../src/logger.js'),
      import('../src/index/index.js'),
    ]);
  const importMs = performance.now() - importStarted;
  const config = await configFor(parameters);
  const builtBefore = (await readCurrentManifest(config.indexDir))?.builtAt;

  const embedderStarted = performance.now();
  const embedder = await createEmbedder(config.embeddings);
  const embedderLoadMs = performance.now() - embedderStarted;
  const indexStarted = performance.now();
  const bot = await createArticleBot({ config, logger: createLogger('error'), embedder });
  const indexLoadMs = performance.now() - indexStarted;
  const readyAfterProcessStartMs = performance.now();
  const rssAfterReadyMb = process.memoryUsage().rss / 1024 / 1024;
  const rebuiltAtStart = (await readCurrentManifest(config.indexDir))?.builtAt !== builtBefore;

  const firstStarted = performance.now();
  await bot.ask(parameters.questions[0] ?? 'Who?');
  const firstAskMs = performance.now() - firstStarted;
  for (const question of parameters.questions) await bot.ask(question);

  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let answered = 0;
  let abstained = 0;
  for (let pass = 0; pass < parameters.repetitions; pass++) {
    for (const question of parameters.questions) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const answer = await bot.ask(question);
      samples.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
      if (pass === 0) {
        if (answer.abstained) abstained++;
        else answered++;
      }
    }
  }
  return {
    importMs,
    embedderLoadMs,
    indexLoadMs,
    coldStartMs: embedderLoadMs + indexLoadMs,
    readyAfterProcessStartMs,
    rebuiltAtStart,
    firstAskMs,
    latencyMs: summarize(samples),
    cpuMs: summarize(cpuSamples),
    answered,
    abstained,
    peakRssMb: peakRssMb(),
    rssAfterReadyMb,
    rssAfterAsksMb: process.memoryUsage().rss / 1024 / 1024,
  };
}

/**
 * One article of a built corpus changed, as an editor's correction: rebuilt in a build process as the bot does
 * (a fresh one, then the same one again), and the new generation opened by a process serving the old one.
 */
export async function reindexOneTask(parameters: TaskParameters): Promise<ReindexOneResult> {
  const [{ readdir, readFile, writeFile }, { createEmbedder }, index] = await Promise.all([
    import('node:fs/promises'),
    import('../src/embeddings/createEmbedder.js'),
    import('../src/index/index.js'),
  ]);
  const config = await configFor(parameters);
  const embedder = await createEmbedder(config.embeddings);
  const spec = index.describeEmbedder(embedder, config.embeddings);
  if (!spec) throw new Error(`embedder ${embedder.id} cannot run in a build process`);
  const serving = await index.loadCurrentGeneration(config.indexDir);
  const servingRssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const files = (await readdir(config.corpusDir)).filter((name) => name.endsWith('.md')).sort();
  const target = path.join(config.corpusDir, files[Math.floor(files.length / 2)] ?? '');
  const original = await readFile(target, 'utf8');
  const change = async (revision: number): Promise<void> =>
    writeFile(
      target,
      `${original}\nCorrection ${revision}: an earlier version of this report gave the wrong date.\n`,
    );
  const request = {
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder: spec,
    // As the build task: the bot's enricher version, so the bot serves the result without re-deriving.
    enricher: parameters.enrich
      ? { url: new URL('../src/answer/knowledge.ts', import.meta.url).href, exportName: 'articleEnricher' }
      : { url: new URL('./benchEnricher.ts', import.meta.url).href, exportName: 'emptyFactsEnricher' },
  };
  const worker = new index.BuildWorker({ idleMs: 60_000 });
  try {
    await change(1);
    let started = performance.now();
    await worker.build(request);
    const coldBuildMs = performance.now() - started;
    await change(2);
    started = performance.now();
    const report = await worker.build(request);
    const warmBuildMs = performance.now() - started;
    started = performance.now();
    const next = await index.loadCurrentGeneration(config.indexDir);
    const switchMs = performance.now() - started;
    const servingRssAfterMb = process.memoryUsage().rss / 1024 / 1024;
    next.close();
    serving.close();
    return { coldBuildMs, warmBuildMs, graph: report.graph, switchMs, servingRssBeforeMb, servingRssAfterMb };
  } finally {
    // The corrected article stays: the index now matches the corpus, for the benches that open it next.
    await worker.close();
  }
}

/**
 * Exact cosine search over normalised vectors in one flat array (row i at i × dimensions): the brute-force
 * reference recall is measured against, as `ExactVectorIndex` does it, without a map of a million arrays.
 */
class FlatExactSearch {
  constructor(
    private readonly vectors: Float32Array,
    private readonly dimensions: number,
  ) {}

  search(query: ArrayLike<number>, count: number): { label: number; similarity: number }[] {
    const { vectors, dimensions } = this;
    let norm = 0;
    for (let dimension = 0; dimension < dimensions; dimension++) norm += (query[dimension] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    const unit = Float32Array.from({ length: dimensions }, (_, dimension) => (query[dimension] ?? 0) / norm);
    const best: { label: number; similarity: number }[] = [];
    const rows = vectors.length / dimensions;
    for (let row = 0; row < rows; row++) {
      let similarity = 0;
      const at = row * dimensions;
      for (let dimension = 0; dimension < dimensions; dimension++) {
        similarity += (unit[dimension] ?? 0) * (vectors[at + dimension] ?? 0);
      }
      const worst = best[best.length - 1];
      if (best.length === count && worst && similarity <= worst.similarity) continue;
      let position = best.length;
      while (position > 0 && (best[position - 1]?.similarity ?? 0) < similarity) position--;
      best.splice(position, 0, { label: row, similarity });
      if (best.length > count) best.pop();
    }
    return best;
  }
}

/** The vector part alone: raw hnswlib against the wrapper, and the graph's recall against the exact scan. */
export async function graphTask(parameters: TaskParameters): Promise<GraphResult> {
  const [
    { default: hnswlib },
    { createEmbedder },
    { loadCurrentGeneration },
    { FILES },
    { defaultEfSearch },
  ] = await Promise.all([
    import('hnswlib-node'),
    import('../src/embeddings/createEmbedder.js'),
    import('../src/index/index.js'),
    import('../src/index/manifest.js'),
    import('../src/index/hnswIndex.js'),
  ]);
  const config = await configFor(parameters);
  const embedder = await createEmbedder(config.embeddings);
  const generation = await loadCurrentGeneration(config.indexDir);
  const { dimensions } = generation.manifest.embedder;
  const chunks = { length: generation.chunks.count };
  const queries = [...parameters.questions, ...parameters.heldOutQueries].map((text) => embedder.embed(text));

  // The exact reference holds the vectors the generation serves (by row), read back from its graph and delta
  // layer: a scan over one flat array, which a million vectors fit in (a map of a million arrays would not).
  const exact = new FlatExactSearch(generation.vectors, dimensions);

  const time = (run: (query: number[]) => unknown, passes: number): LatencySummary => {
    const samples: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (const query of queries) {
        const started = performance.now();
        run(query);
        samples.push((performance.now() - started) * 1000);
      }
    }
    return summarize(samples);
  };
  const passes = Math.max(1, Math.ceil(2000 / queries.length));
  const k10 = Math.min(10, chunks.length);
  const k30 = Math.min(30, chunks.length);

  // hnswlib read straight from the generation's graph file: no wrapper, no label mapping.
  const raw = new hnswlib.HierarchicalNSW('cosine', dimensions);
  await raw.readIndex(path.join(generation.directory, FILES.graph));
  // The ef `HnswVectorIndex` searches with by default, so raw hnswlib is timed on equal terms.
  raw.setEf(defaultEfSearch(raw.getCurrentCount()));
  // hnswlib throws for k above the number of points rather than returning what it has.
  const rawK = (k: number): number => Math.min(k, raw.getCurrentCount());
  // One untimed pass first: the first searches page the graph in and warm the JIT.
  time((query) => raw.searchKnn(query, rawK(30)), 1);
  const rawSearchKnnMicroseconds = {
    k10: time((query) => raw.searchKnn(query, rawK(10)), passes),
    k30: time((query) => raw.searchKnn(query, rawK(30)), passes),
  };
  time((query) => generation.graph.search(query, k30), 1);
  const indexSearchMicroseconds = time((query) => generation.graph.search(query, k30), passes);
  const exactSearchMicroseconds = time((query) => exact.search(query, k10), 1);
  // The exact top 10 of each query, once: on a million vectors each scan takes a fair fraction of a second.
  const truths = queries.map((query) => exact.search(query, k10));

  // Strict recall counts the exact top 10 by label. SIF vectors crowd into a narrow cone (the 10th and 11th
  // neighbours differ by ~0.001 in cosine), so the ann-benchmarks convention is reported beside it: a result
  // counts when it is within 0.001 of the 10th exact similarity.
  const recallOf = (index: {
    search: (query: number[], count: number) => { label: number; similarity: number }[];
  }): {
    strict: number;
    withinEpsilon: number;
  } => {
    let strict = 0;
    let withinEpsilon = 0;
    for (const [position, query] of queries.entries()) {
      const truth = truths[position] ?? [];
      const labels = new Set(truth.map((neighbour) => neighbour.label));
      const threshold = (truth.at(-1)?.similarity ?? 0) - RECALL_EPSILON;
      for (const neighbour of index.search(query, k10)) {
        if (labels.has(neighbour.label)) strict++;
        if (neighbour.similarity >= threshold) withinEpsilon++;
      }
    }
    const total = queries.length * k10;
    return { strict: strict / total, withinEpsilon: withinEpsilon / total };
  };
  const recall = recallOf(generation.graph);
  const recallByEf: GraphResult['recallByEf'] = [];
  for (const ef of [128, 256, 640, 1000]) {
    const widened = await loadCurrentGeneration(config.indexDir, { efSearch: ef });
    time((query) => widened.graph.search(query, k10), 1);
    const widenedRecall = recallOf(widened.graph);
    recallByEf.push({
      ef,
      recallAt10: widenedRecall.strict,
      recallAt10WithinEpsilon: widenedRecall.withinEpsilon,
      searchMicroseconds: time((query) => widened.graph.search(query, k10), passes),
    });
    widened.close();
  }
  return {
    vectors: chunks.length,
    dimensions,
    queries: queries.length,
    rawSearchKnnMicroseconds,
    indexSearchMicroseconds,
    exactSearchMicroseconds,
    recallAt10: recall.strict,
    recallAt10WithinEpsilon: recall.withinEpsilon,
    recallByEf,
  };
}

export const TASKS = {
  build: buildTask,
  enrichment: enrichmentTask,
  ask: askTask,
  graph: graphTask,
  reindexOne: reindexOneTask,
} as const;
export type TaskName = keyof typeof TASKS;
