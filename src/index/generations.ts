import { copyFile, link, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { replaceDurably, syncDirectory, writeDurably } from '../durableFiles.js';
import type { HnswVectorIndex } from './hnswIndex.js';
import {
  FILES,
  IndexWriteError,
  checksumOf,
  describeFsError,
  parseManifest,
  serializeManifest,
  sha256,
  type Manifest,
} from './manifest.js';

/**
 * On disk, `INDEX_DIR` holds:
 *
 * - `generations/<name>/`: one directory per build, complete and never modified once it is in place;
 * - `CURRENT`: the name of the generation in use, replaced by rename, which is atomic;
 * - `staging/<name>/`: a generation being written (left behind only by a crash, removed by the next build);
 * - `build.lock`: the process building (see buildLock.ts).
 *
 * A build writes a whole new generation, checks it, then swaps `CURRENT`: a crash at any point leaves the
 * previous generation in use, and the one before the current is kept for rollback. Unchanged files (article
 * segments, the HNSW graph) are hard links to the previous generation's, so a small change writes little.
 */
const CURRENT = 'CURRENT';
const GENERATIONS = 'generations';
const STAGING = 'staging';

export function generationDirectory(indexDirectory: string, name: string): string {
  return path.join(indexDirectory, GENERATIONS, name);
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
      await readFile(path.join(generationDirectory(indexDirectory, name), FILES.manifest), 'utf8'),
    );
  } catch {
    return undefined;
  }
}

/** Points `CURRENT` at generation `name`, atomically and durably. */
export async function pointCurrentAt(indexDirectory: string, name: string): Promise<void> {
  const pointer = path.join(indexDirectory, CURRENT);
  try {
    await replaceDurably(pointer, `${name}\n`);
  } catch (error) {
    throw new IndexWriteError(describeFsError('switch the index pointer', pointer, error));
  }
}

/**
 * Makes generation `name` the one in use, atomically, then retires every generation but it and the one it
 * replaced (kept for rollback). A process still serving a retired generation keeps answering from it: it read
 * what it needs at load and holds its files open, and a removed file lives on while it is open.
 */
export async function activateGeneration(indexDirectory: string, name: string): Promise<void> {
  const previous = await currentGenerationName(indexDirectory);
  await pointCurrentAt(indexDirectory, name);
  await removeGenerationsExcept(
    indexDirectory,
    new Set([name, previous].filter((kept) => kept !== undefined)),
  );
}

async function removeGenerationsExcept(indexDirectory: string, keep: ReadonlySet<string>): Promise<void> {
  const root = path.join(indexDirectory, GENERATIONS);
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    // Best effort: a leftover generation wastes space but is never used, so a failure here is not an error.
    if (!keep.has(entry))
      await rm(path.join(root, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Removes generations a crashed build left half-written. Call only while holding the build lock. */
export async function removeStaleStaging(indexDirectory: string): Promise<number> {
  const root = path.join(indexDirectory, STAGING);
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const entry of entries) await rm(path.join(root, entry), { recursive: true, force: true });
  return entries.length;
}

/**
 * Writes one generation into `staging/<name>`, hashing every file as it goes, then moves it into
 * `generations/` in one rename. File system errors become `IndexWriteError`s that name the path.
 */
export class GenerationWriter {
  private readonly checksums: Record<string, string> = {};
  private writtenManifestChecksum = '';

  private constructor(
    readonly indexDirectory: string,
    readonly name: string,
    readonly staging: string,
  ) {}

  static async create(indexDirectory: string, name: string): Promise<GenerationWriter> {
    const staging = path.join(indexDirectory, STAGING, name);
    try {
      await mkdir(path.join(indexDirectory, GENERATIONS), { recursive: true });
      await mkdir(path.join(staging, FILES.segments), { recursive: true });
    } catch (error) {
      throw new IndexWriteError(describeFsError('create the new index in', path.dirname(staging), error));
    }
    return new GenerationWriter(indexDirectory, name, staging);
  }

  async write(file: string, bytes: Uint8Array | string): Promise<void> {
    const target = path.join(this.staging, file);
    try {
      await writeDurably(target, bytes);
    } catch (error) {
      throw new IndexWriteError(describeFsError('write', target, error));
    }
    this.checksums[file] = sha256(bytes);
  }

  /** Shares an unchanged, already verified file of another generation; copies it where hard links fail. */
  async link(file: string, fromDirectory: string, checksum: string): Promise<void> {
    const source = path.join(fromDirectory, file);
    const target = path.join(this.staging, file);
    try {
      await link(source, target);
    } catch (linkError) {
      const code = (linkError as NodeJS.ErrnoException).code ?? '';
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes(code)) {
        throw new IndexWriteError(describeFsError('link', target, linkError));
      }
      try {
        await copyFile(source, target);
      } catch (error) {
        throw new IndexWriteError(describeFsError('copy', target, error));
      }
    }
    this.checksums[file] = checksum;
  }

  /** Saves a graph into the generation and hashes what actually reached the disk. */
  async writeGraph(graph: HnswVectorIndex): Promise<void> {
    const target = path.join(this.staging, FILES.graph);
    try {
      await graph.save(target);
      const handle = await open(target, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.checksums[FILES.graph] = sha256(await readFile(target));
    } catch (error) {
      throw new IndexWriteError(describeFsError('write', target, error));
    }
  }

  /** Writes the manifest last (a generation without one is never used), then moves the generation into place. */
  async commit(manifest: Omit<Manifest, 'checksums' | 'manifestChecksum'>): Promise<Manifest> {
    const unsigned = { ...manifest, checksums: { ...this.checksums } };
    const text = serializeManifest(unsigned);
    await this.write(FILES.manifest, text);
    this.writtenManifestChecksum = this.checksums[FILES.manifest] ?? '';
    delete this.checksums[FILES.manifest];
    const directory = generationDirectory(this.indexDirectory, this.name);
    try {
      await syncDirectory(path.join(this.staging, FILES.segments));
      await syncDirectory(this.staging);
      await rename(this.staging, directory);
      await syncDirectory(path.dirname(directory));
    } catch (error) {
      throw new IndexWriteError(describeFsError('move the new index into', directory, error));
    }
    return { ...unsigned, manifestChecksum: checksumOf(unsigned) };
  }

  /** sha256 of the manifest file as written, so a check can compare what reads back without parsing it. */
  get manifestFileChecksum(): string {
    return this.writtenManifestChecksum;
  }

  get directory(): string {
    return generationDirectory(this.indexDirectory, this.name);
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
