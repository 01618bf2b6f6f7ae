import { chunkSentences } from '../corpus/chunk.js';
import { loadCorpus, type SkippedFile } from '../corpus/load.js';
import { splitSentences } from '../corpus/sentences.js';
import type { Article } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import { HnswVectorIndex } from './hnswIndex.js';
import {
  activateGeneration,
  loadCurrentGeneration,
  loadGeneration,
  writeGeneration,
  type LoadedGeneration,
  type StoredChunk,
} from './indexStore.js';
import { IndexInvalidError, SCHEMA_VERSION } from './manifest.js';

export interface BuildProgress {
  stage: 'loading' | 'embedding' | 'writing' | 'verifying' | 'swapping';
  done: number;
  total: number;
}

export interface BuildOptions {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: TextEmbedder;
  /** Derives build-time facts (people, timeline) stored beside the chunks; injected so this layer stays generic. */
  enrich?: (articles: readonly Article[]) => Record<string, unknown>;
  onProgress?: (progress: BuildProgress) => void;
  /** Rebuild even when nothing changed. */
  force?: boolean;
}

export interface BuildReport {
  rebuilt: boolean;
  articles: { added: string[]; changed: string[]; removed: string[]; unchanged: string[] };
  chunks: number;
  /** Chunks whose vectors were computed in this build (the rest were reused). */
  embedded: number;
  skipped: SkippedFile[];
  /** Why the previous index could not be reused at all, if it could not. */
  previousIndexProblem?: string;
  ms: number;
}

/** Embedding is done in slices so progress can be reported and the event loop breathes between them. */
const EMBED_BATCH = 256;

/**
 * Builds the index for the corpus as it is now. Incremental: an article whose content hash and embedder are
 * unchanged keeps its vectors. The new generation is written beside the old one, loaded back and smoke-tested,
 * and only then made current, so a failure at any step leaves the previous index serving.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'loading', done: 0, total: 1 });
  const { articles, skipped } = await loadCorpus(options.corpusDirectory);
  if (articles.length === 0) {
    const reasons = skipped.map((file) => `${file.file}: ${file.reason}`).join('; ');
    throw new IndexInvalidError(
      `no usable article in ${options.corpusDirectory}${reasons ? ` (skipped ${reasons})` : ''}`,
    );
  }

  let previous: LoadedGeneration | undefined;
  let previousIndexProblem: string | undefined;
  try {
    previous = await loadCurrentGeneration(options.indexDirectory);
  } catch (error) {
    previousIndexProblem = error instanceof Error ? error.message : String(error);
  }
  const compatible = previous?.manifest.embedder.id === options.embedder.id ? previous : undefined;
  if (previous && !compatible) previousIndexProblem = `embedder changed (${previous.manifest.embedder.id})`;
  const previousByFile = new Map(compatible?.manifest.articles.map((article) => [article.file, article]));
  const diff = {
    added: articles.filter((article) => !previousByFile.has(article.file)).map((article) => article.id),
    changed: articles
      .filter((article) => {
        const before = previousByFile.get(article.file);
        return before !== undefined && before.contentHash !== article.contentHash;
      })
      .map((article) => article.id),
    removed: [...previousByFile.values()]
      .filter((before) => !articles.some((article) => article.file === before.file))
      .map((before) => before.id),
    unchanged: articles
      .filter((article) => previousByFile.get(article.file)?.contentHash === article.contentHash)
      .map((article) => article.id),
  };
  progress({ stage: 'loading', done: 1, total: 1 });
  if (compatible && !options.force && diff.added.length + diff.changed.length + diff.removed.length === 0) {
    return {
      rebuilt: false,
      articles: diff,
      chunks: compatible.manifest.chunkCount,
      embedded: 0,
      skipped,
      ms: performance.now() - started,
    };
  }

  const reusable = reusableVectors(compatible, new Set(diff.unchanged));
  const chunks: StoredChunk[] = [];
  const texts: string[] = [];
  const perArticle = new Map<string, number>();
  for (const article of articles) {
    const pieces = chunkSentences(article.id, article.text, splitSentences(article.text, article.paragraphs));
    perArticle.set(article.id, pieces.length);
    for (const piece of pieces) {
      chunks.push({
        label: chunks.length,
        articleId: article.id,
        paragraph: piece.paragraphs[0] ?? 1,
        start: piece.start,
        end: piece.end,
      });
      texts.push(piece.text);
    }
  }

  const { dimensions } = options.embedder;
  const vectors = new Float32Array(chunks.length * dimensions);
  let embedded = 0;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index];
    const text = texts[index];
    if (!chunk || text === undefined) continue;
    const reused = reusable.get(`${chunk.articleId}:${chunk.start}:${chunk.end}`);
    vectors.set(reused ?? options.embedder.embed(text), index * dimensions);
    if (!reused) embedded++;
    if (index % EMBED_BATCH === EMBED_BATCH - 1) {
      progress({ stage: 'embedding', done: index + 1, total: chunks.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  progress({ stage: 'embedding', done: chunks.length, total: chunks.length });

  progress({ stage: 'writing', done: 0, total: chunks.length });
  const graph = HnswVectorIndex.create(dimensions, chunks.length);
  for (let index = 0; index < chunks.length; index++) {
    graph.add(vectors.subarray(index * dimensions, (index + 1) * dimensions), index);
  }
  const builtAt = new Date().toISOString();
  const directory = await writeGeneration(options.indexDirectory, {
    manifest: {
      schemaVersion: SCHEMA_VERSION,
      embedder: { id: options.embedder.id, dimensions },
      builtAt,
      chunkCount: chunks.length,
      articles: articles.map((article) => ({
        id: article.id,
        file: article.file,
        contentHash: article.contentHash,
        chunks: perArticle.get(article.id) ?? 0,
      })),
      skipped,
    },
    store: { articles, chunks, extras: options.enrich?.(articles) ?? {} },
    vectors,
    graph,
  });
  progress({ stage: 'writing', done: chunks.length, total: chunks.length });

  progress({ stage: 'verifying', done: 0, total: 1 });
  const written = await loadGeneration(directory);
  const probe = vectors.subarray(0, dimensions);
  if (written.graph.search(probe, 1)[0]?.label !== 0 && chunks.length > 0) {
    throw new IndexInvalidError('the new index failed its smoke query; the previous index stays in use');
  }
  progress({ stage: 'verifying', done: 1, total: 1 });

  progress({ stage: 'swapping', done: 0, total: 1 });
  await activateGeneration(options.indexDirectory, directory);
  progress({ stage: 'swapping', done: 1, total: 1 });
  return {
    rebuilt: true,
    articles: diff,
    chunks: chunks.length,
    embedded,
    skipped,
    ...(previousIndexProblem ? { previousIndexProblem } : {}),
    ms: performance.now() - started,
  };
}

function reusableVectors(
  previous: LoadedGeneration | undefined,
  unchangedIds: ReadonlySet<string>,
): Map<string, Float32Array> {
  const reusable = new Map<string, Float32Array>();
  if (!previous) return reusable;
  const { dimensions } = previous.manifest.embedder;
  previous.store.chunks.forEach((chunk, row) => {
    if (!unchangedIds.has(chunk.articleId)) return;
    reusable.set(
      `${chunk.articleId}:${chunk.start}:${chunk.end}`,
      previous.vectors.subarray(row * dimensions, (row + 1) * dimensions),
    );
  });
  return reusable;
}

function sameSkipped(
  before: readonly { file: string; contentHash: string }[],
  now: readonly SkippedFile[],
): boolean {
  const key = (entry: { file: string; contentHash: string }): string => `${entry.file}:${entry.contentHash}`;
  return before.map(key).sort().join('\n') === now.map(key).sort().join('\n');
}
