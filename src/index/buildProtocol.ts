import type { BuildProgress, BuildReport } from './build.js';
import type { EmbedderSpec } from './embedderSpec.js';

/** A module exporting an `ArticleEnricher`, by URL and export name. */
export interface EnricherModule {
  url: string;
  exportName: string;
}

/** What the serving process asks a build process to do. */
export interface BuildRequest {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: EmbedderSpec;
  /**
   * Where the enricher (people and timeline) lives, as a module URL and the name of its `ArticleEnricher`
   * export: the stages that derive facts sit above this one, so the build process is told where to find them
   * instead of importing them. Absent: no facts (tests that do not need them).
   */
  enricher?: EnricherModule;
  force?: boolean;
  /** How long to wait for another process's build to finish (see `LockOptions.waitMs`). Default 0. */
  lockWaitMs?: number;
}

/** An error as it crosses the process boundary: its class name decides how the bot words it. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  retryAfterMs?: number;
}

export interface ParentMessage {
  type: 'build';
  job: number;
  request: BuildRequest;
  /** Files the serving process has checked against their checksums (see `trustVerified`). */
  verified: [string, string][];
}

export type ChildMessage =
  | { type: 'progress'; job: number; progress: BuildProgress }
  | { type: 'done'; job: number; report: BuildReport }
  | { type: 'failed'; job: number; error: SerializedError };
