import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IndexInvalidError, sha256, type Manifest } from './manifest.js';

/**
 * Files this process has already checked, by identity (device, inode, size, modification time) and the
 * checksum they matched. Generations share unchanged files by hard link, so the generation a reindex makes
 * holds mostly files the serving process checked when it opened the previous one: they are not read again.
 * A file changed since (another inode, size or time) is checked again.
 */
const verified = new Map<string, string>();

const READ_SIZE = 4 * 1024 * 1024;

/** The files this process has checked, as (identity, checksum) pairs another process on this host can trust. */
export function verifiedIdentities(): [string, string][] {
  return [...verified];
}

/**
 * Trusts files another process on this host checked: the serving process hands them to its build process, which
 * would otherwise read the whole graph again (half a second a gigabyte) before a one-article reindex. An
 * identity holds the inode, size and modification time, so a file rewritten since is checked again.
 */
export function trustVerified(entries: Iterable<[string, string]>): void {
  for (const [identity, checksum] of entries) verified.set(identity, checksum);
}

async function identityOf(file: string): Promise<string | undefined> {
  try {
    const stats = await stat(file);
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** sha256 of a file, read in slices: a graph of several hundred megabytes is checked, not held. */
export async function hashFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/**
 * Checks `file` of a generation against the checksum its manifest records; throws `IndexInvalidError` naming
 * the file when it is missing or differs (truncated, corrupted).
 */
export async function verifyFile(directory: string, manifest: Manifest, file: string): Promise<void> {
  const expected = manifest.checksums[file];
  const fullPath = path.join(directory, file);
  const identity = await identityOf(fullPath);
  if (identity === undefined) throw new IndexInvalidError(`index file ${file} is missing`);
  if (expected !== undefined && verified.get(identity) === expected) return;
  if ((await hashFile(fullPath)) !== expected) {
    throw new IndexInvalidError(`index file ${file} does not match its checksum (truncated or corrupted)`);
  }
  verified.set(identity, expected);
}

/** Reads a (small) file of a generation after checking it against its checksum. */
export async function readVerified(directory: string, manifest: Manifest, file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(directory, file));
  } catch {
    throw new IndexInvalidError(`index file ${file} is missing`);
  }
  const expected = manifest.checksums[file];
  if (sha256(bytes) !== expected) {
    throw new IndexInvalidError(`index file ${file} does not match its checksum (truncated or corrupted)`);
  }
  // Checked once is enough: `verifyFile` on the same file (opening the previous generation) need not hash it again.
  const identity = await identityOf(path.join(directory, file));
  if (identity !== undefined) verified.set(identity, expected);
  return bytes;
}
