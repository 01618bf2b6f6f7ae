import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { groupQuestions, type RecordedQuestion } from './groupQuestions.js';
import { migrate, type Migration, MIGRATIONS } from './migrations.js';
import type { FeedbackEntry, FeedbackKind, FeedbackLog, GapQuery, GapReport } from './types.js';

const DAY_MS = 86_400_000;
/** Old entries are deleted at opening and then at most this often, as entries are recorded. */
const PRUNE_INTERVAL_MS = 3_600_000;
/** A question longer than this is kept cut: /ask refuses far longer ones, and gaps show the opening anyway. */
const QUESTION_CHARACTERS = 1000;

export interface SqliteFeedbackLogOptions {
  /** The database file; its folder is created. */
  file: string;
  retentionDays: number;
  now?: () => Date;
  migrations?: readonly Migration[];
}

/**
 * Feedback in a SQLite file (better-sqlite3: synchronous, in-process, a few microseconds a write, nothing to
 * run beside the bot). The database is opened, migrated and pruned of entries older than the retention on first
 * use, so a command that never records or reads feedback never creates it. WAL mode lets `npm run gaps` read
 * while the bot writes.
 */
export class SqliteFeedbackLog implements FeedbackLog {
  readonly recording = true;
  private database: Database | undefined;
  private lastPrune = 0;
  private readonly now: () => Date;

  constructor(private readonly options: SqliteFeedbackLogOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private open(): Database {
    if (this.database) return this.database;
    mkdirSync(path.dirname(this.options.file), { recursive: true });
    const database = new BetterSqlite3(this.options.file);
    try {
      database.pragma('journal_mode = WAL');
      database.pragma('busy_timeout = 2000');
      migrate(database, this.options.migrations ?? MIGRATIONS);
    } catch (error) {
      database.close();
      throw error;
    }
    this.database = database;
    this.prune();
    return database;
  }

  private prune(): void {
    const now = this.now().getTime();
    this.lastPrune = now;
    this.open()
      .prepare('DELETE FROM feedback WHERE at < ?')
      .run(now - this.options.retentionDays * DAY_MS);
  }

  record(entry: FeedbackEntry): void {
    const database = this.open();
    if (this.now().getTime() - this.lastPrune > PRUNE_INTERVAL_MS) this.prune();
    database
      .prepare('INSERT INTO feedback (kind, question, mode, articles, at) VALUES (?, ?, ?, ?, ?)')
      .run(
        entry.kind,
        entry.question.slice(0, QUESTION_CHARACTERS),
        entry.mode,
        JSON.stringify([...new Set(entry.articles)]),
        entry.at.getTime(),
      );
  }

  gaps({ days, limit }: GapQuery): GapReport {
    const since = this.now().getTime() - days * DAY_MS;
    const rows = this.open()
      .prepare('SELECT kind, question, articles, at FROM feedback WHERE at >= ? ORDER BY at')
      .all(since) as Array<{ kind: FeedbackKind; question: string; articles: string; at: number }>;
    const records: RecordedQuestion[] = rows.map((row) => ({ ...row, articles: parseIds(row.articles) }));
    return {
      days,
      since: new Date(since).toISOString(),
      recording: true,
      total: records.length,
      gaps: groupQuestions(records, limit),
    };
  }

  close(): void {
    this.database?.close();
    this.database = undefined;
  }
}

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
