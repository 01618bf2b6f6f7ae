import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';

/**
 * Structured logs on stderr, so stdout stays clean for the JSON CLI. Secrets are redacted by key wherever they
 * appear, and the bot token is also scrubbed from messages in case a library puts it into an error text.
 */
export function createLogger(
  level: Config['logLevel'],
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const known = secrets.filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
  const scrub = (text: string): string =>
    known.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
  return pino(
    {
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'config.discord.token',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((argument) => (typeof argument === 'string' ? scrub(argument) : argument)) as Parameters<
              typeof method
            >,
          );
        },
      },
      formatters: {
        log: (object) => JSON.parse(scrub(JSON.stringify(object))) as Record<string, unknown>,
      },
    },
    pino.destination(2),
  );
}
