/**
 * # The index stage
 *
 * Turns the corpus folder into something questions can be answered from quickly, and keeps it current while
 * the bot serves, in one process or in many (shards, hosts) sharing the folder. Everything it writes lives in
 * `INDEX_DIR`; everything above this folder reaches it through this file.
 *
 * ## How a generation is born
 *
 * A *generation* is one complete, immutable build: a directory `generations/<name>/` holding
 *
 * - `manifest.json` (manifest.ts): schema version, embedder, every article with its hash, chunk labels, byte
 *   range, metadata and text key, and the sha256 of every other file;
 * - `segments/<name>.jsonl` and `.terms` (segments.ts, termFile.ts): up to 1,000 articles a line each, and their
 *   chunk table with an inverted index of their words; content-addressed, so generations share them;
 * - `graph.hnsw` (hnswIndex.ts, the one module that imports hnswlib-node) and `delta.f32`, the few vectors added
 *   since the graph was written; `extras.json` and `facts.json`, the enricher's joined and per-article facts;
 *   `corpus-stats.json`, what the scan saw of each corpus file.
 *
 * `buildIndex` (build.ts) takes the build lock (buildLock.ts: one build at a time in the folder, whichever
 * process, shard or host asks; a holder that died is taken over), scans the corpus at the cost of one `stat`
 * per unchanged file (corpusScan.ts), opens the previous generation, checking every file it will share
 * (previousGeneration.ts, verifiedFiles.ts), chunks and embeds only new and changed articles and derives their
 * facts (buildPlan.ts), plans the vector layers (planGraph.ts) and the segments (planSegments.ts), and writes the
 * generation in `staging/` (writeGeneration.ts, generations.ts: `GenerationWriter`), hard-linking every file
 * that did not change. The manifest is written last, the directory moved into `generations/` in one rename,
 * read back and smoke-tested (verifyGeneration.ts), and only then does `CURRENT` point at it, by an atomic
 * rename. A crash or a failure at any step leaves the previous generation serving. While the bot serves, builds
 * run in a child process (buildWorker.ts, buildProcess.ts), so hnswlib's synchronous work never delays an answer.
 *
 * ## How a generation is served
 *
 * `loadCurrentGeneration` (loadGeneration.ts) opens the generation `CURRENT` names and trusts nothing: every
 * file must match its checksum (checked once per process and file identity) and the counts must agree, or it
 * fails with `IndexInvalidError` and the caller rebuilds. What answering needs is held in memory: the HNSW graph
 * with the exact delta layer (layeredVectorIndex.ts, behind the `VectorIndex` contract of vectorIndex.ts), the
 * chunk rows and each segment's sorted terms (generationView.ts). What only the passages a question reaches need
 * stays on disk and is read then: the articles' text, the postings of the question's words. A loaded generation
 * is never changed: a process swaps its reference to a newly loaded one (reusing the graph it holds when the
 * file is shared), and a question in flight finishes on the generation it started with. Every process serving
 * the folder loads the same generation; staleness.ts tells at start whether it still fits the corpus.
 *
 * ## How a generation is retired
 *
 * When a generation becomes current, every generation but it and the one it replaced is removed (the previous
 * one stays for `rollbackGeneration`, and for processes that have not switched yet). A process still answering
 * from a removed generation is unaffected on the same host: it holds the files open. Half-written generations in
 * `staging/` (a build killed mid-way) are removed by the next build, under the lock.
 */
export {
  buildIndex,
  type ArticleEnricher,
  type BuildCheckpoint,
  type BuildOptions,
  type BuildProgress,
  type BuildReport,
  type Enrich,
} from './build.js';
export { acquireBuildLock, type BuildLock } from './buildLock.js';
export {
  BuildWorker,
  createChildProcessRebuild,
  runBuildInChildProcess,
  type BuildWorkerOptions,
} from './buildWorker.js';
export type { BuildRequest } from './buildProtocol.js';
export { describeEmbedder, type EmbedderSpec } from './embedderSpec.js';
export { FAULT_READY_FILE_VARIABLE, FAULT_VARIABLE } from './faults.js';
export { currentGenerationName, readCurrentManifest } from './generations.js';
export {
  loadCurrentGeneration,
  loadGeneration,
  rollbackGeneration,
  type CatalogArticle,
  type ChunkRows,
  type LoadedGeneration,
  type RowPostings,
  type TermIndex,
} from './loadGeneration.js';
export { FILES, IndexInvalidError, IndexWriteError, SCHEMA_VERSION, type Manifest } from './manifest.js';
export { indexStaleness, staleness } from './staleness.js';
export { ExactVectorIndex, dot, type Neighbour, type VectorIndex } from './vectorIndex.js';
