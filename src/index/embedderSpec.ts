import type { Config } from '../config/config.js';
import { createEmbedder } from '../embeddings/createEmbedder.js';
import { HashingEmbeddings } from '../embeddings/hashingEmbeddings.js';
import type { TextEmbedder } from '../embeddings/types.js';
import { WordVectorEmbeddings } from '../embeddings/wordVectorEmbeddings.js';

/**
 * How a build process makes the same embedder as the serving process: an embedder object cannot cross a
 * process boundary, so its recipe does. The id is checked on arrival, so a recipe that yields another embedder
 * fails the build instead of writing vectors the bot cannot compare with its questions.
 */
export type EmbedderSpec =
  | { provider: 'hashing'; dimensions: number; id: string }
  | { provider: 'wink'; cacheDir: string; id: string };

/** The recipe for `embedder`, or undefined when a child process cannot reproduce it (then build in-process). */
export function describeEmbedder(
  embedder: TextEmbedder,
  settings: Config['embeddings'],
): EmbedderSpec | undefined {
  if (embedder instanceof HashingEmbeddings) {
    return { provider: 'hashing', dimensions: embedder.dimensions, id: embedder.id };
  }
  if (embedder instanceof WordVectorEmbeddings && settings.provider === 'wink') {
    return { provider: 'wink', cacheDir: settings.cacheDir, id: embedder.id };
  }
  return undefined;
}

export async function createEmbedderFromSpec(spec: EmbedderSpec): Promise<TextEmbedder> {
  const embedder =
    spec.provider === 'hashing'
      ? new HashingEmbeddings(spec.dimensions)
      : await createEmbedder({ provider: 'wink', cacheDir: spec.cacheDir });
  if (embedder.id !== spec.id) {
    throw new Error(`the build process made embedder ${embedder.id}, the bot uses ${spec.id}`);
  }
  return embedder;
}
