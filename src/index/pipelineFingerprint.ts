import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The modules whose behaviour decides what an article's paragraphs, chunks and term-based vectors are. An
 * incremental build reuses the chunks and vectors of unchanged files; if this code changed since, they would
 * silently disagree with freshly built ones, so a changed fingerprint makes the next build a full one.
 */
const PIPELINE_MODULES = ['load', 'clean', 'frontMatter', 'sentences', 'chunk', 'tokens'];

let cached: string | undefined;

/**
 * A hash of the source of the corpus pipeline, read once per process. Source rather than a hand-bumped version
 * number, because several people change that code and a forgotten bump would go unnoticed.
 */
export function pipelineFingerprint(): string {
  if (cached !== undefined) return cached;
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const hash = createHash('sha256');
  for (const name of PIPELINE_MODULES) {
    try {
      hash.update(readFileSync(fileURLToPath(new URL(`../corpus/${name}${extension}`, import.meta.url))));
    } catch {
      hash.update(`missing:${name}`);
    }
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
