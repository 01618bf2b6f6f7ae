/**
 * # The index stage
 *
 * Turns the corpus folder into something questions can be answered from quickly, and keeps it current while
 * the bot serves. Everything it writes lives in `INDEX_DIR`; everything above this folder reaches it through
 * this file.
 *
 * ## How a generation is born
 *
 * A *generation* is one complete, immutable build of the index: a directory `generations/<name>/` holding a
 * manifest (schema version, embedder, every article with its content hash and chunk labels, and the sha256 of
 * every other file), the article segments (text, paragraphs, chunks and facts, content-addressed JSON), the
 * HNSW graph, a small layer of vectors added since the graph was written, and the derived facts.
 *
 * `buildIndex` (build.ts) takes the cross-process build lock (buildLock.ts: one build at a time, whichever
 * process or shard asks; a holder that died is taken over), scans the corpus at the cost of one `stat` per
 * unchanged file (corpusScan.ts), chunks and embeds only new and changed articles (buildPlan.ts), and lays out
 * the new generation (planGraph.ts, planSegments.ts) in `staging/`, hard-linking every file that did not change
 * from the previous generation (generations.ts: `GenerationWriter`). The manifest is written last, the
 * directory moved into `generations/` in one rename, read back and smoke-tested (verifyGeneration.ts), and only
 * then does `CURRENT` point at it, by an atomic rename. A crash or a failure at any step leaves the previous
 * generation serving. While the bot serves, builds run in a child process (buildWorker.ts, buildProcess.ts) so
 * hnswlib's synchronous graph work never delays an answer.
 *
 * ## How a generation is served
 *
 * `loadCurrentGeneration` (loadGeneration.ts) reads the generation `CURRENT` names and trusts nothing: every
 * file must match its checksum and the counts must agree, or it fails with `IndexInvalidError` and the caller
 * rebuilds. Vectors are searched through the `VectorIndex` contract (vectorIndex.ts) by a `LayeredVectorIndex`
 * (layeredVectorIndex.ts): the HNSW graph (hnswIndex.ts, the one module that imports hnswlib-node) plus an
 * exactly-scanned layer of recent vectors, so a small reindex never rewrites the graph. A loaded generation is
 * never changed: a process swaps its reference to a newly loaded one, and a question in flight finishes on
 * the generation it started with. Every process serving the folder (each shard) loads the same generation.
 *
 * ## How a generation is retired
 *
 * When a generation becomes current, every generation but it and the one it replaced is removed (the previous
 * one stays for `rollbackGeneration`). A process still answering from a removed generation is unaffected: it
 * holds what it read. Half-written generations in `staging/` (a build killed mid-way) are removed by the next
 * build, under the lock.
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
