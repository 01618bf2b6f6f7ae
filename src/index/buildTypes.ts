// The vocabulary of a build: what it is asked (options), what it reports, and the plan of each article.
import type { SkippedFile } from '../corpus/load.js';
import type { Article } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import type { Manifest } from './manifest.js';
import type { PreviousGeneration } from './previousGeneration.js';
import type { SegmentEntry } from './segments.js';

export interface BuildProgress {
  stage: 'loading' | 'embedding' | 'writing' | 'verifying' | 'swapping';
  done: number;
  total: number;
}

/** Points of a build where fault tests stop or fail it, to prove a crash there loses nothing. */
export type BuildCheckpoint = 'embedding' | 'writing' | 'before-swap';

/**
 * Derives facts (people, timeline) one article at a time, so a build computes them only for new and changed
 * articles and keeps the others' from the previous generation.
 */
export interface ArticleEnricher {
  /** Changes whenever `article` would derive different facts: stored facts of another version are recomputed. */
  version: string;
  article(article: Article): unknown;
  /** Joins the facts of the current articles, in corpus order. Runs at every build, so it must be cheap. */
  combine(facts: readonly { article: string; facts: unknown }[]): Record<string, unknown>;
}

/** Either an `ArticleEnricher` (incremental) or a function of the whole corpus (runs over every article). */
export type Enrich = ((articles: readonly Article[]) => Record<string, unknown>) | ArticleEnricher;

export interface GraphPolicy {
  /** Vectors kept beside the graph and scanned exactly at query time before they are merged into it. */
  maxDeltaVectors: number;
  /** Share of deleted points in the graph above which it is rebuilt from the live vectors. */
  maxDeletedFraction: number;
}

export interface BuildOptions {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: TextEmbedder;
  /** Derives build-time facts (people, timeline) stored beside the chunks; injected so this layer stays generic. */
  enrich?: Enrich;
  onProgress?: (progress: BuildProgress) => void;
  /** Re-embed everything and build a fresh graph, even when nothing changed. */
  force?: boolean;
  /** Called at each `BuildCheckpoint`; fault tests pause or fail the build there. */
  checkpoint?: (point: BuildCheckpoint) => void | Promise<void>;
  graphPolicy?: Partial<GraphPolicy>;
  /**
   * Larger article files are skipped with a warning. Default 2 MB: news articles are tens of kilobytes, and one
   * runaway file would otherwise cost tens of thousands of chunks, seconds of embedding and graph work at every
   * change, and feed the people and date extractors a text they were never meant for.
   */
  maxArticleBytes?: number;
  /** How long to wait for another process's build to finish before refusing as busy. Default 0. */
  lockWaitMs?: number;
}

export interface BuildReport {
  /** False when nothing changed and the index in use was kept. */
  rebuilt: boolean;
  articles: { added: string[]; changed: string[]; removed: string[]; unchanged: string[] };
  chunks: number;
  /** Chunks whose vectors were computed in this build (the rest were reused). */
  embedded: number;
  /** Files not indexed, each with the reason, to be reported by name. */
  skipped: SkippedFile[];
  /** Problems that did not stop the build (an article whose facts could not be derived...). */
  warnings: string[];
  /**
   * How the vector graph was made: shared unchanged, shared with a small exact layer of new vectors (`delta`),
   * merged with that layer, or built afresh.
   */
  graph: 'unchanged' | 'delta' | 'merged' | 'rebuilt';
  /** The generation now in use. */
  generation?: string;
  /** Why the previous index could not be reused at all, if it could not. */
  previousIndexProblem?: string;
  ms: number;
}

export interface PlannedArticle {
  file: string;
  id: string;
  contentHash: string;
  /** Graph label of the first chunk; the others follow consecutively. */
  firstLabel: number;
  chunkCount: number;
  /** Text, chunks and facts; read from the previous generation only when needed (see `entryOf`). */
  entry?: SegmentEntry;
  /** The previous segment holding the article unchanged, when it can be shared. */
  segment?: string;
  /** How the previous manifest lists the article, when it is unchanged. */
  listed?: Manifest['articles'][number];
  /** Chunk texts of a new or changed article, to embed. */
  texts?: string[];
  /** What the enricher derived from the article (set by `deriveFacts`). */
  facts?: unknown;
}

export function labelsOf(article: { firstLabel: number; chunkCount: number }): number[] {
  return Array.from({ length: article.chunkCount }, (_, position) => article.firstLabel + position);
}

/** The article's stored entry, fetched from the previous generation on first use. */
export async function entryOf(
  article: PlannedArticle,
  previous: PreviousGeneration | undefined,
): Promise<SegmentEntry> {
  if (!article.entry) {
    if (!previous) throw new Error(`internal: ${article.file} has no entry and no previous generation`);
    article.entry = await previous.entry(article.file);
  }
  return article.entry;
}

export function isArticleEnricher(enrich: Enrich | undefined): enrich is ArticleEnricher {
  return typeof enrich === 'object';
}
