// What a build finds and makes before it writes: the previous generation it may reuse, what changed in the
// corpus, the vectors of new chunks and the facts of new articles.
import { chunkSentences } from '../corpus/chunk.js';
import type { SkippedFile } from '../corpus/load.js';
import { splitSentences } from '../corpus/sentences.js';
import type { Article } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import {
  entryOf,
  isArticleEnricher,
  type BuildCheckpoint,
  type BuildOptions,
  type BuildProgress,
  type BuildReport,
  type Enrich,
  type PlannedArticle,
} from './buildTypes.js';
import { knownFilesOf, type KnownFile, type ScannedCorpus } from './corpusScan.js';
import { openPreviousGeneration, type PreviousGeneration } from './previousGeneration.js';
import { IndexInvalidError } from './manifest.js';
import { pipelineFingerprint } from './pipelineFingerprint.js';
import { articleOf, toSegmentEntry } from './segments.js';

/** Embedding is done in slices so progress can be reported and the event loop breathes between them. */
const EMBED_BATCH = 256;

/** The previous generation when the build may reuse it, or why it may not. */
export async function openReusable(
  options: BuildOptions,
): Promise<{ reusable?: PreviousGeneration; problem?: string }> {
  let previous: PreviousGeneration;
  try {
    previous = await openPreviousGeneration(options.indexDirectory);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const { embedder } = previous.manifest;
  if (embedder.id !== options.embedder.id || embedder.dimensions !== options.embedder.dimensions) {
    return { problem: `embedder changed (${embedder.id} → ${options.embedder.id})` };
  }
  if (previous.manifest.pipeline !== pipelineFingerprint()) {
    return { problem: 'the code that splits articles into chunks changed since the last build' };
  }
  return options.force ? {} : { reusable: previous };
}

export function knownFiles(previous: PreviousGeneration | undefined): Map<string, KnownFile> {
  return previous ? knownFilesOf(previous.manifest, previous.corpusStats) : new Map<string, KnownFile>();
}

export function diffCorpus(
  previous: PreviousGeneration | undefined,
  scanned: ScannedCorpus,
): BuildReport['articles'] {
  const before = new Map(previous?.manifest.articles.map((article) => [article.file, article]));
  const now = new Set(scanned.articles.map((article) => article.file));
  return {
    added: scanned.articles.filter((article) => !before.has(article.file)).map((article) => article.id),
    changed: scanned.articles
      .filter((article) => before.has(article.file) && !article.unchanged)
      .map((article) => article.id),
    removed: [...before.values()].filter((article) => !now.has(article.file)).map((article) => article.id),
    unchanged: scanned.articles.filter((article) => article.unchanged).map((article) => article.id),
  };
}

export function sameSkipped(
  before: readonly { file: string; contentHash: string; reason: string }[],
  now: readonly SkippedFile[],
): boolean {
  const key = (entry: { file: string; contentHash: string; reason: string }): string =>
    `${entry.file}:${entry.contentHash}:${entry.reason}`;
  return before.map(key).sort().join('\n') === now.map(key).sort().join('\n');
}

export async function embedNew(
  planned: readonly PlannedArticle[],
  embedder: TextEmbedder,
  progress: (progress: BuildProgress) => void,
  checkpoint: (point: BuildCheckpoint) => void | Promise<void>,
): Promise<Map<number, Float32Array>> {
  // Across articles, in batches through the async LangChain method: a remote embedder (EMBEDDINGS=openai|ollama)
  // makes one request a batch, not one a chunk; a local one computes the same vectors as `embed` would.
  const pending = planned.flatMap((article) =>
    (article.texts ?? []).map((text, index) => ({ label: article.firstLabel + index, text })),
  );
  const total = pending.length;
  const vectors = new Map<number, Float32Array>();
  progress({ stage: 'embedding', done: 0, total });
  for (let start = 0; start < total; start += EMBED_BATCH) {
    const batch = pending.slice(start, start + EMBED_BATCH);
    const embedded = await embedder.embedDocuments(batch.map((item) => item.text));
    if (embedded.length !== batch.length) {
      throw new IndexInvalidError(
        `embedder ${embedder.id} returned ${embedded.length} vectors for ${batch.length} texts`,
      );
    }
    for (const [index, vector] of embedded.entries()) {
      if (vector.length !== embedder.dimensions) {
        throw new IndexInvalidError(
          `embedder ${embedder.id} returned ${vector.length} dimensions, expected ${embedder.dimensions}`,
        );
      }
      vectors.set(batch[index]?.label ?? -1, Float32Array.from(vector));
    }
    if (start === 0) await checkpoint('embedding');
    progress({ stage: 'embedding', done: vectors.size, total });
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress({ stage: 'embedding', done: total, total });
  return vectors;
}

/**
 * Computes the extras of the new generation. An `ArticleEnricher` runs only on articles without current facts
 * (a failure is a warning naming the file, and the article is indexed without facts); the others' come from the
 * previous generation's facts file, and every article's facts are joined. A whole-corpus function runs over every
 * article. Each article's facts are left in its plan, for the facts file.
 */
export async function deriveFacts(
  planned: PlannedArticle[],
  previous: PreviousGeneration | undefined,
  enrich: Enrich | undefined,
  factsCurrent: boolean,
  warnings: string[],
): Promise<Record<string, unknown>> {
  if (!enrich) return {};
  if (!isArticleEnricher(enrich)) {
    const articles: Article[] = [];
    for (const article of planned) articles.push(articleOf(await entryOf(article, previous)));
    try {
      return enrich(articles);
    } catch (error) {
      throw new IndexInvalidError(
        `deriving people and dates from the articles failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const stored = factsCurrent && previous ? await previous.facts() : {};
  for (const article of planned) {
    if (article.listed !== undefined && factsCurrent) {
      article.facts = stored[article.file];
      continue;
    }
    try {
      article.facts = enrich.article(articleOf(await entryOf(article, previous)));
    } catch (error) {
      warnings.push(
        `${article.file}: facts could not be derived (${error instanceof Error ? error.message : String(error)}); indexed without them`,
      );
    }
  }
  return enrich.combine(planned.map((article) => ({ article: article.id, facts: article.facts })));
}

/**
 * One plan per scanned article: an unchanged one keeps its labels, segment and listing; a new or changed one is
 * chunked and gets fresh labels from `nextLabel` on (labels are never reused). Returns the next free label.
 */
export function planArticles(
  scanned: ScannedCorpus,
  previous: PreviousGeneration | undefined,
): { planned: PlannedArticle[]; nextLabel: number } {
  let nextLabel = previous?.manifest.graph.nextLabel ?? 0;
  const previousListing = new Map(previous?.manifest.articles.map((article) => [article.file, article]));
  const planned = scanned.articles.map((scannedArticle): PlannedArticle => {
    const { file, id, contentHash } = scannedArticle;
    if (scannedArticle.unchanged) {
      const listed = previousListing.get(file);
      if (!listed) throw new Error(`internal: ${file} is unchanged but not in the previous index`);
      const { firstLabel, chunks: chunkCount, segment } = listed;
      return { file, id, contentHash, firstLabel, chunkCount, segment, listed };
    }
    const { article } = scannedArticle;
    const pieces = chunkSentences(article.id, article.text, splitSentences(article.text, article.paragraphs));
    const firstLabel = nextLabel;
    const chunks = pieces.map((piece): [number, number, number, number] => [
      nextLabel++,
      piece.paragraphs[0] ?? 1,
      piece.start,
      piece.end,
    ]);
    return {
      file,
      id,
      contentHash,
      firstLabel,
      chunkCount: chunks.length,
      entry: toSegmentEntry(article, chunks),
      texts: pieces.map((piece) => piece.text),
    };
  });
  return { planned, nextLabel };
}
