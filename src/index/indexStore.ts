import { createHash } from 'node:crypto';
import {
  copyFile,
  link,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Article, ArticleMetadata } from '../corpus/types.js';
import { BusyError } from '../errors.js';
import type { FileIdentity } from '../indexing/corpusScan.js';
import { LayeredVectorIndex } from '../indexing/layeredVectorIndex.js';
import { HnswVectorIndex } from './hnswIndex.js';
import {
  FILES,
  IndexInvalidError,
  IndexWriteError,
  parseManifest,
  checksumOf,
  serializeManifest,
  type Manifest,
} from './manifest.js';
import type { VectorIndex } from './vectorIndex.js';

/**
 * On disk, `INDEX_DIR` holds:
 *
 * - `generations/<name>/`: one directory per build, complete and never modified once it is in place;
 * - `CURRENT`: the name of the generation in use, replaced by rename, which is atomic;
 * - `staging/<name>/`: a generation being written (left behind only by a crash, removed by the next build);
 * - `build.lock`: the process building, so two builders (the bot and `npm run reindex`) never interleave.
 *
 * A build writes a whole new generation, checks it, then swaps `CURRENT`: a crash at any point leaves the
 * previous generation in use, and the one before the current is kept for rollback. Unchanged files (article
 * segments, the HNSW graph) are hard links to the previous generation's, so a small change writes little.
 */
const CURRENT = 'CURRENT';
const GENERATIONS = 'generations';
const STAGING = 'staging';
const LOCK = 'build.lock';

/** A chunk as served: `label` is its row in `StoreContents.chunks`; its text is `article.text.slice(start, end)`. */
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
  /** Searches by row of `store.chunks`. */
  graph: VectorIndex;
  /**
   * Row i holds the vector of `store.chunks[i]` (normalised). Assembled from the graph on first read: only
   * diagnostics and benchmarks need it, and serving should not pay its memory.
   */
  readonly vectors: Float32Array;
}

/**
 * One article as a segment file holds it. Paragraph texts are not repeated (they are slices of `text`), which
 * halves the bytes to write, hash and parse.
 */
export interface SegmentEntry {
  article: {
    id: string;
    file: string;
    metadata: ArticleMetadata;
    text: string;
    contentHash: string;
    /** `[number, start, end]` per paragraph. */
    paragraphs: [number, number, number][];
  };
  /** `[graph label, paragraph, start, end]` per chunk, in article order. */
  chunks: [number, number, number, number][];
  /** What a per-article enricher derived from this article. */
  facts?: unknown;
}

export function toSegmentEntry(
  article: Article,
  chunks: SegmentEntry['chunks'],
  facts?: unknown,
): SegmentEntry {
  const { paragraphs, ...rest } = article;
  return {
    article: {
      ...rest,
      paragraphs: paragraphs.map((paragraph) => [paragraph.number, paragraph.start, paragraph.end]),
    },
    chunks,
    ...(facts === undefined ? {} : { facts }),
  };
}

export function articleOf(entry: SegmentEntry): Article {
  const { paragraphs, ...rest } = entry.article;
  return {
    ...rest,
    paragraphs: paragraphs.map(([number, start, end]) => ({
      number,
      start,
      end,
      text: rest.text.slice(start, end),
    })),
  };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Renders a system error in one line with the path it concerns: what an operator needs to fix it. */
export function describeFsError(action: string, target: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? 'a file is in the way where a folder must be'
      : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
        ? 'the index folder is read-only'
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? 'the disk is full'
          : undefined;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `could not ${action} ${target}: ${reason ? `${reason} (${detail})` : detail}`;
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

/** Makes a rename or a new entry in `directory` durable: the file's own fsync does not cover its name. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic, only its durability is weaker.
  } finally {
    await handle.close();
  }
}

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

/** Every file of a generation besides the manifest, as paths relative to its directory. */
function generationFiles(manifest: Manifest): string[] {
  return [
    FILES.graph,
    FILES.delta,
    FILES.extras,
    FILES.corpusStats,
    ...manifest.segments.map((segment) => `${FILES.segments}/${segment.name}`),
  ];
}

async function readManifestOf(directory: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(directory, FILES.manifest), 'utf8');
  } catch {
    throw new IndexInvalidError(`index file ${FILES.manifest} is missing in ${directory}`);
  }
  const manifest = parseManifest(text);
  const listedChunks = manifest.articles.reduce((sum, article) => sum + article.chunks, 0);
  const { graph } = manifest;
  const graphChunks = graph.baseCount - graph.baseDeleted.length - graph.deleted.length + graph.delta.length;
  if (listedChunks !== manifest.chunkCount || graphChunks !== manifest.chunkCount) {
    throw new IndexInvalidError('index counts disagree with the manifest');
  }
  const expected = generationFiles(manifest);
  const listed = Object.keys(manifest.checksums);
  if (listed.length !== expected.length || expected.some((file) => !(file in manifest.checksums))) {
    throw new IndexInvalidError('manifest checksums do not cover exactly the files of the generation');
  }
  return manifest;
}

async function readVerified(directory: string, manifest: Manifest, file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(directory, file));
  } catch {
    throw new IndexInvalidError(`index file ${file} is missing`);
  }
  if (sha256(bytes) !== manifest.checksums[file]) {
    throw new IndexInvalidError(`index file ${file} does not match its checksum (truncated or corrupted)`);
  }
  return bytes;
}

/** Checks a file without keeping it: the graph is read again by hnswlib, which cannot take bytes from memory. */
async function verifyOnly(directory: string, manifest: Manifest, file: string): Promise<void> {
  await readVerified(directory, manifest, file);
}

/** A generation's files, every one checked against its checksum; segments are parsed only when asked for. */
interface VerifiedContents {
  segmentBytes: Map<string, Buffer>;
  delta: Float32Array;
  extrasBytes: Buffer;
  corpusStatsBytes: Buffer;
}

async function readContents(directory: string, manifest: Manifest): Promise<VerifiedContents> {
  const { dimensions } = manifest.embedder;
  const segments = await Promise.all(
    manifest.segments.map(
      async (segment) =>
        [segment.name, await readVerified(directory, manifest, `${FILES.segments}/${segment.name}`)] as const,
    ),
  );
  const [deltaBytes, extrasBytes, corpusStatsBytes] = await Promise.all([
    readVerified(directory, manifest, FILES.delta),
    readVerified(directory, manifest, FILES.extras),
    readVerified(directory, manifest, FILES.corpusStats),
    // Checked here, before anything hands the file to hnswlib, which trusts its input and may crash on garbage.
    verifyOnly(directory, manifest, FILES.graph),
  ]);
  if (deltaBytes.length !== manifest.graph.delta.length * dimensions * 4) {
    throw new IndexInvalidError('delta vectors disagree with the manifest');
  }
  const delta = new Float32Array(
    deltaBytes.buffer.slice(deltaBytes.byteOffset, deltaBytes.byteOffset + deltaBytes.length),
  );
  return { segmentBytes: new Map(segments), delta, extrasBytes, corpusStatsBytes };
}

type ListedArticle = Manifest['articles'][number];

/** The live entries of one segment by file, each checked against what the manifest says of it. */
function parseSegment(
  name: string,
  bytes: Buffer,
  listedByFile: ReadonlyMap<string, ListedArticle>,
): Map<string, SegmentEntry> {
  let parsed: { entries: SegmentEntry[] };
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as { entries: SegmentEntry[] };
  } catch {
    throw new IndexInvalidError(`index file ${FILES.segments}/${name} is not valid JSON`);
  }
  const entries = new Map<string, SegmentEntry>();
  for (const entry of parsed.entries) {
    const listed = listedByFile.get(entry.article.file);
    if (listed?.segment !== name || listed.contentHash !== entry.article.contentHash) continue;
    const consecutive = entry.chunks.every(([label], position) => label === listed.firstLabel + position);
    if (entry.chunks.length !== listed.chunks || !consecutive) {
      throw new IndexInvalidError(`article ${listed.file} has other chunks than the manifest lists`);
    }
    entries.set(entry.article.file, entry);
  }
  return entries;
}

/** Every live entry, by file; fails when the manifest lists an article no segment holds. */
function parseAllSegments(
  manifest: Manifest,
  segmentBytes: ReadonlyMap<string, Buffer>,
): Map<string, SegmentEntry> {
  const listedByFile = new Map(manifest.articles.map((article) => [article.file, article]));
  const entries = new Map<string, SegmentEntry>();
  for (const [name, bytes] of segmentBytes) {
    for (const [file, entry] of parseSegment(name, bytes, listedByFile)) entries.set(file, entry);
  }
  for (const article of manifest.articles) {
    if (!entries.has(article.file)) {
      throw new IndexInvalidError(`segment ${article.segment} lacks article ${article.file}`);
    }
  }
  return entries;
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
  return loadGeneration(generationDirectory(indexDirectory, name), options);
}

export async function loadGeneration(
  directory: string,
  options: { efSearch?: number } = {},
): Promise<LoadedGeneration> {
  const manifest = await readManifestOf(directory);
  const { segmentBytes, delta, extrasBytes } = await readContents(directory, manifest);
  const entries = parseAllSegments(manifest, segmentBytes);
  const { dimensions } = manifest.embedder;

  const articles: Article[] = [];
  const chunks: StoredChunk[] = [];
  const rowOfLabel = new Map<number, number>();
  for (const listed of manifest.articles) {
    const entry = entries.get(listed.file);
    if (!entry) continue;
    articles.push(articleOf(entry));
    for (const [graphLabel, paragraph, start, end] of entry.chunks) {
      if (rowOfLabel.has(graphLabel)) throw new IndexInvalidError(`graph label ${graphLabel} is used twice`);
      rowOfLabel.set(graphLabel, chunks.length);
      chunks.push({ label: chunks.length, articleId: entry.article.id, paragraph, start, end });
    }
  }
  if (chunks.length !== manifest.chunkCount) {
    throw new IndexInvalidError('index counts disagree with the manifest');
  }

  const base = await loadBaseGraph(directory, manifest, options);
  const deltaLabels = new Set(manifest.graph.delta);
  const baseLabels = new Set(base.labels());
  for (const graphLabel of rowOfLabel.keys()) {
    const inBase = baseLabels.has(graphLabel) && !base.isRemoved(graphLabel);
    if (inBase === deltaLabels.has(graphLabel)) {
      throw new IndexInvalidError(
        `chunk with graph label ${graphLabel} is not exactly once in the vector graph`,
      );
    }
  }
  if (base.size + deltaLabels.size !== chunks.length) {
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  }

  let extras: Record<string, unknown>;
  try {
    extras = JSON.parse(extrasBytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new IndexInvalidError(`index file ${FILES.extras} is not valid JSON`);
  }
  const graph = new LayeredVectorIndex(
    dimensions,
    base,
    { labels: manifest.graph.delta, vectors: delta },
    rowOfLabel,
  );
  let vectors: Float32Array | undefined;
  return {
    directory,
    manifest,
    store: { articles, chunks, extras },
    graph,
    get vectors() {
      vectors ??= rowVectors(rowOfLabel, base, manifest.graph.delta, delta, dimensions);
      return vectors;
    },
  };
}

function rowVectors(
  rowOfLabel: ReadonlyMap<number, number>,
  base: HnswVectorIndex,
  deltaLabels: readonly number[],
  delta: Float32Array,
  dimensions: number,
): Float32Array {
  const vectors = new Float32Array(rowOfLabel.size * dimensions);
  const deltaRow = new Map(deltaLabels.map((graphLabel, row) => [graphLabel, row]));
  for (const [graphLabel, row] of rowOfLabel) {
    const inDelta = deltaRow.get(graphLabel);
    vectors.set(
      inDelta === undefined
        ? base.vector(graphLabel)
        : delta.subarray(inDelta * dimensions, (inDelta + 1) * dimensions),
      row * dimensions,
    );
  }
  return vectors;
}

/** The HNSW graph with every label that died since it was written marked deleted (in memory only). */
async function loadBaseGraph(
  directory: string,
  manifest: Manifest,
  options: { efSearch?: number },
): Promise<HnswVectorIndex> {
  const base = await HnswVectorIndex.load(path.join(directory, FILES.graph), manifest.embedder.dimensions, {
    ...options,
    deletedInFile: manifest.graph.baseDeleted,
  });
  if (base.storedCount !== manifest.graph.baseCount) {
    throw new IndexInvalidError('vector graph size disagrees with the manifest');
  }
  for (const label of manifest.graph.deleted) base.remove(label);
  return base;
}

/** What the last scan saw of each corpus file (see `scanCorpus`). */
export interface CorpusStats {
  startedAt: number;
  identities: Record<string, FileIdentity>;
}

/** The previous generation as a build reuses it: verified, with its delta vectors by label. */
export interface PreviousGeneration {
  name: string;
  directory: string;
  manifest: Manifest;
  /**
   * The stored entry of a live article (text, chunks, facts). Its segment is parsed on first use: a small
   * reindex without facts to recompute never parses the thousands of articles it does not touch.
   */
  entry: (file: string) => SegmentEntry;
  deltaVectors: Map<number, Float32Array>;
  corpusStats: CorpusStats;
  /** The HNSW graph, loaded on demand: a small incremental build never needs it. */
  loadGraph: () => Promise<HnswVectorIndex>;
}

/** Opens the generation in use for an incremental build; throws `IndexInvalidError` when it cannot be trusted. */
export async function openPreviousGeneration(indexDirectory: string): Promise<PreviousGeneration> {
  const name = await currentGenerationName(indexDirectory);
  if (!name) throw new IndexInvalidError(`no index in ${indexDirectory} yet`);
  const directory = generationDirectory(indexDirectory, name);
  const manifest = await readManifestOf(directory);
  const { segmentBytes, delta, corpusStatsBytes } = await readContents(directory, manifest);
  const corpusStats = JSON.parse(corpusStatsBytes.toString('utf8')) as CorpusStats;
  const { dimensions } = manifest.embedder;
  const deltaVectors = new Map(
    manifest.graph.delta.map((graphLabel, row) => [
      graphLabel,
      delta.subarray(row * dimensions, (row + 1) * dimensions),
    ]),
  );
  const listedByFile = new Map(manifest.articles.map((article) => [article.file, article]));
  const parsedSegments = new Map<string, Map<string, SegmentEntry>>();
  const entry = (file: string): SegmentEntry => {
    const segment = listedByFile.get(file)?.segment;
    const bytes = segment === undefined ? undefined : segmentBytes.get(segment);
    if (segment === undefined || !bytes) throw new IndexInvalidError(`no segment holds article ${file}`);
    let entries = parsedSegments.get(segment);
    if (!entries) {
      entries = parseSegment(segment, bytes, listedByFile);
      parsedSegments.set(segment, entries);
    }
    const found = entries.get(file);
    if (!found) throw new IndexInvalidError(`segment ${segment} lacks article ${file}`);
    return found;
  };
  return {
    name,
    directory,
    manifest,
    entry,
    deltaVectors,
    corpusStats,
    loadGraph: () => loadBaseGraph(directory, manifest, {}),
  };
}

/**
 * Writes one generation into `staging/<name>`, hashing every file as it goes, then moves it into
 * `generations/` in one rename. File system errors become `IndexWriteError`s that name the path.
 */
export class GenerationWriter {
  private readonly checksums: Record<string, string> = {};

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

  private writtenManifestChecksum = '';

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

/**
 * Makes generation `name` the one in use, atomically, then removes every generation but it and the one it
 * replaced (kept for rollback).
 */
export async function activateGeneration(indexDirectory: string, name: string): Promise<void> {
  const previous = await currentGenerationName(indexDirectory);
  const pointer = path.join(indexDirectory, CURRENT);
  const temporary = `${pointer}.${process.pid}.tmp`;
  try {
    await writeDurably(temporary, `${name}\n`);
    await rename(temporary, pointer);
    await syncDirectory(indexDirectory);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new IndexWriteError(describeFsError('switch the index pointer', pointer, error));
  }
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

/**
 * Points `CURRENT` back at the generation the current one was built from, after checking that it still loads.
 * Returns its name.
 */
export async function rollbackGeneration(indexDirectory: string): Promise<string> {
  const manifest = await readCurrentManifest(indexDirectory);
  const previous = manifest?.previous;
  if (!previous) throw new IndexInvalidError('there is no previous index generation to roll back to');
  await loadGeneration(generationDirectory(indexDirectory, previous));
  const pointer = path.join(indexDirectory, CURRENT);
  const temporary = `${pointer}.${process.pid}.tmp`;
  try {
    await writeDurably(temporary, `${previous}\n`);
    await rename(temporary, pointer);
    await syncDirectory(indexDirectory);
  } catch (error) {
    throw new IndexWriteError(describeFsError('switch the index pointer', pointer, error));
  }
  return previous;
}

/** Removes generations a crashed build left half-written. Call only while holding the build lock. */
export async function removeStaleStaging(indexDirectory: string): Promise<number> {
  const root = path.join(indexDirectory, STAGING);
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const entry of entries) await rm(path.join(root, entry), { recursive: true, force: true });
  return entries.length;
}

export interface BuildLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks held by this process: its own pid in a lock file does not tell two of its builds apart. */
const heldLocks = new Set<string>();

/**
 * Takes `build.lock` so only one process builds into `indexDirectory` at a time. A lock whose process is gone
 * (killed mid-build) is taken over; a live one is refused with `BusyError`.
 */
export async function acquireBuildLock(indexDirectory: string): Promise<BuildLock> {
  const file = path.join(path.resolve(indexDirectory), LOCK);
  if (heldLocks.has(file)) {
    throw new BusyError('another reindex is running in this process; try again when it finishes', 5000);
  }
  // Claimed before the first await, so two builds started in the same tick cannot both get past here.
  heldLocks.add(file);
  try {
    await takeLockFile(indexDirectory, file);
  } catch (error) {
    heldLocks.delete(file);
    throw error;
  }
  return {
    release: async () => {
      heldLocks.delete(file);
      await unlink(file).catch(() => undefined);
    },
  };
}

async function takeLockFile(indexDirectory: string, file: string): Promise<void> {
  try {
    await mkdir(indexDirectory, { recursive: true });
  } catch (error) {
    throw new IndexWriteError(describeFsError('create the index folder', indexDirectory, error));
  }
  const owner = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written aside and then linked into place, so the lock never exists without its owner in it.
    const pending = `${file}.${process.pid}.tmp`;
    try {
      // No fsync: a lock only matters while its process lives, and a crash makes it stale anyway.
      await writeFile(pending, owner);
      await link(pending, file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new IndexWriteError(describeFsError('create', file, error));
      }
    } finally {
      await unlink(pending).catch(() => undefined);
    }
    const holder = await readLockHolder(file);
    if (holder && holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new BusyError(
        `another reindex (process ${holder.pid}) is running; try again when it finishes`,
        5000,
      );
    }
    // The holder is gone (killed mid-build), or the lock is unreadable: take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new IndexWriteError(`could not take the build lock ${file}`);
}

async function readLockHolder(file: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined;
  }
}
