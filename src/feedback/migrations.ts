import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  /** What the migration does, for the log. */
  description: string;
  sql: string;
}

/**
 * The feedback database's schema, one step per version; a database is brought up to the last step when it is
 * opened. Never edit a step once released: add the next one. The version lives in SQLite's `user_version`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'questions not answered and answers marked unhelpful',
    sql: `
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('unanswered', 'disliked')),
        question TEXT NOT NULL,
        mode TEXT NOT NULL,
        -- JSON array of the cited article ids.
        articles TEXT NOT NULL DEFAULT '[]',
        -- Milliseconds since the epoch.
        at INTEGER NOT NULL
      );
      CREATE INDEX feedback_at ON feedback (at);
    `,
  },
];

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/**
 * Applies every migration newer than the database, each in its own transaction with its version, so a crash
 * between two leaves a database at a known version. Returns the versions applied. A database newer than the
 * code (a downgrade) is refused rather than guessed at.
 */
export function migrate(database: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = database.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `the feedback database is at schema version ${current}, newer than this version of article-bot knows (${latest})`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    database.transaction(() => {
      database.exec(migration.sql);
      database.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
