import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Bump when the layout of a generation directory changes, or how articles are read into the paragraphs it
 * stores (3: a repeated headline is dropped; 4: segments as JSON Lines with a term file each, articles' byte
 * ranges and metadata in the manifest): an index of another version is rebuilt.
 */
export const SCHEMA_VERSION = 4;

export const FILES = {
  manifest: 'manifest.json',
  /** The HNSW graph as of the last full or merged build; later builds share it by hard link. */
  graph: 'graph.hnsw',
  /** Vectors added since `graph.hnsw` was written, searched exactly; rows follow `manifest.graph.delta`. */
  delta: 'delta.f32',
  extras: 'extras.json',
  /**
   * What the enricher derived from each article, by file: kept apart from the articles' text, so a build joins
   * every article's facts (and an enricher's new version recomputes them) without reading the segments.
   */
  facts: 'facts.json',
  /** Size, times and inode of each corpus file when it was last hashed, so the next scan can skip reading it. */
  corpusStats: 'corpus-stats.json',
  /**
   * Immutable, content-addressed files of articles and their chunks, shared between generations by hard link:
   * per segment, `<name>.jsonl` (one article a line) and `<name>.terms` (its chunks and their terms, see
   * termFile.ts).
   */
  segments: 'segments',
} as const;

/** The two files of segment `name`, as paths relative to the generation's directory. */
export function segmentFiles(name: string): { entries: string; terms: string } {
  return { entries: `${FILES.segments}/${name}.jsonl`, terms: `${FILES.segments}/${name}.terms` };
}

/**
 * `[size, mtimeMs, ctimeMs, inode]`. Any write changes the change time (`ctime`), which no tool can set back, so
 * a file whose identity is unchanged still has the bytes it had when it was hashed: the same rule git uses to
 * avoid re-reading a working tree.
 */
export type FileIdentity = [number, number, number, number];

/** What the last scan saw of each corpus file (see `scanCorpus`), kept in `FILES.corpusStats`. */
export interface CorpusStats {
  startedAt: number;
  identities: Record<string, FileIdentity>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const label = z.number().int().nonnegative();

export const manifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  embedder: z.object({ id: z.string().min(1), dimensions: z.number().int().positive() }),
  /** Fingerprint of the code that turns files into articles and chunks: when it changes, everything is re-chunked. */
  pipeline: z.string().min(1),
  /** Version of the per-article enricher whose facts `facts.json` holds, when one was used. */
  enricher: z.string().optional(),
  builtAt: z.iso.datetime(),
  /** The generation this one was built from: where a rollback goes. */
  previous: z.string().optional(),
  /** Live chunks, which are exactly the rows the store serves. */
  chunkCount: z.number().int().nonnegative(),
  articles: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      contentHash: sha256Hex,
      chunks: z.number().int().nonnegative(),
      /** Graph label of the first chunk; an article's chunks have consecutive labels. */
      firstLabel: label,
      /** The segment holding this article's text and chunks. */
      segment: z.string().min(1),
      /** `[byte offset, byte length]` of the article's line in the segment's `.jsonl`. */
      entry: z.tuple([z.number().int().nonnegative(), z.number().int().positive()]),
      paragraphs: z.number().int().nonnegative(),
      /** `textKey` of its paragraphs: a copy of the same story, added again, is recognised without reading it. */
      textKey: sha256Hex,
      /** What /sources and the article filter need, without reading the article. */
      metadata: z.object({
        title: z.string(),
        language: z.string(),
        author: z.string().optional(),
        source: z.string().optional(),
        url: z.string().optional(),
        published: z.string().optional(),
      }),
    }),
  ),
  /** Files seen and skipped (binary, empty...), so an unchanged bad file does not look new at every start. */
  skipped: z.array(z.object({ file: z.string().min(1), contentHash: sha256Hex, reason: z.string() })),
  /** Every segment of the generation, with how many article entries and chunks it holds (live or not). */
  segments: z.array(
    z.object({
      name: z.string().regex(/^[\w-]+$/),
      entries: z.number().int().nonnegative(),
      chunks: z.number().int().nonnegative(),
    }),
  ),
  /**
   * Labels in the vector graph. hnswlib counts deleted points in `getCurrentCount`, and its file does not say
   * which were deleted after it was written, so the manifest tracks them.
   */
  graph: z.object({
    /** Next label to hand out: labels are never reused, so a stale label can never point at a new chunk. */
    nextLabel: label,
    /** Points stored in `graph.hnsw`, deleted ones included. */
    baseCount: z.number().int().nonnegative(),
    /** Labels marked deleted inside `graph.hnsw` itself. */
    baseDeleted: z.array(label),
    /** Labels of `graph.hnsw` that died after it was written; marked deleted when the graph is loaded. */
    deleted: z.array(label),
    /** Labels of the rows of `delta.f32`. */
    delta: z.array(label),
  }),
  /** sha256 of every other file of the generation: a truncated or edited file is caught before it is used. */
  checksums: z.record(z.string(), sha256Hex),
  /** sha256 of this manifest's JSON without this field, which comes last: the manifest vouches for itself too. */
  manifestChecksum: sha256Hex,
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The index on disk cannot be used as it is (missing, damaged, from another version); the message says why. */
export class IndexInvalidError extends Error {
  override readonly name: string = 'IndexInvalidError';
}

/**
 * A new generation could not be written (read-only or full disk, a file where a folder must be). The index in
 * use is untouched; the message names the path and the system error.
 */
export class IndexWriteError extends IndexInvalidError {
  override readonly name: string = 'IndexWriteError';
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

/** The manifest's own checksum: over its JSON as written, in the order written, without the checksum field. */
export function checksumOf(manifest: object): string {
  return sha256(JSON.stringify(manifest));
}

/** The manifest as written to disk, its own checksum last. */
export function serializeManifest(manifest: Omit<Manifest, 'manifestChecksum'>): string {
  return JSON.stringify({ ...manifest, manifestChecksum: checksumOf(manifest) });
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IndexInvalidError('manifest is not valid JSON (truncated or corrupted)');
  }
  const schemaVersion = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (schemaVersion !== SCHEMA_VERSION) {
    throw new IndexInvalidError(`index schema version ${String(schemaVersion)}, expected ${SCHEMA_VERSION}`);
  }
  const { manifestChecksum, ...rest } = json as { manifestChecksum?: unknown };
  if (manifestChecksum !== checksumOf(rest)) {
    throw new IndexInvalidError('manifest does not match its checksum (edited or corrupted)');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new IndexInvalidError(
      `manifest is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}`,
    );
  }
  return parsed.data;
}
