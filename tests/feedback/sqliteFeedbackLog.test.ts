import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SchemaTooNewError, type Migration } from '../../src/feedback/migrations.js';
import { SqliteFeedbackLog } from '../../src/feedback/sqliteFeedbackLog.js';
import type { FeedbackEntry } from '../../src/feedback/types.js';
import { temporaryFolders } from '../support/fixtures.js';

const folders = temporaryFolders('article-bot-feedback-');
const opened: SqliteFeedbackLog[] = [];
afterEach(async () => {
  for (const log of opened.splice(0)) log.close();
  await folders.removeAll();
});

const DAY = 86_400_000;
const NOW = new Date('2024-06-01T12:00:00Z');

async function feedbackLog(
  options: { retentionDays?: number; migrations?: readonly Migration[]; file?: string } = {},
) {
  const file = options.file ?? path.join(await folders.create(), 'data', 'feedback.sqlite');
  const log = new SqliteFeedbackLog({
    file,
    retentionDays: options.retentionDays ?? 90,
    now: () => NOW,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  opened.push(log);
  return { log, file };
}

function entry(question: string, daysAgo: number, kind: FeedbackEntry['kind'] = 'unanswered'): FeedbackEntry {
  return {
    kind,
    question,
    mode: 'extractive',
    articles: ['harbour', 'harbour', 'ferry'],
    at: new Date(NOW.getTime() - daysAgo * DAY),
  };
}

describe('the feedback database', () => {
  it('GIVEN nothing recorded or read THEN no database file is created', async () => {
    const { file } = await feedbackLog();
    expect(existsSync(file)).toBe(false);
  });

  it('GIVEN questions recorded THEN stores only question, kind, mode, cited article ids and time', async () => {
    const { log, file } = await feedbackLog();
    log.record(entry('Who is the harbour master?', 1));
    log.close();
    const database = new BetterSqlite3(file, { readonly: true });
    try {
      const columns = (database.pragma('table_info(feedback)') as Array<{ name: string }>).map(
        (column) => column.name,
      );
      expect(columns).toEqual(['id', 'kind', 'question', 'mode', 'articles', 'at']);
      expect(database.prepare('SELECT kind, question, mode, articles, at FROM feedback').all()).toEqual([
        {
          kind: 'unanswered',
          question: 'Who is the harbour master?',
          mode: 'extractive',
          articles: '["harbour","ferry"]',
          at: NOW.getTime() - DAY,
        },
      ]);
    } finally {
      database.close();
    }
  });

  it('GIVEN a period THEN reports only questions asked within it, grouped, with counts', async () => {
    const { log } = await feedbackLog();
    log.record(entry('When does the ferry stop?', 40));
    log.record(entry('When does the ferry stop?', 2));
    log.record(entry('when does the ferry stop', 1, 'disliked'));
    log.record(entry('Who built the bridge?', 3));
    const month = log.gaps({ days: 30, limit: 10 });
    expect(month).toMatchObject({
      days: 30,
      since: new Date(NOW.getTime() - 30 * DAY).toISOString(),
      recording: true,
      total: 3,
    });
    expect(month.gaps.map((gap) => [gap.question, gap.count, gap.unanswered, gap.disliked])).toEqual([
      ['when does the ferry stop', 2, 1, 1],
      ['Who built the bridge?', 1, 1, 0],
    ]);
    expect(log.gaps({ days: 60, limit: 10 }).total).toBe(4);
  });

  it('GIVEN entries older than the retention THEN they are deleted when the database is opened', async () => {
    const first = await feedbackLog({ retentionDays: 90 });
    first.log.record(entry('Old question?', 120));
    first.log.record(entry('Recent question?', 10));
    first.log.close();
    const reopened = await feedbackLog({ retentionDays: 90, file: first.file });
    expect(reopened.log.gaps({ days: 3650, limit: 10 }).gaps.map((gap) => gap.question)).toEqual([
      'Recent question?',
    ]);
  });
});

describe('schema migrations', () => {
  const SECOND: Migration = {
    version: 2,
    description: 'a column for a later feature',
    sql: "ALTER TABLE feedback ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
  };

  it('GIVEN a new database THEN every step runs once and the version is recorded', () => {
    const database = new BetterSqlite3(':memory:');
    expect(migrate(database)).toEqual([1]);
    expect(database.pragma('user_version', { simple: true })).toBe(1);
    expect(migrate(database)).toEqual([]);
    database.close();
  });

  it('GIVEN a database written by the previous version THEN only the new step runs and the rows survive', async () => {
    const { log, file } = await feedbackLog();
    log.record(entry('Kept across the upgrade?', 1));
    log.close();
    const upgraded = await feedbackLog({ file, migrations: [...MIGRATIONS, SECOND] });
    expect(upgraded.log.gaps({ days: 30, limit: 10 }).total).toBe(1);
    upgraded.log.close();
    const database = new BetterSqlite3(file, { readonly: true });
    expect(database.pragma('user_version', { simple: true })).toBe(2);
    expect(database.prepare('SELECT language FROM feedback').get()).toEqual({ language: 'en' });
    database.close();
  });

  it('GIVEN a database from a newer article-bot THEN refuses it instead of guessing', () => {
    const database = new BetterSqlite3(':memory:');
    migrate(database, [...MIGRATIONS, SECOND]);
    expect(() => migrate(database)).toThrow(SchemaTooNewError);
    database.close();
  });

  it('GIVEN a step that fails THEN the database stays at the version before it', () => {
    const database = new BetterSqlite3(':memory:');
    const broken: Migration = {
      version: 2,
      description: 'broken',
      sql: 'CREATE TABLE x (a); SELECT * FROM missing_table;',
    };
    expect(() => migrate(database, [...MIGRATIONS, broken])).toThrow();
    expect(database.pragma('user_version', { simple: true })).toBe(1);
    expect(database.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").all()).toEqual([]);
    database.close();
  });
});
