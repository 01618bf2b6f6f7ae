import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A switch that is on unless set to false: for safeguards and records the operator opts out of. */
const onUnlessFalse = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => !(value === 'false' || value === '0' || value === 'no'));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

const idList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(z.string().regex(/^\d{17,20}$/, 'must be Discord ids (17 to 20 digits), comma-separated')));

const environmentSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{17,20}$/)
      .optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{17,20}$/)
      .optional(),
  ),
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  MESSAGE_CONTENT_INTENT: flag,
  MODERATOR_ROLE_IDS: idList,
  COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(3),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  REINDEX_MIN_INTERVAL_SECONDS: z.coerce.number().min(0).default(30),
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  INDEX_DIR: z.string().trim().min(1).default(path.join('data', 'index')),
  EMBEDDINGS: z.enum(['wink', 'hashing']).default('wink'),
  EMBEDDINGS_CACHE_DIR: z.string().trim().min(1).default(path.join('data', 'embeddings')),
  DATA_DIR: z.string().trim().min(1).default('data'),
  ARTICLE_FETCH_ALLOW_PRIVATE: flag,
  ARTICLE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  ARTICLE_FETCH_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(20),
  FEEDBACK_LOG: onUnlessFalse,
  FEEDBACK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  discord: {
    token: string | undefined;
    applicationId: string | undefined;
    guildId: string | undefined;
    apiUrl: string | undefined;
    messageContentIntent: boolean;
    moderatorRoleIds: string[];
    cooldownMs: number;
    maxInFlight: number;
  };
  corpusDir: string;
  indexDir: string;
  embeddings: { provider: 'wink' | 'hashing'; cacheDir: string };
  reindexMinIntervalMs: number;
  /** Where the bot keeps what it writes besides the index: the feedback database, the audit log, removed articles. */
  dataDir: string;
  ingest: {
    /** Fetch pages from loopback, private and link-local addresses too (tests, an intranet news site). */
    allowPrivateAddresses: boolean;
    /** Largest page or attachment read, counted while it streams. */
    maxBytes: number;
    /** The whole fetch, redirects included. */
    timeoutMs: number;
  };
  feedback: { enabled: boolean; retentionDays: number };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates the environment once, at start-up; nothing else in `src/` reads `process.env`.
 * Every problem is reported together, by key, so a bad `.env` is fixed in one pass.
 */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  return {
    discord: {
      token: values.DISCORD_TOKEN,
      applicationId: values.DISCORD_APPLICATION_ID,
      guildId: values.DISCORD_GUILD_ID,
      apiUrl: values.DISCORD_API_URL,
      messageContentIntent: values.MESSAGE_CONTENT_INTENT,
      moderatorRoleIds: values.MODERATOR_ROLE_IDS,
      cooldownMs: values.COOLDOWN_SECONDS * 1000,
      maxInFlight: values.MAX_IN_FLIGHT,
    },
    corpusDir: path.resolve(values.CORPUS_DIR),
    indexDir: path.resolve(values.INDEX_DIR),
    embeddings: { provider: values.EMBEDDINGS, cacheDir: path.resolve(values.EMBEDDINGS_CACHE_DIR) },
    reindexMinIntervalMs: values.REINDEX_MIN_INTERVAL_SECONDS * 1000,
    dataDir: path.resolve(values.DATA_DIR),
    ingest: {
      allowPrivateAddresses: values.ARTICLE_FETCH_ALLOW_PRIVATE,
      maxBytes: values.ARTICLE_MAX_BYTES,
      timeoutMs: values.ARTICLE_FETCH_TIMEOUT_SECONDS * 1000,
    },
    feedback: { enabled: values.FEEDBACK_LOG, retentionDays: values.FEEDBACK_RETENTION_DAYS },
    logLevel: values.LOG_LEVEL,
  };
}
