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

/** A comma-separated setting as its items, blanks dropped; each item is then checked by the caller's schema. */
const commaSeparated = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const idList = commaSeparated.pipe(
  z.array(z.string().regex(/^\d{17,20}$/, 'must be Discord ids (17 to 20 digits), comma-separated')),
);

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
  SHARDS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(10_000)], {
        error: 'auto, or a whole number of shards from 1',
      })
      .default(1),
  ),
  SHARD_LIST: commaSeparated.pipe(
    z.array(z.coerce.number<string>().int().min(0, 'must be shard ids (0, 1, …), comma-separated')),
  ),
  INDEX_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(0),
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  INDEX_DIR: z.string().trim().min(1).default(path.join('data', 'index')),
  EMBEDDINGS: z.enum(['wink', 'hashing', 'openai', 'ollama']).default('wink'),
  EMBEDDINGS_CACHE_DIR: z.string().trim().min(1).default(path.join('data', 'embeddings')),
  EMBEDDINGS_MODEL: optionalText,
  EMBEDDINGS_BASE_URL: optionalText.pipe(z.url().optional()),
  EMBEDDINGS_API_KEY: optionalText,
  LLM_PROVIDER: z.enum(['none', 'openai', 'ollama']).default('none'),
  LLM_BASE_URL: optionalText.pipe(z.url().optional()),
  LLM_MODEL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(20_000),
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(64).max(32_768).default(700),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  LLM_MAX_PASSAGES: z.coerce.number().int().min(1).max(20).default(6),
  LLM_DAILY_LIMIT_PER_GUILD: z.coerce.number().int().min(0).default(0),
  LLM_STREAMING: flag,
  LLM_STRUCTURED_OUTPUT: z.enum(['json-schema', 'tool-call', 'json-mode']).default('json-schema'),
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(3),
  LLM_BREAKER_COOLDOWN_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
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

/** Where each provider listens when `LLM_BASE_URL` / `EMBEDDINGS_BASE_URL` is left empty. */
export const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  ollama: 'http://127.0.0.1:11434',
} as const;

export type ModelProvider = keyof typeof DEFAULT_BASE_URLS;

/** The language model that writes answers; absent with `LLM_PROVIDER=none` (the default). */
export interface LlmSettings {
  provider: ModelProvider;
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  /** Bounds the whole generation of one answer: search rewrite, reply, the one retry after a 429. */
  timeoutMs: number;
  maxOutputTokens: number;
  temperature: number;
  /** Retrieved passages sent with a question. */
  maxPassages: number;
  /** Generated answers per Discord server per day (UTC); 0 for no limit. */
  dailyLimitPerGuild: number;
  /** Show the answer while it is written (Discord edits at most once a second). */
  streaming: boolean;
  structuredOutput: 'jsonSchema' | 'functionCalling' | 'jsonMode';
  /** After this many failures in a row the provider is skipped for `cooldownMs`. */
  breaker: { failures: number; cooldownMs: number };
}

export interface ProviderEmbeddingSettings {
  provider: ModelProvider;
  /** The word vectors still compare questions with sentences offline (see ProviderEmbeddings). */
  cacheDir: string;
  model: string;
  baseUrl: string;
  apiKey: string | undefined;
  /** Bounds embedding one question (LLM_TIMEOUT_MS). */
  timeoutMs: number;
}

export type EmbeddingSettings =
  | { provider: 'wink'; cacheDir: string }
  | { provider: 'hashing'; cacheDir: string }
  | ProviderEmbeddingSettings;

/**
 * How `npm start` runs the Discord bot: one process (`SHARDS=1`), or a discord.js `ShardingManager` over that
 * many shard processes (`SHARDS=N`, or `auto` for Discord's recommended count). In a shard process, discord.js
 * has replaced `SHARDS` and set `SHARD_COUNT`; the process then knows itself as that shard.
 */
export type Sharding =
  | { mode: 'single' }
  /** `shardList`: the shards this host runs (`SHARD_LIST`), when several hosts share the bot's shards. */
  | { mode: 'manager'; shards: number | 'auto'; shardList?: number[] }
  | { mode: 'shard'; shard: number; shards: number };

export interface Config {
  sharding: Sharding;
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
  embeddings: EmbeddingSettings;
  llm: LlmSettings | undefined;
  reindexMinIntervalMs: number;
  /**
   * How often a serving process looks whether another one (on another host, or `npm run reindex`) made a new
   * index generation current, and follows it; 0 never looks (the shards of one host tell each other).
   */
  indexPollMs: number;
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
  const shard = shardOf(environment);
  // A shard's SHARDS is discord.js's (its own id), not the operator's setting, which the manager already read.
  const parsed = environmentSchema.safeParse(shard ? { ...environment, SHARDS: undefined } : environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  const problems = [...llmProblems(values), ...embeddingProblems(values)];
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    sharding: shard ?? shardingOf(values),
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
    embeddings: embeddingSettings(values),
    llm: llmSettings(values),
    reindexMinIntervalMs: values.REINDEX_MIN_INTERVAL_SECONDS * 1000,
    indexPollMs: values.INDEX_POLL_SECONDS * 1000,
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

type Values = z.infer<typeof environmentSchema>;

function shardingOf(values: Values): Sharding {
  const list = values.SHARD_LIST;
  if (values.SHARDS === 1 && list.length === 0) return { mode: 'single' };
  const total = values.SHARDS;
  const outside = typeof total === 'number' ? list.filter((id) => id >= total) : [];
  if (outside.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  SHARD_LIST: shard ${outside.join(', ')} is not below SHARDS=${total}`,
    );
  }
  return { mode: 'manager', shards: total, ...(list.length > 0 ? { shardList: list } : {}) };
}

/** This process's shard when a discord.js `ShardingManager` started it (it sets these three variables). */
function shardOf(environment: NodeJS.ProcessEnv): Extract<Sharding, { mode: 'shard' }> | undefined {
  if (environment['SHARDING_MANAGER'] !== 'true') return undefined;
  const shard = Number(environment['SHARDS']);
  const shards = Number(environment['SHARD_COUNT']);
  if (!Number.isInteger(shard) || !Number.isInteger(shards) || shard < 0 || shard >= shards) {
    throw new ConfigError(
      `Invalid configuration:\n  SHARDS: a shard process needs its shard id below SHARD_COUNT (got ${environment['SHARDS']} of ${environment['SHARD_COUNT']})`,
    );
  }
  return { mode: 'shard', shard, shards };
}

const STRUCTURED_OUTPUT = {
  'json-schema': 'jsonSchema',
  'tool-call': 'functionCalling',
  'json-mode': 'jsonMode',
} as const;

function llmProblems(values: Values): string[] {
  if (values.LLM_PROVIDER === 'none') return [];
  const problems: string[] = [];
  if (!values.LLM_MODEL) problems.push(`LLM_MODEL: required with LLM_PROVIDER=${values.LLM_PROVIDER}`);
  if (values.LLM_PROVIDER === 'openai' && !values.LLM_BASE_URL && !values.LLM_API_KEY) {
    problems.push(
      'LLM_API_KEY: required for OpenAI itself (set LLM_BASE_URL for a server that needs no key)',
    );
  }
  return problems;
}

function embeddingProblems(values: Values): string[] {
  const provider = values.EMBEDDINGS;
  if (provider !== 'openai' && provider !== 'ollama') return [];
  const problems: string[] = [];
  if (!values.EMBEDDINGS_MODEL) problems.push(`EMBEDDINGS_MODEL: required with EMBEDDINGS=${provider}`);
  const baseUrl =
    values.EMBEDDINGS_BASE_URL ?? (values.LLM_PROVIDER === provider ? values.LLM_BASE_URL : undefined);
  if (provider === 'openai' && !baseUrl && !(values.EMBEDDINGS_API_KEY ?? values.LLM_API_KEY)) {
    problems.push('EMBEDDINGS_API_KEY (or LLM_API_KEY): required for OpenAI itself');
  }
  return problems;
}

function llmSettings(values: Values): LlmSettings | undefined {
  const provider = values.LLM_PROVIDER;
  if (provider === 'none') return undefined;
  return {
    provider,
    baseUrl: values.LLM_BASE_URL ?? DEFAULT_BASE_URLS[provider],
    model: values.LLM_MODEL ?? '',
    apiKey: values.LLM_API_KEY,
    timeoutMs: values.LLM_TIMEOUT_MS,
    maxOutputTokens: values.LLM_MAX_OUTPUT_TOKENS,
    temperature: values.LLM_TEMPERATURE,
    maxPassages: values.LLM_MAX_PASSAGES,
    dailyLimitPerGuild: values.LLM_DAILY_LIMIT_PER_GUILD,
    streaming: values.LLM_STREAMING,
    structuredOutput: STRUCTURED_OUTPUT[values.LLM_STRUCTURED_OUTPUT],
    breaker: {
      failures: values.LLM_BREAKER_FAILURES,
      cooldownMs: values.LLM_BREAKER_COOLDOWN_SECONDS * 1000,
    },
  };
}

function embeddingSettings(values: Values): EmbeddingSettings {
  const cacheDir = path.resolve(values.EMBEDDINGS_CACHE_DIR);
  const provider = values.EMBEDDINGS;
  if (provider === 'wink') return { provider, cacheDir };
  if (provider === 'hashing') return { provider, cacheDir };
  // The embeddings endpoint is the language model's unless said otherwise: one server, one key.
  const sameProvider = values.LLM_PROVIDER === provider;
  return {
    provider,
    cacheDir,
    model: values.EMBEDDINGS_MODEL ?? '',
    baseUrl:
      values.EMBEDDINGS_BASE_URL ??
      (sameProvider ? values.LLM_BASE_URL : undefined) ??
      DEFAULT_BASE_URLS[provider],
    apiKey: values.EMBEDDINGS_API_KEY ?? values.LLM_API_KEY,
    timeoutMs: values.LLM_TIMEOUT_MS,
  };
}

/** Every secret the configuration holds, for the logger to scrub from every line. */
export function secretsOf(config: Config): string[] {
  const secrets = [config.discord.token, config.llm?.apiKey];
  if (config.embeddings.provider === 'openai' || config.embeddings.provider === 'ollama') {
    secrets.push(config.embeddings.apiKey);
  }
  return secrets.filter((secret): secret is string => secret !== undefined);
}
