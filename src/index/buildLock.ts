import { link, mkdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusyError } from '../errors.js';
import { IndexWriteError, describeFsError } from './manifest.js';

const LOCK = 'build.lock';
/** How often a holder touches its lock, so a process on another host can tell it is still alive. */
const HEARTBEAT_MS = 5_000;
/** A lock from another host untouched for this long is stale: its holder died or lost the shared storage. */
const OTHER_HOST_STALE_MS = 30_000;
/** How often a waiting builder looks at the lock again. */
const POLL_MS = 100;

export interface BuildLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /**
   * How long to wait for a live holder to finish before refusing with `BusyError`. Default 0: refuse at once.
   * The serving processes (one per shard) wait, so requests from two shards run one build after the other.
   */
  waitMs?: number;
}

/** Locks held by this process: its own pid in a lock file does not tell two of its builds apart. */
const heldLocks = new Set<string>();

/**
 * Takes `build.lock` so only one process builds into `indexDirectory` at a time (the bot's build processes, one
 * per shard, and `npm run reindex`). The lock file names its holder (pid and host) and is created by `link`,
 * which is atomic, so it never exists without its owner in it. A lock whose holder is gone is taken over: on
 * this host when its pid is no longer alive (a build killed mid-way), from another host sharing the folder when
 * the holder stopped touching it. A live holder makes this wait up to `waitMs`, then refuse with `BusyError`.
 */
export async function acquireBuildLock(
  indexDirectory: string,
  { waitMs = 0 }: LockOptions = {},
): Promise<BuildLock> {
  const file = path.join(path.resolve(indexDirectory), LOCK);
  const deadline = Date.now() + waitMs;
  // Claimed before the first await, so two builds started in the same tick cannot both get past here.
  while (heldLocks.has(file)) {
    if (Date.now() >= deadline) {
      throw new BusyError('another reindex is running in this process; try again when it finishes', 5000);
    }
    await sleep(POLL_MS);
  }
  heldLocks.add(file);
  try {
    await takeLockFile(indexDirectory, file, deadline);
  } catch (error) {
    heldLocks.delete(file);
    throw error;
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release: async () => {
      clearInterval(heartbeat);
      heldLocks.delete(file);
      await unlink(file).catch(() => undefined);
    },
  };
}

async function takeLockFile(indexDirectory: string, file: string, deadline: number): Promise<void> {
  try {
    await mkdir(indexDirectory, { recursive: true });
  } catch (error) {
    throw new IndexWriteError(describeFsError('create the index folder', indexDirectory, error));
  }
  const owner = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let takeovers = 0; takeovers < 3;) {
    // Written aside and then linked into place, so the lock never exists without its owner in it.
    const pending = `${file}.${process.pid}.tmp`;
    try {
      // No fsync: a lock only matters while its process lives, and a crash makes it stale anyway.
      await writeFile(pending, owner);
      await link(pending, file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new IndexWriteError(describeFsError('create', file, error));
      }
    } finally {
      await unlink(pending).catch(() => undefined);
    }
    const holder = await readLockHolder(file);
    if (holder && (await isLive(holder, file))) {
      if (Date.now() >= deadline) {
        throw new BusyError(
          `another reindex (process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}) is running; try again when it finishes`,
          5000,
        );
      }
      await sleep(POLL_MS);
      continue;
    }
    // The holder is gone (killed mid-build), or the lock is unreadable: take it over.
    await unlink(file).catch(() => undefined);
    takeovers++;
  }
  throw new IndexWriteError(`could not take the build lock ${file}`);
}

interface LockHolder {
  pid: number;
  host: string;
}

async function isLive(holder: LockHolder, file: string): Promise<boolean> {
  if (holder.host === hostname()) return holder.pid !== process.pid && isAlive(holder.pid);
  try {
    return Date.now() - (await stat(file)).mtimeMs < OTHER_HOST_STALE_MS;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLockHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined;
  }
}
