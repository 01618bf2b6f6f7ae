import { afterEach, describe, expect, it } from 'vitest';
import type { BuildProgress } from '../../src/index/build.js';
import { loadCurrentGeneration } from '../../src/index/index.js';
import { IndexInvalidError } from '../../src/index/manifest.js';
import { BuildWorker, childEnvironment, runBuildInChildProcess } from '../../src/index/buildWorker.js';
import { FAULT_VARIABLE } from '../../src/index/faults.js';
import { syntheticFiles, workspaces, storeOf } from './support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

// Every case starts a build process (Node, the TypeScript loader, the modules): seconds on a busy machine.
describe('builds in a child process', { timeout: 60_000 }, () => {
  it('GIVEN a corpus WHEN built in a child process THEN progress streams through every stage and the report arrives', async () => {
    const space = await spaces.create(8);
    const stages: BuildProgress['stage'][] = [];
    const report = await runBuildInChildProcess(
      { corpusDirectory: space.corpus, indexDirectory: space.index, embedder: space.spec },
      { onProgress: (progress) => stages.push(progress.stage) },
    );
    expect(report).toMatchObject({ rebuilt: true, graph: 'rebuilt' });
    expect(report.articles.added).toHaveLength(8);
    expect([...new Set(stages)]).toEqual(['loading', 'embedding', 'writing', 'verifying', 'swapping']);
    const generation = await loadCurrentGeneration(space.index);
    expect(storeOf(generation).chunks).toHaveLength(report.chunks);
    // The generation name carries the builder's pid: this one was not built by the test process.
    expect(report.generation).not.toContain(`-${process.pid}-`);
  });

  it('GIVEN one worker WHEN it builds twice THEN the same child serves both and the second finds nothing to do', async () => {
    const space = await spaces.create(4);
    const worker = new BuildWorker();
    try {
      const request = {
        corpusDirectory: space.corpus,
        indexDirectory: space.index,
        embedder: space.spec,
      };
      await worker.build(request);
      const pid = worker.pid;
      await expect(worker.build(request)).resolves.toMatchObject({ rebuilt: false });
      expect(worker.pid).toBe(pid);
    } finally {
      await worker.close();
    }
  });

  it('GIVEN the child died while idle WHEN the next build comes THEN a new child runs it', async () => {
    const space = await spaces.create(3);
    const worker = new BuildWorker();
    try {
      const request = {
        corpusDirectory: space.corpus,
        indexDirectory: space.index,
        embedder: space.spec,
      };
      await worker.build(request);
      const first = worker.pid ?? 0;
      process.kill(first, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await space.write(syntheticFiles(1, 50));
      await expect(worker.build(request)).resolves.toMatchObject({
        rebuilt: true,
        articles: { added: ['synthetic-00050'] },
      });
      expect(worker.pid).not.toBe(first);
    } finally {
      await worker.close();
    }
  });

  it('GIVEN a corpus with no usable article THEN the child’s error arrives with its class and message', async () => {
    const space = await spaces.create(0);
    await space.write({ 'empty.md': '' });
    const failure = runBuildInChildProcess({
      corpusDirectory: space.corpus,
      indexDirectory: space.index,
      embedder: space.spec,
    });
    await expect(failure).rejects.toBeInstanceOf(IndexInvalidError);
    await expect(failure).rejects.toThrow(/no usable article in .+ \(skipped empty\.md: empty file\)/);
  });

  it('GIVEN a recipe that makes another embedder THEN the build fails before writing anything', async () => {
    const space = await spaces.create(2);
    const failure = runBuildInChildProcess({
      corpusDirectory: space.corpus,
      indexDirectory: space.index,
      embedder: { ...space.spec, id: 'hashing:999' },
    });
    await expect(failure).rejects.toThrow(
      'the build process made embedder hashing:32, the bot uses hashing:999',
    );
  });

  it('GIVEN a build that never ends WHEN its time runs out THEN it is stopped and reported, and the next build takes over its lock', async () => {
    const space = await spaces.create(3);
    const request = {
      corpusDirectory: space.corpus,
      indexDirectory: space.index,
      embedder: space.spec,
    };
    const stuck = new BuildWorker({ timeoutMs: 1500, environment: { [FAULT_VARIABLE]: 'before-swap' } });
    try {
      await expect(stuck.build(request)).rejects.toThrow(
        'the build took longer than 0 min and was stopped; the previous index stays in use',
      );
    } finally {
      await stuck.close();
    }
    await expect(space.build()).resolves.toMatchObject({ rebuilt: true });
  });

  it('GIVEN the bot token in the environment THEN the build process never receives it', () => {
    const environment = childEnvironment(
      { DISCORD_TOKEN: 'secret-token-value', CORPUS_DIR: 'corpus' },
      { ARTICLE_BOT_FAULT: 'writing' },
    );
    expect(environment).toEqual({ CORPUS_DIR: 'corpus', ARTICLE_BOT_FAULT: 'writing' });
  });
});
