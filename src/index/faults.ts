import { rename, writeFile } from 'node:fs/promises';
import type { BuildCheckpoint } from './build.js';

/** Environment variables a fault test sets on a build process. Only the build process entry reads them. */
export const FAULT_VARIABLE = 'ARTICLE_BOT_FAULT';
export const FAULT_READY_FILE_VARIABLE = 'ARTICLE_BOT_FAULT_READY_FILE';

const POINTS: readonly BuildCheckpoint[] = ['embedding', 'writing', 'before-swap'];

/**
 * Turns `ARTICLE_BOT_FAULT` into a checkpoint hook, so a test can stop a real build at a known point:
 *
 * - `<point>` (e.g. `before-swap`): write this process's pid to `ARTICLE_BOT_FAULT_READY_FILE`, then wait
 *   forever, for the test to `kill -9` it there;
 * - `fail:<point>`: fail there as a full disk would (`ENOSPC`).
 *
 * Returns undefined when no fault is asked for, which is always the case outside tests.
 */
export function faultCheckpoint(
  environment: Readonly<Record<string, string | undefined>>,
): ((point: BuildCheckpoint) => Promise<void>) | undefined {
  const fault = environment[FAULT_VARIABLE];
  if (!fault) return undefined;
  const failing = fault.startsWith('fail:');
  const point = (failing ? fault.slice('fail:'.length) : fault) as BuildCheckpoint;
  if (!POINTS.includes(point)) throw new Error(`${FAULT_VARIABLE}=${fault} names no build checkpoint`);
  const readyFile = environment[FAULT_READY_FILE_VARIABLE];
  return async (reached) => {
    if (reached !== point) return;
    if (failing) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write (simulated)'), {
        code: 'ENOSPC',
      });
    }
    if (readyFile) {
      await writeFile(`${readyFile}.tmp`, String(process.pid));
      await rename(`${readyFile}.tmp`, readyFile);
    }
    // Parked until killed: the interval keeps the process alive even if nothing else would.
    await new Promise<never>(() => setInterval(() => undefined, 60_000));
  };
}
