import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runProgram } from '../cli/support.js';
import { HARBOUR_ARTICLE } from '../support/articleBotFixture.js';

const run = promisify(execFile);

// npm start runs the bundle npm run build writes to dist/ (scripts/start.mjs). These tests build it as npm
// install does and run it as npm start does, so a module the bundle cannot carry fails here, not on a server.
describe('npm start from the bundle', () => {
  let directory: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-start-'));
    await mkdir(path.join(directory, 'corpus'));
    await writeFile(path.join(directory, 'corpus', 'harbour.md'), HARBOUR_ARTICLE);
    environment = {
      PATH: process.env['PATH'] ?? '',
      CORPUS_DIR: path.join(directory, 'corpus'),
      INDEX_DIR: path.join(directory, 'index'),
      DATA_DIR: path.join(directory, 'data'),
      EMBEDDINGS: 'hashing',
      LOG_LEVEL: 'info',
    };
  }, 60_000);

  afterAll(() => rm(directory, { recursive: true, force: true }));

  async function start(input: string): Promise<{ stdout: string; stderr: string }> {
    // Started in the temporary folder: /timeline --png writes where the bot was started.
    const child = run(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: directory,
      env: environment,
      timeout: 30_000,
    });
    child.child.stdin?.end(input);
    return child;
  }

  it('GIVEN an index built by npm run reindex from the sources THEN the bundle serves it without rebuilding, and answers', async () => {
    const reindex = await runProgram(['reindex'], environment);
    expect(reindex.code).toBe(0);
    const { stdout, stderr } = await start('How much did the bridge cost?\n/quit\n');
    expect(stdout).toContain('1 article(s) indexed');
    expect(stdout).toContain('310 million dollars');
    // The corpus pipeline's fingerprint reads the same sources from dist/ as from src/: no rebuild.
    expect(stderr).not.toContain('building the index');
  });

  it('GIVEN /timeline --png THEN the bundle finds the fonts it ships with', async () => {
    const { stdout } = await start('/timeline --png\n/quit\n');
    expect(stdout).toMatch(/Timeline picture written to .+timeline\.png/);
  });
});
