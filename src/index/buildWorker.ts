import { fork, type ChildProcess } from 'node:child_process';
import { childNodeArguments, programModule } from '../program.js';
import type { Config } from '../config/config.js';
import type { TextEmbedder } from '../embeddings/types.js';
import { BusyError, InputError } from '../errors.js';
import type { BuildProgress, BuildReport } from './build.js';
import { IndexInvalidError, IndexWriteError } from './manifest.js';
import { describeEmbedder } from './embedderSpec.js';
import { verifiedIdentities } from './verifiedFiles.js';
import type {
  BuildRequest,
  ChildMessage,
  EnricherModule,
  ParentMessage,
  SerializedError,
} from './buildProtocol.js';

export interface BuildWorkerOptions {
  /** Added to the build process's environment (fault tests set `ARTICLE_BOT_FAULT` here). */
  environment?: Readonly<Record<string, string>>;
  /**
   * An idle build process is ended after this long, returning its memory (word vectors, the last corpus).
   * Keeping it between reindexes saves its start-up (~0.7 s: Node, the TypeScript loader, zod, the embedder).
   */
  idleMs?: number;
  /**
   * A build still running after this long is stopped (its process killed) and reported as failed, so a runaway
   * build cannot hold the build lock forever. Default 30 min: a full build of thousands of articles takes minutes.
   */
  timeoutMs?: number;
}

export interface BuildHandlers {
  onProgress?: (progress: BuildProgress) => void;
}

/** Variables a build process never needs; a process that cannot read the bot token cannot leak it. */
const WITHHELD_VARIABLES = ['DISCORD_TOKEN'];

export function childEnvironment(
  environment: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...environment, ...extra };
  for (const name of WITHHELD_VARIABLES) delete result[name];
  return result;
}

function revive(error: SerializedError): Error {
  const message = error.message;
  switch (error.name) {
    case 'IndexWriteError':
      return new IndexWriteError(message);
    case 'IndexInvalidError':
      return new IndexInvalidError(message);
    case 'InputError':
      return new InputError(message);
    case 'BusyError':
      return new BusyError(message, error.retryAfterMs ?? 5000);
    default:
      return Object.assign(new Error(message), error.code ? { code: error.code } : {});
  }
}

interface Job {
  id: number;
  handlers: BuildHandlers;
  resolve: (report: BuildReport) => void;
  reject: (error: Error) => void;
  /** Set when the job ran out of time: the reason its process is being killed. */
  stoppedBecause?: string;
}

/**
 * Runs index builds in a child process, one at a time, so the serving process's event loop stays free: hnswlib's
 * `addPoint` is synchronous and a full build takes seconds. The child is forked on first use and kept while
 * builds keep coming. If it dies mid-build (killed, out of memory), the build's promise rejects with a clear
 * reason, the index in use is untouched (the swap is the build's last step), and the next build forks anew.
 */
export class BuildWorker {
  private child: ChildProcess | undefined;
  private current: Job | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private jobs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;

  constructor(private readonly options: BuildWorkerOptions = {}) {}

  /** The build process's pid, while there is one. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  build(request: BuildRequest, handlers: BuildHandlers = {}): Promise<BuildReport> {
    const result = this.queue.then(() => this.run(request, handlers));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the build process (after the build in progress, if any). */
  async close(): Promise<void> {
    await this.queue;
    this.stopChild();
  }

  private run(request: BuildRequest, handlers: BuildHandlers): Promise<BuildReport> {
    clearTimeout(this.idleTimer);
    const child = this.child ?? this.spawn();
    // While a build runs, the channel keeps this process alive: `npm run reindex` must wait for its report.
    child.channel?.ref();
    return new Promise<BuildReport>((resolve, reject) => {
      const job: Job = { id: ++this.jobs, handlers, resolve, reject };
      this.current = job;
      const message: ParentMessage = { type: 'build', job: job.id, request, verified: verifiedIdentities() };
      const timeoutMs = this.options.timeoutMs ?? 30 * 60_000;
      this.deadline = setTimeout(() => {
        const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
        job.stoppedBecause = `the build took longer than ${minutes} min and was stopped`;
        // Reported once the process is gone (see childGone), so the next build finds its lock stale, not busy.
        child.kill('SIGKILL');
      }, timeoutMs);
      child.send(message, (error) => {
        if (error)
          this.finish(job, undefined, new Error(`could not reach the build process: ${error.message}`));
      });
    });
  }

  private spawn(): ChildProcess {
    const child = fork(programModule('index/buildProcess'), [], {
      execArgv: childNodeArguments(),
      env: childEnvironment(process.env, this.options.environment),
      // stdout belongs to the CLI's answers and JSON: anything the child prints goes to stderr.
      stdio: ['ignore', 2, 2, 'ipc'],
      serialization: 'advanced',
    });
    child.unref();
    child.on('message', (message: ChildMessage) => this.receive(message));
    child.on('error', (error) => this.childGone(child, `the build process failed: ${error.message}`));
    child.on('exit', (code, signal) =>
      this.childGone(
        child,
        signal
          ? `the build process was killed (${signal}) before it finished`
          : `the build process exited (code ${code ?? '?'}) before it finished`,
      ),
    );
    this.child = child;
    return child;
  }

  private receive(message: ChildMessage): void {
    const job = this.current;
    if (!job || message.job !== job.id) return;
    if (message.type === 'progress') job.handlers.onProgress?.(message.progress);
    else if (message.type === 'done') this.finish(job, message.report);
    else this.finish(job, undefined, revive(message.error));
  }

  private childGone(child: ChildProcess, reason: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    clearTimeout(this.idleTimer);
    const job = this.current;
    if (job) {
      const why = job.stoppedBecause ?? reason;
      this.finish(job, undefined, new IndexInvalidError(`${why}; the previous index stays in use`));
    }
  }

  private finish(job: Job, report: BuildReport | undefined, error?: Error): void {
    if (this.current !== job) return;
    this.current = undefined;
    clearTimeout(this.deadline);
    this.child?.channel?.unref();
    this.scheduleIdleStop();
    if (report) job.resolve(report);
    else job.reject(error ?? new Error('the build process sent no report'));
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    const idleMs = this.options.idleMs ?? 5 * 60_000;
    this.idleTimer = setTimeout(() => this.stopChild(), idleMs);
    this.idleTimer.unref();
  }

  private stopChild(): void {
    clearTimeout(this.idleTimer);
    const child = this.child;
    if (!child || this.current) return;
    this.child = undefined;
    // Disconnecting lets the child exit on its own; the kill is for one stuck in native code.
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }
}

/** Builds once in a fresh child process, which then exits. */
export async function runBuildInChildProcess(
  request: BuildRequest,
  handlers: BuildHandlers & BuildWorkerOptions = {},
): Promise<BuildReport> {
  const worker = new BuildWorker({
    ...(handlers.environment ? { environment: handlers.environment } : {}),
    idleMs: 0,
  });
  try {
    return await worker.build(request, handlers.onProgress ? { onProgress: handlers.onProgress } : {});
  } finally {
    await worker.close();
  }
}

export interface ChildProcessRebuildOptions {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: TextEmbedder;
  embeddings: Config['embeddings'];
  /** Used when the embedder cannot be recreated in a child process (a test's custom one). */
  inProcess: (request: {
    force?: boolean;
    onProgress?: (progress: BuildProgress) => void;
  }) => Promise<BuildReport>;
  worker?: BuildWorkerOptions;
  /** The enricher the build process loads (see `BuildRequest.enricher`). */
  enricher?: EnricherModule;
  /**
   * How long a build waits for another process's build (another shard's, `npm run reindex`) to finish before it
   * is refused as busy. Default 10 min: requests from several shards then run one after the other.
   */
  lockWaitMs?: number;
}

/**
 * The bot's `rebuild`: the same `buildIndex` as the CLI's start-up build, run in a `BuildWorker` so questions
 * keep being answered while it runs.
 */
export function createChildProcessRebuild(
  options: ChildProcessRebuildOptions,
): (request: { force?: boolean; onProgress?: (progress: BuildProgress) => void }) => Promise<BuildReport> {
  const spec = describeEmbedder(options.embedder, options.embeddings);
  if (!spec) return options.inProcess;
  const worker = new BuildWorker(options.worker);
  return (request) =>
    worker.build(
      {
        corpusDirectory: options.corpusDirectory,
        indexDirectory: options.indexDirectory,
        embedder: spec,
        ...(options.enricher ? { enricher: options.enricher } : {}),
        lockWaitMs: options.lockWaitMs ?? 10 * 60_000,
        ...(request.force ? { force: true } : {}),
      },
      request.onProgress ? { onProgress: request.onProgress } : {},
    );
}
