// The generated-answer path's own overhead: a bot over the seed corpus with LLM_PROVIDER=openai, the real
// LangChain client, and a fake OpenAI-compatible server on 127.0.0.1 that replies at once with a grounded answer
// quoting the first passage it was sent. What is timed is `ask` from call to verified answer; the fake server's
// own handling of each request (reading it, writing the reply) is measured apart and taken off.
//
//   npx tsx scripts/bench-generation.ts [--repetitions 20]
//
// `runGenerationBench` is exported for scripts/bench.ts (target: p50 ≤ 5 ms).
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createArticleBot } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { groundedJson, passagesSent, type RecordedRequest } from '../tests/support/fakeModelServer.js';
import { startFakeOpenAiServer } from '../tests/support/fakeOpenAiServer.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface GenerationBenchResult {
  questions: number;
  generatedShare: number;
  /** `ask` with the fake's handling taken off: the target is on this. */
  overheadP50Ms: number;
  overheadP95Ms: number;
  /** `ask` as a caller sees it, the loopback fake's reply included. */
  askP50Ms: number;
  fakeHandlingP50Ms: number;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** A grounded reply quoting the first eight words of the first passage sent, as passage 1. */
function quoteFirstPassage(request: RecordedRequest) {
  const first = passagesSent(request).get(1) ?? '';
  const quote = first.split(/\s+/).slice(0, 8).join(' ');
  return {
    kind: 'reply' as const,
    content: groundedJson({ answer: `As reported [1].`, citations: [{ n: 1, quote }] }),
  };
}

async function questions(): Promise<string[]> {
  try {
    const file = path.join(ROOT, '..', 'shared', 'eval', 'dev-questions.jsonl');
    return (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { q: string }).q);
  } catch {
    return [
      'Which country broke diplomatic ties with Mexico?',
      'Who was granted asylum at the Mexican embassy?',
    ];
  }
}

export async function runGenerationBench({ repetitions = 20 } = {}): Promise<GenerationBenchResult> {
  const server = await startFakeOpenAiServer();
  const folder = await mkdtemp(path.join(tmpdir(), 'article-bot-bench-generation-'));
  try {
    server.otherwise(quoteFirstPassage);
    await cp(path.join(ROOT, 'corpus'), path.join(folder, 'corpus'), { recursive: true });
    const cacheDir = path.join(ROOT, 'data', 'embeddings');
    const config = loadConfig({
      CORPUS_DIR: path.join(folder, 'corpus'),
      INDEX_DIR: path.join(folder, 'index'),
      EMBEDDINGS: existsSync(cacheDir) ? 'wink' : 'hashing',
      EMBEDDINGS_CACHE_DIR: cacheDir,
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: `${server.url}/v1`,
      LLM_MODEL: 'bench-model',
    });
    const bot = await createArticleBot({ config, logger: pino({ level: 'silent' }) });
    const asked = await questions();
    // Warm-up: compiled code, caches, the keep-alive connection.
    for (let round = 0; round < 5; round++) for (const question of asked) await bot.ask(question);
    server.handlingMs.splice(0);
    const totals: number[] = [];
    let generated = 0;
    for (let round = 0; round < repetitions; round++) {
      for (const question of asked) {
        const started = performance.now();
        const answer = await bot.ask(question);
        totals.push(performance.now() - started);
        if (answer.mode === 'generated') generated++;
      }
    }
    // Every ask made exactly one request (no rewrite: the questions are in the articles' language).
    const handling = server.handlingMs.slice(-totals.length);
    const overhead = totals.map((total, index) => total - (handling[index] ?? 0));
    return {
      questions: totals.length,
      generatedShare: generated / totals.length,
      overheadP50Ms: percentile(overhead, 0.5),
      overheadP95Ms: percentile(overhead, 0.95),
      askP50Ms: percentile(totals, 0.5),
      fakeHandlingP50Ms: percentile(handling, 0.5),
    };
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { repetitions: { type: 'string', default: '20' } } });
  const result = await runGenerationBench({ repetitions: Number(values.repetitions) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
