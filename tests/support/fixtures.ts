// Generic helpers for tests: temporary folders (a corpus, an index directory), seeded randomness and vector
// arithmetic. Nothing here knows about one test file; anything specific belongs beside the test that needs it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Temporary folders that a suite removes when it is done:
 *
 *   const folders = temporaryFolders();
 *   afterEach(folders.removeAll);
 *   const corpus = await folders.create();
 */
export function temporaryFolders(prefix = 'article-bot-test-'): {
  create: () => Promise<string>;
  removeAll: () => Promise<void>;
} {
  const created: string[] = [];
  return {
    create: async () => {
      const folder = await mkdtemp(path.join(tmpdir(), prefix));
      created.push(folder);
      return folder;
    },
    removeAll: async () => {
      await Promise.all(created.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}

/** Writes `files` (name → text or raw bytes) into `folder`, creating it; returns the folder. */
export async function writeFiles(
  folder: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<string> {
  await mkdir(folder, { recursive: true });
  await Promise.all(
    Object.entries(files).map(([name, content]) => writeFile(path.join(folder, name), content)),
  );
  return folder;
}

/** An article file with YAML front matter (values written as JSON strings, which YAML reads back as they are). */
export function articleWithFrontMatter(fields: Readonly<Record<string, string>>, body: string): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

export { seededRandom } from '../../scripts/syntheticCorpus.js';

/** A standard normal sample (Box–Muller), from a uniform generator. */
export function gaussian(random: () => number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/** A vector drawn uniformly from the unit sphere (normalised Gaussian: every direction equally likely). */
export function randomUnitVector(random: () => number, dimensions: number): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => gaussian(random));
  return Float32Array.from(scaleToUnit(vector));
}

export function dotProduct(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

export function euclideanNorm(vector: ArrayLike<number>): number {
  return Math.sqrt(dotProduct(vector, vector));
}

export function cosineSimilarity(left: ArrayLike<number>, right: ArrayLike<number>): number {
  const norms = euclideanNorm(left) * euclideanNorm(right);
  return norms === 0 ? 0 : dotProduct(left, right) / norms;
}

export function scaleToUnit(vector: ArrayLike<number>): number[] {
  const norm = euclideanNorm(vector);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}
