import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSIONS, hashBytes } from './load.js';

/**
 * The content hash of every article file, by file name, without parsing them: enough to tell whether a stored
 * index still matches the corpus. Uses the same hash as `Article.contentHash`. Empty when the folder is missing.
 */
export async function corpusFingerprint(directory: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return hashes;
  }
  for (const name of names.sort()) {
    if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase())) continue;
    if (name.toLowerCase() === 'readme.md') continue;
    const fullPath = path.join(directory, name);
    try {
      if (!(await stat(fullPath)).isFile()) continue;
      hashes.set(name, hashBytes(await readFile(fullPath)));
    } catch {
      // The loader skips an unreadable file under the hash of no bytes; the same hash here keeps an index
      // built beside it from looking stale at every start.
      hashes.set(name, hashBytes(new Uint8Array()));
    }
  }
  return hashes;
}
