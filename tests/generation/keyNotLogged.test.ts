// The API key never appears in a log line or an error message, even when a provider echoes it back. The CLI
// runs in its own process: the logger writes to file descriptor 2, which only a parent process can read.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HARBOUR_ARTICLE } from '../support/articleBotFixture.js';
import type { FakeModelServer, RecordedRequest } from '../support/fakeModelServer.js';
import { startFakeOpenAiServer } from '../support/fakeOpenAiServer.js';
import { temporaryFolders, writeFiles } from '../support/fixtures.js';

const run = promisify(execFile);
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const KEY = 'sk-proj-Zq8v1XwT3BlbkFJ-test-key-7c41e9';

describe('the language model API key', () => {
  let server: FakeModelServer;
  const folders = temporaryFolders();
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  afterEach(folders.removeAll);

  it('GIVEN a provider that rejects the key and echoes it back, at debug level THEN neither the log nor the output holds it', async () => {
    // Every chat request is refused with the key in the error, as a careless gateway might.
    server.script(
      ...Array.from({ length: 4 }, () => (request: RecordedRequest) => ({
        kind: 'status' as const,
        status: 401,
        body: `Incorrect API key provided: ${request.headers.authorization ?? ''}`,
      })),
    );
    const folder = await folders.create();
    const corpus = await writeFiles(path.join(folder, 'corpus'), { 'harbour.md': HARBOUR_ARTICLE });
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'ask', '--json', 'How much did the bridge cost?'],
      {
        cwd: root,
        timeout: 60_000,
        env: {
          PATH: process.env['PATH'] ?? '',
          CORPUS_DIR: corpus,
          INDEX_DIR: path.join(folder, 'index'),
          EMBEDDINGS: 'hashing',
          LOG_LEVEL: 'debug',
          LLM_PROVIDER: 'openai',
          LLM_BASE_URL: `${server.url}/v1`,
          LLM_MODEL: 'fake-model',
          LLM_API_KEY: KEY,
        },
      },
    );
    expect(server.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(stderr).toContain('language model failed');
    expect(stderr).toContain('[redacted]');
    expect(stderr).not.toContain(KEY);
    expect(stdout).not.toContain(KEY);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'extractive', model: null });
  });
});
