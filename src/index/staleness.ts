import { knownFilesOf, scanCorpus } from './corpusScan.js';
import { currentGenerationName, generationDirectory } from './generations.js';
import { FILES, type CorpusStats, type Manifest } from './manifest.js';
import { readVerified } from './verifiedFiles.js';

/** Why a stored index no longer fits the corpus and embedder it would serve, or undefined when it still does. */
export function staleness(
  manifest: Manifest,
  embedder: { id: string; dimensions: number },
  corpusHashes: ReadonlyMap<string, string>,
): string | undefined {
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    return `embedder changed (${manifest.embedder.id} → ${embedder.id})`;
  }
  const stored = new Map(
    [...manifest.articles, ...manifest.skipped].map((entry) => [entry.file, entry.contentHash]),
  );
  const changed = [...corpusHashes].filter(([file, hash]) => stored.get(file) !== hash).map(([file]) => file);
  const removed = [...stored.keys()].filter((file) => !corpusHashes.has(file));
  if (changed.length > 0 || removed.length > 0) {
    const parts = [
      changed.length > 0 ? `${changed.length} new or changed (${changed.slice(0, 3).join(', ')})` : '',
      removed.length > 0 ? `${removed.length} removed (${removed.slice(0, 3).join(', ')})` : '',
    ].filter(Boolean);
    return `corpus changed: ${parts.join(', ')}`;
  }
  return undefined;
}

/**
 * Why the index in use no longer fits the corpus and embedder it would serve, or undefined when it still does.
 * Costs one `stat` per unchanged corpus file, as a build's scan does (a file whose identity is the one recorded
 * when the generation was built is not read), so starting on a large corpus does not read all of it.
 */
export async function indexStaleness(options: {
  indexDirectory: string;
  corpusDirectory: string;
  manifest: Manifest;
  embedder: { id: string; dimensions: number };
}): Promise<string | undefined> {
  const { manifest } = options;
  const name = await currentGenerationName(options.indexDirectory);
  if (name === undefined) return `no index in ${options.indexDirectory} yet`;
  const directory = generationDirectory(options.indexDirectory, name);
  const stats = JSON.parse(
    (await readVerified(directory, manifest, FILES.corpusStats)).toString('utf8'),
  ) as CorpusStats;
  const scanned = await scanCorpus(options.corpusDirectory, knownFilesOf(manifest, stats), {
    previousScanStartedAt: stats.startedAt,
  });
  const hashes = new Map(
    [...scanned.articles, ...scanned.skipped, ...scanned.unreadable].map((file) => [
      file.file,
      file.contentHash,
    ]),
  );
  return staleness(manifest, options.embedder, hashes);
}
