import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/config.js';

/**
 * Structured logs on stderr, so stdout stays clean for the JSON CLI. Known secret keys are redacted by path,
 * and every finished line is scrubbed of the secrets' values on its way out: that also covers a token a library
 * put into an error message, a child logger's bindings, or a format argument, which no key path can name.
 */
export function createLogger(
  level: Config['logLevel'],
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const known = secrets.filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
  const destination = pino.destination(2);
  const scrubbing: DestinationStream = {
    write: (line: string) => {
      destination.write(known.reduce((result, secret) => result.split(secret).join('[redacted]'), line));
    },
  };
  return pino(
    {
      level,
      redact: {
        paths: [
          'token',
          '*.token',
          'apiKey',
          '*.apiKey',
          'config.discord.token',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    known.length > 0 ? scrubbing : destination,
  );
}
