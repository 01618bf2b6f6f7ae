import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GhIjKl.secret-bot-token-value_0123456789';

/** Runs the fixture in its own process and returns what it wrote to stderr, where `createLogger` writes. */
function logsOf(...cases: string[]): string {
  const script = fileURLToPath(new URL('./fixtures/logWithSecrets.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, TOKEN, ...cases], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe('');
  return run.stderr;
}

describe('the bot token in logs', () => {
  it('GIVEN the token logged in messages, fields, headers, nested values, errors and format arguments THEN no log line contains it', () => {
    const logs = logsOf();
    expect(logs.trim().split('\n')).toHaveLength(9);
    expect(logs).toContain('"msg":"done"');
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain('secret-bot-token-value');
    expect(logs.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(7);
  });

  // Bindings of `logger.child(...)` are serialised once, outside the redaction paths: the scrubbed output
  // stream is what keeps them clean.
  it('GIVEN the token bound into a child logger THEN no log line contains it', () => {
    expect(logsOf('bindings')).not.toContain(TOKEN);
  });
});
