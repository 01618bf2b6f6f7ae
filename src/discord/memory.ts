import type { Answer, ConversationTurn } from '../answer/types.js';

/**
 * A map that forgets its least recently used entries beyond `capacity`, for state the bot keeps only
 * in memory (answers behind Sources buttons, timeline filters, thread conversations): a long-running
 * bot must not grow without bound, and after a restart the user is simply asked to start again.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order, so re-inserting marks the entry as the most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }
}

/**
 * The questions and answers of each thread the bot answers in, oldest first, so a follow-up
 * ("and when did that happen?") is read in context. Only the latest `turnsPerThread` are kept:
 * older turns rarely matter to a follow-up and would only slow retrieval down.
 */
export class ConversationStore {
  readonly #threads: LruCache<string, ConversationTurn[]>;

  constructor(
    threads: number,
    private readonly turnsPerThread: number,
  ) {
    this.#threads = new LruCache(threads);
  }

  has(threadId: string): boolean {
    return this.#threads.has(threadId);
  }

  history(threadId: string): readonly ConversationTurn[] {
    return [...(this.#threads.get(threadId) ?? [])];
  }

  /** Marks a thread as a conversation with the bot before its first answer arrives. */
  open(threadId: string): void {
    if (!this.#threads.has(threadId)) this.#threads.set(threadId, []);
  }

  append(threadId: string, question: string, answer: Answer): void {
    const turns = [...(this.#threads.get(threadId) ?? []), { question, answer }];
    this.#threads.set(threadId, turns.slice(-this.turnsPerThread));
  }
}
