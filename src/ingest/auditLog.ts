import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/** One change to the corpus, or one refused attempt, as the audit log keeps it. */
export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  /** Who asked: a Discord user tag and id, `cli:<user>`, `terminal`. */
  by: string;
  action: 'add' | 'remove';
  outcome: 'done' | 'refused' | 'failed' | 'rolled-back' | 'completed-after-restart';
  /** The article's id, when it got that far. */
  article?: string;
  title?: string;
  /** The link, attachment or local file it came from. */
  input?: string;
  /** The corpus file written or removed, and its sha256. */
  file?: string;
  sha256?: string;
  reason?: string;
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'at'>): Promise<void>;
}

/**
 * The audit log: JSON lines appended to one file and flushed to disk before the caller goes on, so a change the
 * bot reported is on record even if the machine stops a moment later.
 */
export function fileAuditLog(file: string, now: () => Date = () => new Date()): AuditLog {
  return {
    async record(entry) {
      await mkdir(path.dirname(file), { recursive: true });
      const handle = await open(file, 'a');
      try {
        await handle.write(`${JSON.stringify({ at: now().toISOString(), ...entry })}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}
