import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's programs (`src/cli/main.ts` by default) as a user would, with only the environment
 * given (and the offline hashing embedder), `input` on stdin, started in `cwd` (the project's root by default).
 */
export async function runProgram(
  args: string[],
  environment: Record<string, string>,
  input?: string,
  entry = 'src/cli/main.ts',
  cwd = root,
): Promise<CliResult> {
  const child = run(tsx, [path.join(root, entry), ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', EMBEDDINGS: 'hashing', LOG_LEVEL: 'warn', ...environment },
    timeout: 30_000,
  });
  child.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
