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
  recallByEf: { ef: number; recallAt10: number; searchMicroseconds: LatencySummary }[];
}

/** The ef that `HnswVectorIndex` searches with by default, so raw hnswlib is timed on equal terms. */
const DEFAULT_EF_SEARCH = 64;

/** ann-benchmarks' tolerance for ties in its recall (there on distance; cosine distance = 1 − similarity). */
const RECALL_EPSILON = 1e-3;

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
  const [{ createEmbedder }, { buildIndex }, { articleEnricher }] = await Promise.all([
    import('../src/embeddings/createEmbedder.js'),
    import('../src/index/build.js'),
    import('../src/answer/knowledge.js'),
  ]);
  const config = await configFor(parameters);
  const embedderStarted = performance.now();
  const embedder = await createEmbedder(config.embeddings);
  const embedderLoadMs = performance.now() - embedderStarted;

  const stageStarts: [string, number][] = [];
  const report = await buildIndex({
    corpusDirectory: config.corpusDir,
    indexDirectory: config.indexDir,
    embedder,
    // The versioned enricher, as the bot builds with: an index built otherwise is stale to the bot at start.
    ...(parameters.enrich ? { enrich: articleEnricher } : {}),
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
      import('../src/index/indexStore.js'),
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
  };
}

/** The vector part alone: raw hnswlib against the wrapper, and the graph's recall against the exact scan. */
export async function graphTask(parameters: TaskParameters): Promise<GraphResult> {
  const [
    { default: hnswlib },
    { createEmbedder },
    { loadCurrentGeneration },
    { FILES },
    { ExactVectorIndex },
  ] = await Promise.all([
    import('hnswlib-node'),
    import('../src/embeddings/createEmbedder.js'),
    import('../src/index/indexStore.js'),
    import('../src/index/manifest.js'),
    import('../src/index/vectorIndex.js'),
  ]);
  const config = await configFor(parameters);
  const embedder = await createEmbedder(config.embeddings);
  const generation = await loadCurrentGeneration(config.indexDir);
  const { dimensions } = generation.manifest.embedder;
  const { articles, chunks } = generation.store;
  const queries = [...parameters.questions, ...parameters.heldOutQueries].map((text) => embedder.embed(text));

  // The exact reference holds the same vectors as the graph: the embedder is deterministic, so embedding each
  // stored chunk again gives what the build stored, whatever layout the index keeps them in on disk.
  const textOf = new Map(articles.map((article) => [article.id, article.text]));
  const exact = new ExactVectorIndex(dimensions);
  for (const chunk of chunks) {
    exact.add(embedder.embed(textOf.get(chunk.articleId)?.slice(chunk.start, chunk.end) ?? ''), chunk.label);
  }

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
  raw.setEf(DEFAULT_EF_SEARCH);
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
    for (const query of queries) {
      const truth = exact.search(query, k10);
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
  for (const ef of [128, 256]) {
    const widened = await loadCurrentGeneration(config.indexDir, { efSearch: ef });
    time((query) => widened.graph.search(query, k10), 1);
    recallByEf.push({
      ef,
      recallAt10: recallOf(widened.graph).strict,
      searchMicroseconds: time((query) => widened.graph.search(query, k10), passes),
    });
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
} as const;
export type TaskName = keyof typeof TASKS;
