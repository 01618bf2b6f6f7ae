import { readdir, readFile } from 'node:fs/promises';
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
    try {
      hashes.set(name, hashBytes(await readFile(path.join(directory, name))));
    } catch {
      // A folder or unreadable entry: the loader will report it when it builds.
    }
  }
  return hashes;
}
