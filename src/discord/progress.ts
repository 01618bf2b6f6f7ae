import type { Logger } from 'pino';
import { describeError } from './errors.js';

/**
 * Shows the latest progress by editing one message, never more often than Discord's edit rate
 * allows: a new stage is always shown, counts within a stage at most every `intervalMs`, and only
 * the newest text is sent when edits pile up.
 */
export class ProgressMessage {
  #pending: string | undefined;
  #running: Promise<void> | undefined;
  #lastStage: string | undefined;
  #lastShownAt = 0;

  constructor(
    private readonly edit: (text: string) => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  show(text: string, stage: string): void {
    const now = Date.now();
    if (stage === this.#lastStage && now - this.#lastShownAt < this.intervalMs) return;
    this.#lastStage = stage;
    this.#lastShownAt = now;
    this.#pending = text;
    this.#running ??= this.#drain();
  }

  /** Resolves once the edits already started are done, so the final result is not overwritten. */
  async settle(): Promise<void> {
    await this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#pending !== undefined) {
      const text = this.#pending;
      this.#pending = undefined;
      try {
        await this.edit(text);
      } catch (error) {
        // Progress is a courtesy; the final edit still reports the outcome.
        this.logger.warn({ error: describeError(error) }, 'could not show progress');
      }
    }
    this.#running = undefined;
  }
}
