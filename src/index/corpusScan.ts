import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import {
  ARTICLE_EXTENSIONS,
  MAX_ARTICLE_BYTES,
  hashBytes,
  parseArticle,
  type SkippedFile,
} from '../corpus/load.js';
import type { Article } from '../corpus/types.js';
import type { CorpusStats, FileIdentity, Manifest } from './manifest.js';

export type { FileIdentity } from './manifest.js';

/** What the previous index knew about a file: enough to skip reading or parsing it when it is unchanged. */
export interface KnownFile {
  contentHash: string;
  /** The article id, when the file was indexed. */
  articleId?: string;
  /** Why it was skipped, when it was. */
  skippedBecause?: string;
  /** The file's identity when it was last hashed (see `FileIdentity`). */
  identity?: FileIdentity;
}

/** What a generation knows of each corpus file: its hash, its article or why it was skipped, its identity. */
export function knownFilesOf(manifest: Manifest, corpusStats: CorpusStats): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>();
  const identity = (file: string): Pick<KnownFile, 'identity'> => {
    const recorded = corpusStats.identities[file];
    return recorded ? { identity: recorded } : {};
  };
  for (const skipped of manifest.skipped) {
    known.set(skipped.file, {
      contentHash: skipped.contentHash,
      skippedBecause: skipped.reason,
      ...identity(skipped.file),
    });
  }
  for (const article of manifest.articles) {
    known.set(article.file, {
      contentHash: article.contentHash,
      articleId: article.id,
      ...identity(article.file),
    });
  }
  return known;
}

export type ScannedArticle =
  | { file: string; id: string; contentHash: string; unchanged: true }
  | { file: string; id: string; contentHash: string; unchanged: false; article: Article };

export interface ScannedCorpus {
  /** In corpus order: file names sorted, as `loadCorpus` orders them. */
  articles: ScannedArticle[];
  skipped: SkippedFile[];
  /** Files that could not be read at all; reported, not recorded (there is no content to hash). */
  unreadable: SkippedFile[];
  /** Identity of every file read or trusted, for the next scan. */
  identities: Record<string, FileIdentity>;
  /** When the scan started (ms since the epoch): the next scan distrusts identities changed near it. */
  startedAt: number;
}

export interface ScanOptions {
  maxArticleBytes?: number;
  /** The previous scan's start; identities are trusted only for files last changed well before it. */
  previousScanStartedAt?: number;
  onProgress?: (done: number, total: number) => void;
}

const DUPLICATE = 'another file already has the id';
/** Reads between yields: an in-process scan of a large corpus must not hold the event loop for long. */
const YIELD_EVERY = 256;
/**
 * A file changed this close to the previous scan may have changed again within the same timestamp tick after
 * it was read ("racy" in git's words); such files are read again. Generous, for filesystems with coarse clocks.
 */
const RACY_MS = 3000;

function identityOf(stats: Stats): FileIdentity {
  return [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
}

function sameIdentity(left: FileIdentity | undefined, right: FileIdentity): boolean {
  return left !== undefined && left.every((value, position) => value === right[position]);
}

/**
 * Finds what changed in the corpus at the cost of one `stat` per unchanged file: a file whose identity is the
 * one recorded when it was last hashed is neither read nor parsed; the others are read, hashed, and parsed
 * when their bytes are new. Applies exactly `loadCorpus`'s rules (extensions, README, size limit, duplicate
 * ids, skip reasons), with its parser, so both always agree.
 *
 * Synchronous file access: it runs in the build process, where nothing else waits, and a synchronous call
 * is several times cheaper than a promise round trip through the thread pool.
 */
export async function scanCorpus(
  directory: string,
  known: ReadonlyMap<string, KnownFile>,
  {
    maxArticleBytes = MAX_ARTICLE_BYTES,
    previousScanStartedAt = 0,
    onProgress = () => undefined,
  }: ScanOptions = {},
): Promise<ScannedCorpus> {
  const startedAt = Date.now();
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    throw new InputError(`Corpus folder not found: ${directory} (set CORPUS_DIR or create it)`);
  }
  const candidates = names
    .sort()
    .filter(
      (name) =>
        (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase()) &&
        name.toLowerCase() !== 'readme.md',
    );
  const result: ScannedCorpus = { articles: [], skipped: [], unreadable: [], identities: {}, startedAt };
  const seenIds = new Set<string>();
  for (const [position, name] of candidates.entries()) {
    if (position % YIELD_EVERY === YIELD_EVERY - 1) {
      onProgress(position, candidates.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fullPath = path.join(directory, name);
    const before = known.get(name);
    let identity: FileIdentity;
    let contentHash: string;
    let bytes: Buffer | undefined;
    try {
      const stats = statSync(fullPath);
      if (!stats.isFile()) continue;
      identity = identityOf(stats);
      const settled = stats.ctimeMs < previousScanStartedAt - RACY_MS;
      if (before && settled && sameIdentity(before.identity, identity)) {
        contentHash = before.contentHash;
      } else {
        bytes = readFileSync(fullPath);
        contentHash = hashBytes(bytes);
      }
    } catch (error) {
      // A dangling link or a file without read permission: reported by name, like `loadCorpus` does.
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      result.unreadable.push({
        file: name,
        reason: `unreadable (${code})`,
        contentHash: hashBytes(new Uint8Array()),
      });
      continue;
    }
    result.identities[name] = identity;
    const size = identity[0];
    const skip = (reason: string): void => {
      result.skipped.push({ file: name, reason, contentHash });
    };
    if (size > MAX_ARTICLE_BYTES) {
      skip(`larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
      continue;
    }
    if (size > maxArticleBytes) {
      skip(`larger than ${formatSize(maxArticleBytes)}, the most the index takes in one article (split it)`);
      continue;
    }
    const sameBytes = before?.contentHash === contentHash;
    const reason = before?.skippedBecause;
    if (
      sameBytes &&
      reason !== undefined &&
      !reason.startsWith(DUPLICATE) &&
      !reason.startsWith('larger than')
    ) {
      // Parsing depends on the bytes alone, so it would fail the same way again.
      skip(reason);
      continue;
    }
    let scanned: ScannedArticle;
    if (sameBytes && before.articleId !== undefined) {
      scanned = { file: name, id: before.articleId, contentHash, unchanged: true };
    } else {
      bytes ??= readFileSync(fullPath);
      const parsed = parseArticle(name, bytes);
      if (typeof parsed === 'string') {
        skip(parsed);
        continue;
      }
      scanned = { file: name, id: parsed.id, contentHash, unchanged: false, article: parsed };
    }
    if (seenIds.has(scanned.id)) {
      skip(`${DUPLICATE} "${scanned.id}"`);
      continue;
    }
    seenIds.add(scanned.id);
    result.articles.push(scanned);
  }
  onProgress(candidates.length, candidates.length);
  return result;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(2))} MB`
    : `${Number((bytes / 1024).toFixed(1))} KB`;
}
