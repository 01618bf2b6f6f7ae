import type { BuildProgress, BuildReport } from '../index/build.js';
import type { EmbedderSpec } from './embedderSpec.js';

/** What the serving process asks a build process to do. */
export interface BuildRequest {
  corpusDirectory: string;
  indexDirectory: string;
  embedder: EmbedderSpec;
  /** Derive people and timeline with the bot's enricher; off only where a test does not need them. */
  enrich: boolean;
  force?: boolean;
}

/** An error as it crosses the process boundary: its class name decides how the bot words it. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  retryAfterMs?: number;
}

export type ParentMessage = { type: 'build'; job: number; request: BuildRequest };

export type ChildMessage =
  | { type: 'progress'; job: number; progress: BuildProgress }
  | { type: 'done'; job: number; report: BuildReport }
  | { type: 'failed'; job: number; error: SerializedError };
