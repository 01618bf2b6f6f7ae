// Entry point of the build process forked by `BuildWorker`: builds the index off the bot's event loop, where
// hnswlib's synchronous graph work and the corpus scan cannot delay a single answer.
import type { TextEmbedder } from '../embeddings/types.js';
import { BusyError } from '../errors.js';
import { buildIndex, type BuildProgress, type Enrich } from './build.js';
import { createEmbedderFromSpec, type EmbedderSpec } from './embedderSpec.js';
import { faultCheckpoint } from './faults.js';
import type { ChildMessage, EnricherModule, ParentMessage, SerializedError } from './buildProtocol.js';
import { trustVerified } from './verifiedFiles.js';

/** Progress messages of one stage closer together than this are dropped: the bar cannot show them anyway. */
const PROGRESS_INTERVAL_MS = 100;

const embedders = new Map<string, Promise<TextEmbedder>>();
const enrichers = new Map<string, Promise<Enrich>>();
const checkpoint = faultCheckpoint(process.env);

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return {
    name: error.name,
    message: error.message,
    ...(code ? { code } : {}),
    ...(error instanceof BusyError ? { retryAfterMs: error.retryAfterMs } : {}),
  };
}

function embedderFor(spec: EmbedderSpec): Promise<TextEmbedder> {
  const key = JSON.stringify(spec);
  let embedder = embedders.get(key);
  if (!embedder) {
    // Kept for the next build: loading word vectors is the slowest part of a small reindex.
    embedder = createEmbedderFromSpec(spec);
    embedders.set(key, embedder);
    embedder.catch(() => embedders.delete(key));
  }
  return embedder;
}

/** Imported on first use and kept: the people and date extractors load NLP models that take seconds to import. */
function loadEnricher({ url, exportName }: EnricherModule): Promise<Enrich> {
  const key = `${url}#${exportName}`;
  let enricher = enrichers.get(key);
  if (!enricher) {
    enricher = import(url).then((module: Record<string, unknown>) => {
      const found = module[exportName];
      if (typeof found !== 'object' && typeof found !== 'function') {
        throw new Error(`${url} has no enricher named ${exportName}`);
      }
      return found as Enrich;
    });
    enrichers.set(key, enricher);
    enricher.catch(() => enrichers.delete(key));
  }
  return enricher;
}

async function run({ job, request, verified }: ParentMessage): Promise<void> {
  trustVerified(verified);
  let lastProgress = { stage: '', at: 0 };
  const onProgress = (progress: BuildProgress): void => {
    const now = performance.now();
    const stageEnds = progress.done >= progress.total;
    if (progress.stage === lastProgress.stage && !stageEnds && now - lastProgress.at < PROGRESS_INTERVAL_MS)
      return;
    lastProgress = { stage: progress.stage, at: now };
    void send({ type: 'progress', job, progress });
  };
  try {
    const report = await buildIndex({
      corpusDirectory: request.corpusDirectory,
      indexDirectory: request.indexDirectory,
      embedder: await embedderFor(request.embedder),
      ...(request.enricher ? { enrich: await loadEnricher(request.enricher) } : {}),
      onProgress,
      ...(request.force ? { force: true } : {}),
      ...(request.lockWaitMs ? { lockWaitMs: request.lockWaitMs } : {}),
      ...(checkpoint ? { checkpoint } : {}),
    });
    await send({ type: 'done', job, report });
  } catch (error) {
    await send({ type: 'failed', job, error: serialize(error) });
  }
}

let queue = Promise.resolve();
process.on('message', (message: ParentMessage) => {
  if (message.type !== 'build') return;
  queue = queue.then(() => run(message));
});
// The bot is gone: nobody is left to report to, and a build it no longer waits for must not hold the lock.
process.on('disconnect', () => process.exit(0));
