/**
 * At most `limit` uses per key (a Discord server) per UTC day; 0 means no limit. Counts live in memory, so a
 * restart starts the day's counts again: the limit bounds a day's spending, it is not an audit.
 */
export class DailyLimit {
  private day = '';
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one use for `key`; false when its day's uses are spent. */
  take(key: string): boolean {
    if (this.limit <= 0) return true;
    const today = new Date(this.now()).toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.counts.clear();
    }
    const used = this.counts.get(key) ?? 0;
    if (used >= this.limit) return false;
    this.counts.set(key, used + 1);
    return true;
  }
}
