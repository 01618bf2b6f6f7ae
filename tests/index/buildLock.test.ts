import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../src/index/buildLock.js';
import { temporaryFolders } from '../support/fixtures.js';

const folders = temporaryFolders('article-bot-lock-');
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await folders.removeAll();
});

/** A live process that is not this one, to stand for a builder in another shard. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('could not start a process');
  return child.pid;
}

async function lockHeldBy(holder: { pid: number; host: string }): Promise<string> {
  const directory = await folders.create();
  await writeFile(path.join(directory, 'build.lock'), JSON.stringify(holder));
  return directory;
}

describe('build lock across processes', () => {
  it('GIVEN a lock held by a live process on this host THEN another builder is refused as busy, naming it', async () => {
    const pid = liveProcess();
    const directory = await lockHeldBy({ pid, host: hostname() });
    await expect(acquireBuildLock(directory)).rejects.toMatchObject({
      name: 'BusyError',
      message: expect.stringContaining(`process ${pid}`) as unknown,
    });
  });

  it('GIVEN a lock held by a live process WHEN a builder may wait THEN it takes the lock once the holder lets go', async () => {
    const directory = await lockHeldBy({ pid: liveProcess(), host: hostname() });
    const released = new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
      rm(path.join(directory, 'build.lock')),
    );
    const started = performance.now();
    const lock = await acquireBuildLock(directory, { waitMs: 10_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await released;
    expect(JSON.parse(await readFile(path.join(directory, 'build.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await lock.release();
  });

  it('GIVEN a lock whose holder was killed THEN a builder that will not wait takes it over at once', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    await new Promise((resolve) => child.on('exit', resolve));
    const directory = await lockHeldBy({ pid, host: hostname() });
    const lock = await acquireBuildLock(directory, { waitMs: 0 });
    await lock.release();
  });

  it('GIVEN a lock from another host that is still being touched THEN it is respected; untouched for a minute THEN taken over', async () => {
    const directory = await lockHeldBy({ pid: 1, host: 'another-host.example' });
    await expect(acquireBuildLock(directory)).rejects.toThrow(/process 1 on another-host\.example/);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(path.join(directory, 'build.lock'), aMinuteAgo, aMinuteAgo);
    const lock = await acquireBuildLock(directory);
    await lock.release();
  });

  it('GIVEN two builds in this process WHEN the second may wait THEN it runs after the first releases', async () => {
    const directory = await folders.create();
    const first = await acquireBuildLock(directory);
    const second = acquireBuildLock(directory, { waitMs: 10_000 });
    await expect(Promise.race([second.then(() => 'taken'), sleep(300)])).resolves.toBe('waiting');
    await first.release();
    await (await second).release();
  });
});

function sleep(ms: number): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve('waiting'), ms));
}
