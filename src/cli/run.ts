import 'dotenv/config';
import type { Logger } from 'pino';
import type { ArticleBotService } from '../articleBotService.js';
import { ConfigError, loadConfig, secretsOf, type Config } from '../config/config.js';
import { BusyError, InputError } from '../errors.js';
import { IndexInvalidError } from '../index/manifest.js';
import { createLogger } from '../logger.js';
import { createProgressReporter } from './progress.js';

export interface Runtime {
  config: Config;
  logger: Logger;
}

/** Reads and validates the environment once; the logger writes to stderr only. */
export function createRuntime(): Runtime {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, secretsOf(config));
  // Every line of a shard process says which shard wrote it: the shards share one terminal or log stream.
  const { sharding } = config;
  return { config, logger: sharding.mode === 'shard' ? logger.child({ shard: sharding.shard }) : logger };
}

/** Builds the bot with a progress bar for a start-up index build. */
export async function openBot({ config, logger }: Runtime): Promise<ArticleBotService> {
  // Imported here: the shard manager shares this module and must not load the whole bot it never runs.
  const { createArticleBot } = await import('../app.js');
  const progress = createProgressReporter();
  try {
    return await createArticleBot({ config, logger, onBuildProgress: progress.update });
  } finally {
    progress.stop();
  }
}

/** What a person at a terminal should read for an error: our own errors as they are, anything else in one line. */
export function describeError(error: unknown): string {
  if (error instanceof InputError || error instanceof ConfigError || error instanceof BusyError)
    return error.message;
  if (error instanceof IndexInvalidError) return `Index problem: ${error.message}`;
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs a command's body and turns any failure into a clear message on stderr and a non-zero exit,
 * never a stack trace (the log at debug level keeps it for developers).
 */
export async function runCommand(body: (runtime: Runtime) => Promise<void>): Promise<void> {
  let logger: Logger | undefined;
  try {
    const runtime = createRuntime();
    logger = runtime.logger;
    await body(runtime);
  } catch (error) {
    logger?.debug({ err: error }, 'command failed');
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  }
}
