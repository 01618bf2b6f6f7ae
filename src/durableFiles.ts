// Writes that survive a crash or a power cut: shared by the index store (generations, the CURRENT pointer) and
// the corpus folder (articles added, the ingest journal), which must both never leave half a file behind.
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `bytes` to `file` and flushes them to the disk before returning. `exclusive` fails with `EEXIST`
 * when the file is already there, instead of overwriting it.
 */
export async function writeDurably(
  file: string,
  bytes: Uint8Array | string,
  { exclusive = false }: { exclusive?: boolean } = {},
): Promise<void> {
  const handle = await open(file, exclusive ? 'wx' : 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes a rename or a new entry in `directory` durable: a file's own fsync does not cover its name, and without
 * this a power cut can bring the folder back as it was.
 */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic, only its durability is weaker.
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` with `bytes` atomically: written and flushed beside it as `<file>.<pid>.tmp` (callers
 * serialise their own writes to one file), renamed over it, so readers see the old content or the new and never
 * a mix, and the rename flushed.
 */
export async function replaceDurably(file: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeDurably(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
}
