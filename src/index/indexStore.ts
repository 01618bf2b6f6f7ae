import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/types.js';
import { HnswVectorIndex } from './hnswIndex.js';
import { FILES, IndexInvalidError, parseManifest, type Manifest } from './manifest.js';
import type { VectorIndex } from './vectorIndex.js';

/** A chunk as stored: its text is `article.text.slice(start, end)`, never a copy that could drift. */
export interface StoredChunk {
  label: number;
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface StoreContents {
  articles: Article[];
  chunks: StoredChunk[];
  /** Facts derived at build time by later stages (people, timeline); the store keeps them opaque. */
  extras: Record<string, unknown>;
}

export interface LoadedGeneration {
  directory: string;
  manifest: Manifest;
  store: StoreContents;
  /** Row i holds the vector of `store.chunks[i]`; kept so an incremental build reuses unchanged vectors. */
  vectors: Float32Array;
  graph: VectorIndex;
}

/**
 * On disk, `INDEX_DIR` holds one directory per build ("generation") and a `CURRENT` file naming the one in use.
 * A build writes a whole new generation, checks it, then replaces `CURRENT` by rename, which is atomic: a crash
 * at any point leaves the previous generation in use. The previous generation is kept for rollback.
 */
const CURRENT = 'CURRENT';
const GENERATIONS = 'generations';

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function writeDurably(file: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface GenerationToWrite {
  manifest: Omit<Manifest, 'checksums'>;
  store: StoreContents;
  vectors: Float32Array;
  graph: VectorIndex;
}

/** Writes a complete generation under a temporary name, then renames it into place. Returns its directory. */
export async function writeGeneration(
  indexDirectory: string,
  generation: GenerationToWrite,
): Promise<string> {
  const root = path.join(indexDirectory, GENERATIONS);
  await mkdir(root, { recursive: true });
  const name = `${generation.manifest.builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  const staging = path.join(root, `${name}.partial`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const storeText = JSON.stringify(generation.store);
  const vectorBytes = new Uint8Array(
    generation.vectors.buffer,
    generation.vectors.byteOffset,
    generation.vectors.byteLength,
  );
  await writeDurably(path.join(staging, FILES.store), storeText);
  await writeDurably(path.join(staging, FILES.vectors), vectorBytes);
  await generation.graph.save(path.join(staging, FILES.graph));
  const manifest: Manifest = {
    ...generation.manifest,
    checksums: {
      [FILES.store]: sha256(storeText),
      [FILES.vectors]: sha256(vectorBytes),
      [FILES.graph]: sha256(await readFile(path.join(staging, FILES.graph))),
    },
  };
  await writeDurably(path.join(staging, FILES.manifest), JSON.stringify(manifest, null, 2));
  const directory = path.join(root, name);
  await rename(staging, directory);
  return directory;
}

/** Makes `directory` the generation in use, atomically, and removes all but it and the one before it. */
export async function activateGeneration(indexDirectory: string, directory: string): Promise<void> {
  const previous = await currentGenerationName(indexDirectory);
  const pointer = path.join(indexDirectory, CURRENT);
  const temporary = `${pointer}.${process.pid}.tmp`;
  await writeDurably(temporary, `${path.basename(directory)}\n`);
  await rename(temporary, pointer);
  const keep = new Set([path.basename(directory), previous]);
  const root = path.join(indexDirectory, GENERATIONS);
  for (const entry of await readdir(root)) {
    if (!keep.has(entry)) await rm(path.join(root, entry), { recursive: true, force: true });
  }
}

export async function currentGenerationName(indexDirectory: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(indexDirectory, CURRENT), 'utf8')).trim();
    return /^[\w-]+$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Reads only the manifest of the generation in use: enough to tell whether the index is stale. */
export async function readCurrentManifest(indexDirectory: string): Promise<Manifest | undefined> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) return undefined;
  try {
    return parseManifest(
      await readFile(path.join(indexDirectory, GENERATIONS, name, FILES.manifest), 'utf8'),
    );
  } catch {
    return undefined;
  }
}

/**
 * Loads the generation in use and checks it: manifest schema, every checksum, counts that agree.
 * Throws `IndexInvalidError` (with a one-line reason) when there is none or it cannot be trusted.
 */
export async function loadCurrentGeneration(
  indexDirectory: string,
  options: { efSearch?: number } = {},
): Promise<LoadedGeneration> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) throw new IndexInvalidError(`no index in ${indexDirectory} yet`);
  return loadGeneration(path.join(indexDirectory, GENERATIONS, name), options);
}

export async function loadGeneration(
  directory: string,
  options: { efSearch?: number } = {},
): Promise<LoadedGeneration> {
  const read = async (file: string): Promise<Buffer> => {
    try {
      return await readFile(path.join(directory, file));
    } catch {
      throw new IndexInvalidError(`index file ${file} is missing`);
    }
  };
  const manifest = parseManifest((await read(FILES.manifest)).toString('utf8'));
  const [storeBytes, vectorBytes, graphBytes] = await Promise.all([
    read(FILES.store),
    read(FILES.vectors),
    read(FILES.graph),
  ]);
  for (const [file, bytes] of [
    [FILES.store, storeBytes],
    [FILES.vectors, vectorBytes],
    [FILES.graph, graphBytes],
  ] as const) {
    if (sha256(bytes) !== manifest.checksums[file]) {
      throw new IndexInvalidError(`index file ${file} does not match its checksum (truncated or corrupted)`);
    }
  }
  const store = JSON.parse(storeBytes.toString('utf8')) as StoreContents;
  const { dimensions } = manifest.embedder;
  if (
    store.chunks.length !== manifest.chunkCount ||
    vectorBytes.length !== manifest.chunkCount * dimensions * 4
  ) {
    throw new IndexInvalidError('index counts disagree with the manifest');
  }
  const vectors = new Float32Array(
    vectorBytes.buffer.slice(vectorBytes.byteOffset, vectorBytes.byteOffset + vectorBytes.length),
  );
  const graph = await HnswVectorIndex.load(path.join(directory, FILES.graph), dimensions, options);
  if (graph.size !== manifest.chunkCount)
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  return { directory, manifest, store, vectors, graph };
}
