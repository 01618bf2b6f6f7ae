import { Embeddings, type EmbeddingsInterface } from '@langchain/core/embeddings';
import { comparisonVector, type TextEmbedder } from './types.js';

export interface ProviderEmbeddingsOptions {
  /** The provider's embeddings (LangChain `OpenAIEmbeddings`, `OllamaEmbeddings`). */
  remote: EmbeddingsInterface;
  /**
   * The offline embedder questions are compared with sentences by: the answerer's features, and the
   * abstention model fitted on them, are in its space, whatever the index is searched with.
   */
  local: TextEmbedder;
  /** `provider:model`; the manifest records it, so changing the provider or model rebuilds the index. */
  name: string;
  dimensions: number;
  /** Runs a call to the provider within the time allowed (the answer's budget). */
  withinDeadline: <T>(work: () => Promise<T>) => Promise<T>;
  /** Hears about a question that could not be embedded; it is then searched by its words alone. */
  onNotice?: (message: string) => void;
}

/** Query vectors kept: a question and its follow-up rewrite, for the questions in flight and recent repeats. */
const QUERIES_KEPT = 2000;

/**
 * A provider's embeddings (EMBEDDINGS=openai|ollama) behind the `TextEmbedder` interface. The index is built
 * with the provider's vectors (`embedDocuments`, in batches); questions are embedded by `prepareQueries` before
 * the synchronous retrieval asks `embed` for them. A question the provider could not embed in time gets a zero
 * vector, which matches nothing, so it is found by its words (BM25) alone rather than not at all.
 */
export class ProviderEmbeddings extends Embeddings implements TextEmbedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly queries = new Map<string, number[]>();
  private missNoticed = false;

  constructor(private readonly options: ProviderEmbeddingsOptions) {
    super({});
    this.id = `${options.name}:${options.dimensions}`;
    this.dimensions = options.dimensions;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors = await this.options.remote.embedDocuments(documents);
    for (const vector of vectors) this.checkSize(vector);
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    await this.prepareQueries([text]);
    return this.embed(text);
  }

  async prepareQueries(texts: readonly string[]): Promise<void> {
    const missing = [...new Set(texts)].filter((text) => !this.queries.has(text));
    if (missing.length === 0) return;
    try {
      const vectors = await this.options.withinDeadline(() => this.options.remote.embedDocuments(missing));
      vectors.forEach((vector, index) => {
        const text = missing[index];
        if (text !== undefined && this.checkSize(vector)) this.remember(text, vector);
      });
    } catch (error) {
      this.options.onNotice?.(
        `could not embed a question with ${this.options.name} (${error instanceof Error ? error.message : String(error)}); searching its words only`,
      );
    }
  }

  embed(text: string): number[] {
    const vector = this.queries.get(text);
    if (vector) return vector;
    // A text nobody prepared means a caller embeds a query `prepareQueries` was not told about: said once.
    if (!this.missNoticed) {
      this.missNoticed = true;
      this.options.onNotice?.(
        `no ${this.options.name} vector was prepared for a query; searching its words only`,
      );
    }
    return new Array<number>(this.dimensions).fill(0);
  }

  embedForComparison(text: string): number[] {
    return comparisonVector(this.options.local, text);
  }

  private remember(text: string, vector: number[]): void {
    if (this.queries.size >= QUERIES_KEPT) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
    this.queries.set(text, vector);
  }

  private checkSize(vector: number[]): true {
    if (vector.length !== this.dimensions) {
      throw new Error(
        `${this.options.name} returned ${vector.length} dimensions, expected ${this.dimensions}`,
      );
    }
    return true;
  }
}
