import type { EmbeddingsInterface } from '@langchain/core/embeddings';

/**
 * The LangChain `Embeddings` interface plus what the index must record in its manifest: a stable id
 * (a changed embedder means every stored vector is stale) and the vector size. `embed` is the synchronous
 * path used in tight loops; remote providers would implement only the async methods and an `embed` that throws.
 */
export interface TextEmbedder extends EmbeddingsInterface {
  readonly id: string;
  readonly dimensions: number;
  embed(text: string): number[];
  /**
   * The embedding before any adjustment made for vector search (see WordVectorEmbeddings), for comparing a
   * question with a sentence directly. Embedders that make no such adjustment leave it out.
   */
  embedForComparison?(text: string): number[];
  /**
   * For a remote embedder: fetches the vectors of texts `embed` is about to be asked for, since `embed` cannot
   * wait for the network. Local embedders leave it out.
   */
  prepareQueries?(texts: readonly string[]): Promise<void>;
}

/** The vector to compare texts with directly: the unadjusted one where the embedder has it. */
export function comparisonVector(embedder: TextEmbedder, text: string): number[] {
  return embedder.embedForComparison ? embedder.embedForComparison(text) : embedder.embed(text);
}
