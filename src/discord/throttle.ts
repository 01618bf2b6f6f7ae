import { BusyError } from '../errors.js';

/** Per-user cooldown: one question per user per `cooldownMs`. */
export class Cooldowns {
  readonly #lastAccepted = new Map<string, number>();

  constructor(
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Accepts a question from `userId` and starts their cooldown, or returns how long they must still wait. */
  take(userId: string): { accepted: true } | { accepted: false; retryAfterMs: number } {
    if (this.cooldownMs <= 0) return { accepted: true };
    const now = this.now();
    const last = this.#lastAccepted.get(userId);
    if (last !== undefined && now - last < this.cooldownMs) {
      return { accepted: false, retryAfterMs: this.cooldownMs - (now - last) };
    }
    this.#lastAccepted.set(userId, now);
    // Forget users whose cooldown is long over, so the map stays as small as the set of active users.
    if (this.#lastAccepted.size > 1000) {
      for (const [user, at] of this.#lastAccepted) {
        if (now - at >= this.cooldownMs) this.#lastAccepted.delete(user);
      }
    }
    return { accepted: true };
  }
}

export interface Ticket<T> {
  result: Promise<T>;
  /** 0 once running; otherwise how many are ahead in line, counting this one (1 = next). */
  position(): number;
}

/**
 * At most `maxInFlight` tasks run at once; the rest wait in line, first come first served. The line
 * is bounded too: past `maxQueued` waiting, a task is refused with a `BusyError` rather than
 * piling up work nobody will wait for.
 */
export class ConcurrencyLimit {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly maxInFlight: number,
    private readonly maxQueued: number,
  ) {}

  get running(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  enqueue<T>(task: () => Promise<T>): Ticket<T> {
    if (this.#running < this.maxInFlight) {
      this.#running += 1;
      return { result: this.#execute(task), position: () => 0 };
    }
    if (this.#waiting.length >= this.maxQueued) {
      return {
        result: Promise.reject(
          new BusyError('Too many questions are waiting; please ask again shortly.', 5000),
        ),
        position: () => 0,
      };
    }
    let begin: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      begin = resolve;
    });
    this.#waiting.push(begin);
    return {
      result: turn.then(() => this.#execute(task)),
      position: () => this.#waiting.indexOf(begin) + 1,
    };
  }

  /** The caller holds a slot; on finishing, the slot passes straight to the next in line, so nobody can slip in between. */
  async #execute<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next === undefined) this.#running -= 1;
      else next();
    }
  }
}
