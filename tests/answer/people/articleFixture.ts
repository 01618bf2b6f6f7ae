import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArticle } from '../../../src/corpus/load.js';
import type { Article } from '../../../src/corpus/types.js';

/** Builds an article the way the corpus loader does, from front matter and one paragraph a line. */
export function makeArticle(
  id: string,
  paragraphs: readonly string[],
  metadata: { published?: string; author?: string; title?: string } = {},
): Article {
  const front = [
    '---',
    `title: ${metadata.title ?? 'Test article'}`,
    ...(metadata.author ? [`author: ${metadata.author}`] : []),
    ...(metadata.published ? [`published: ${metadata.published}`] : []),
    'language: en',
    '---',
  ];
  const parsed = parseArticle(`${id}.md`, new TextEncoder().encode([...front, ...paragraphs].join('\n')));
  if (typeof parsed === 'string') throw new Error(`fixture ${id}: ${parsed}`);
  return parsed;
}

export const SEED_FILE = '000_94469c4b058c4b3d.txt';

export function loadSeed(): Article {
  const file = path.resolve(import.meta.dirname, '../../../corpus', SEED_FILE);
  const parsed = parseArticle(SEED_FILE, readFileSync(file));
  if (typeof parsed === 'string') throw new Error(`seed: ${parsed}`);
  return parsed;
}
