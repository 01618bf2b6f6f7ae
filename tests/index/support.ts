// Helpers for the reindex tests: a temporary corpus and index folder, synthetic articles, what a build wrote.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../src/corpus/types.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { buildIndex, type BuildOptions, type BuildReport } from '../../src/index/build.js';
import type { LoadedGeneration } from '../../src/index/loadGeneration.js';
import { serializeManifest, type Manifest } from '../../src/index/manifest.js';
import type { EmbedderSpec } from '../../src/index/embedderSpec.js';
import { syntheticArticle } from '../../scripts/syntheticCorpus.js';
import { temporaryFolders } from '../support/fixtures.js';

export interface Workspace {
  root: string;
  corpus: string;
  index: string;
  embedder: HashingEmbeddings;
  /** Writes (or overwrites) articles in the corpus. */
  write: (files: Readonly<Record<string, string | Uint8Array>>) => Promise<void>;
  remove: (...files: string[]) => Promise<void>;
  build: (options?: Partial<BuildOptions>) => Promise<BuildReport>;
  /** The recipe a build process uses to make `embedder`. */
  spec: EmbedderSpec;
  currentName: () => Promise<string>;
}

/** Creates workspaces under temporary folders; call `removeAll` after each test. */
export function workspaces(): {
  create: (articles?: number) => Promise<Workspace>;
  removeAll: () => Promise<void>;
} {
  const folders = temporaryFolders('article-bot-reindex-');
  return {
    removeAll: folders.removeAll,
    create: async (articles = 0) => {
      const root = await folders.create();
      const corpus = path.join(root, 'corpus');
      const index = path.join(root, 'index');
      await mkdir(corpus);
      const embedder = new HashingEmbeddings(32);
      const workspace: Workspace = {
        root,
        corpus,
        index,
        embedder,
        spec: { provider: 'hashing', dimensions: embedder.dimensions, id: embedder.id },
        write: async (files) => {
          for (const [name, content] of Object.entries(files))
            await writeFile(path.join(corpus, name), content);
        },
        remove: async (...files) => {
          for (const name of files) await rm(path.join(corpus, name));
        },
        build: (options = {}) =>
          buildIndex({ corpusDirectory: corpus, indexDirectory: index, embedder, ...options }),
        currentName: async () => (await readFile(path.join(index, 'CURRENT'), 'utf8')).trim(),
      };
      await workspace.write(syntheticFiles(articles));
      return workspace;
    },
  };
}

/** `count` synthetic articles (numbered from `first`), by file name. */
export function syntheticFiles(count: number, first = 0, revision = 0): Record<string, string> {
  const files: Record<string, string> = {};
  for (let number = first; number < first + count; number++) {
    const article = syntheticArticle(number, revision);
    files[article.file] = article.content;
  }
  return files;
}

/** The file name of synthetic article `number`. */
export function syntheticName(number: number): string {
  return syntheticArticle(number).file;
}

export async function inode(file: string): Promise<number> {
  return (await stat(file)).ino;
}

export function generationPath(workspace: Workspace, name: string, ...parts: string[]): string {
  return path.join(workspace.index, 'generations', name, ...parts);
}

/** Resolves once `file` exists (a build process parked at a fault point writes it), or fails after `timeoutMs`. */
export async function waitForFile(file: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch {
      if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

type UnsignedManifest = Omit<Manifest, 'manifestChecksum'>;

/** Rewrites a manifest through `edit` and signs it again, as a deliberate (not accidental) edit would. */
export async function editManifest(
  file: string,
  edit: (manifest: UnsignedManifest) => UnsignedManifest,
): Promise<void> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  delete parsed['manifestChecksum'];
  await writeFile(file, serializeManifest(edit(parsed as UnsignedManifest)));
}

/** A chunk of a loaded generation, spelled out: the row it is served as, its article and place. */
export interface ServedChunk {
  label: number;
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Everything a loaded generation serves, read into memory: every article with its text, and every chunk row.
 * For assertions on small test corpora; a serving process reads these on demand.
 */
export function storeOf(generation: LoadedGeneration): { articles: Article[]; chunks: ServedChunk[] } {
  const articles = generation.articles.map((_, ordinal) => {
    const article = generation.article(ordinal);
    if (!article) throw new Error(`article ${ordinal} cannot be read`);
    return article;
  });
  const { chunks } = generation;
  return {
    articles,
    chunks: Array.from({ length: chunks.count }, (_, row) => ({
      label: row,
      articleId: articles[chunks.article[row] ?? 0]?.id ?? '',
      paragraph: chunks.paragraph[row] ?? 0,
      start: chunks.start[row] ?? 0,
      end: chunks.end[row] ?? 0,
    })),
  };
}
