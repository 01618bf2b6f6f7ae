import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectFile } from '../program.js';

/**
 * The modules whose behaviour decides what an article's paragraphs, chunks and term-based vectors are. An
 * incremental build reuses the chunks and vectors of unchanged files; if this code changed since, they would
 * silently disagree with freshly built ones, so a changed fingerprint makes the next build a full one.
 */
const PIPELINE_MODULES = ['load', 'clean', 'frontMatter', 'sentences', 'chunk', 'tokens', 'spelling'];

let cached: string | undefined;

/**
 * A hash of the source of the corpus pipeline, read once per process. Source rather than a hand-bumped version
 * number, because several people change that code and a forgotten bump would go unnoticed.
 */
export function pipelineFingerprint(): string {
  if (cached !== undefined) return cached;
  const hash = createHash('sha256');
  for (const name of PIPELINE_MODULES) hash.update(sourceOf(name) ?? `missing:${name}`);
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

/**
 * The TypeScript source of a corpus module, whether this runs from src/ (tsx, tests) or from the bundle in
 * dist/ (`npm start`): both must agree, or an index built by one would look outdated to the other.
 */
function sourceOf(name: string): Buffer | undefined {
  try {
    return readFileSync(projectFile(`src/corpus/${name}.ts`));
  } catch {
    return undefined;
  }
}
