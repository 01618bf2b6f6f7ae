import { z } from 'zod';

/** Bump when the layout of a generation directory changes: an index of another version is rebuilt. */
export const SCHEMA_VERSION = 1;

export const FILES = {
  manifest: 'manifest.json',
  store: 'store.json',
  vectors: 'vectors.f32',
  graph: 'vectors.hnsw',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  embedder: z.object({ id: z.string().min(1), dimensions: z.number().int().positive() }),
  builtAt: z.iso.datetime(),
  chunkCount: z.number().int().nonnegative(),
  articles: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      contentHash: sha256,
      chunks: z.number().int().nonnegative(),
    }),
  ),
  /** Files seen and skipped (binary, empty...), so an unchanged bad file does not look new at every start. */
  skipped: z.array(z.object({ file: z.string().min(1), contentHash: sha256, reason: z.string() })),
  /** sha256 of every other file of the generation: a truncated or edited file is caught before it is used. */
  checksums: z.object({ [FILES.store]: sha256, [FILES.vectors]: sha256, [FILES.graph]: sha256 }),
});

export type Manifest = z.infer<typeof manifestSchema>;

export class IndexInvalidError extends Error {
  override readonly name = 'IndexInvalidError';
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IndexInvalidError('manifest is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const schemaVersion = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (schemaVersion !== SCHEMA_VERSION) {
      throw new IndexInvalidError(
        `index schema version ${String(schemaVersion)}, expected ${SCHEMA_VERSION}`,
      );
    }
    const first = parsed.error.issues[0];
    throw new IndexInvalidError(
      `manifest is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}`,
    );
  }
  return parsed.data;
}

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
