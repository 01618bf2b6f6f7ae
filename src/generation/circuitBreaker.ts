export interface CircuitBreakerOptions {
  /** Failures in a row that open the circuit. */
  failures: number;
  /** How long an open circuit skips the provider before one call may try it again. */
  cooldownMs: number;
  /** Told once when the circuit opens and once when it closes again, for one log line each. */
  onOpen?: (failures: number) => void;
  onClose?: () => void;
  now?: () => number;
}

/**
 * A circuit breaker (Nygard, "Release It!"): after `failures` failed calls in a row the provider is skipped for
 * `cooldownMs`, so members do not each wait out a timeout while it is down. Then one call at a time is let
 * through (half-open): a success closes the circuit, a failure keeps it open for another cooldown.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get open(): boolean {
    return this.openedAt !== undefined;
  }

  /** Whether a call may go to the provider now; a true from an open circuit is its one trial call. */
  allow(): boolean {
    if (this.openedAt === undefined) return true;
    if (this.trialInFlight || this.now() - this.openedAt < this.options.cooldownMs) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    if (this.openedAt !== undefined) {
      this.openedAt = undefined;
      this.options.onClose?.();
    }
  }

  failed(): void {
    this.consecutiveFailures++;
    if (this.openedAt !== undefined) {
      // The trial failed: another cooldown, no new log line (the circuit never closed).
      this.trialInFlight = false;
      this.openedAt = this.now();
      return;
    }
    if (this.consecutiveFailures >= this.options.failures) {
      this.openedAt = this.now();
      this.options.onOpen?.(this.consecutiveFailures);
    }
  }

  /** A call that ended without saying anything about the provider (e.g. cancelled): frees the trial slot. */
  abandoned(): void {
    this.trialInFlight = false;
  }
}
