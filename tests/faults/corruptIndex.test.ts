// A truncated or corrupted graph, chunk store or manifest: caught by its checksum, reported in one line,
// rebuilt from the corpus.
import { readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { articleEnricher } from '../../src/answer/knowledge.js';
import { createArticleBot } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { loadCurrentGeneration } from '../../src/index/index.js';
import { IndexInvalidError } from '../../src/index/manifest.js';
import {
  editManifest,
  generationPath,
  syntheticFiles,
  workspaces,
  type Workspace,
  storeOf,
} from '../index/support.js';

const spaces = workspaces();
afterEach(spaces.removeAll);

async function flipByte(file: string, position: (size: number) => number): Promise<void> {
  const bytes = await readFile(file);
  const at = position(bytes.length);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  await writeFile(file, bytes);
}

async function firstSegment(space: Workspace, name: string, extension: string): Promise<string> {
  const files = (await readdir(generationPath(space, name, 'segments'))).sort();
  return path.join('segments', files.find((file) => file.endsWith(extension)) ?? '');
}

interface Damage {
  what: string;
  damage: (space: Workspace, generation: string) => Promise<void>;
  reason: RegExp;
}

const DAMAGES: Damage[] = [
  {
    what: 'the vector graph truncated to half',
    damage: async (space, name) => {
      const file = generationPath(space, name, 'graph.hnsw');
      await truncate(file, Math.floor((await readFile(file)).length / 2));
    },
    reason: /^index file graph\.hnsw does not match its checksum \(truncated or corrupted\)$/,
  },
  {
    what: 'one byte of the vector graph flipped',
    damage: (space, name) => flipByte(generationPath(space, name, 'graph.hnsw'), (size) => size - 100),
    reason: /^index file graph\.hnsw does not match its checksum/,
  },
  {
    what: 'a chunk store segment truncated',
    damage: async (space, name) =>
      truncate(generationPath(space, name, await firstSegment(space, name, '.jsonl')), 100),
    reason: /^index file segments\/\w+\.jsonl does not match its checksum/,
  },
  {
    what: 'one byte of a segment’s term postings flipped',
    damage: async (space, name) =>
      flipByte(generationPath(space, name, await firstSegment(space, name, '.terms')), (size) => size - 3),
    reason: /^index file segments\/\w+\.terms does not match its checksum/,
  },
  {
    what: 'one byte of the delta vectors flipped',
    damage: (space, name) => flipByte(generationPath(space, name, 'delta.f32'), () => 3),
    reason: /^index file delta\.f32 does not match its checksum/,
  },
  {
    what: 'the derived facts edited',
    damage: (space, name) => writeFile(generationPath(space, name, 'extras.json'), '{"people":["Mallory"]}'),
    reason: /^index file extras\.json does not match its checksum/,
  },
  {
    what: 'the manifest truncated',
    damage: (space, name) => truncate(generationPath(space, name, 'manifest.json'), 40),
    reason: /^manifest is not valid JSON \(truncated or corrupted\)$/,
  },
  {
    what: 'the manifest’s chunk count edited',
    damage: async (space, name) => {
      const file = generationPath(space, name, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { chunkCount: number };
      await writeFile(file, JSON.stringify({ ...manifest, chunkCount: manifest.chunkCount + 1 }));
    },
    reason: /^manifest does not match its checksum \(edited or corrupted\)$/,
  },
  {
    what: 'the manifest’s chunk count edited and its own checksum recomputed',
    damage: async (space, name) => {
      await editManifest(generationPath(space, name, 'manifest.json'), (manifest) => ({
        ...manifest,
        chunkCount: manifest.chunkCount + 1,
      }));
    },
    reason: /^index counts disagree with the manifest$/,
  },
  {
    what: 'the CURRENT pointer naming a missing generation',
    damage: (space) => writeFile(path.join(space.index, 'CURRENT'), 'gone\n'),
    reason: /^index file manifest\.json is missing in .+gone$/,
  },
];

/** An index with both layers in use: a graph file and a few vectors in the delta layer. */
async function builtWithDelta(): Promise<Workspace> {
  const space = await spaces.create(8);
  await space.build();
  await space.write(syntheticFiles(1, 2, 1));
  await space.build();
  return space;
}

describe.each(DAMAGES)('damaged index: $what', ({ damage, reason }) => {
  it('GIVEN the damage WHEN the index is loaded THEN it is refused with one line naming the file AND the next reindex rebuilds it from the corpus', async () => {
    const space = await builtWithDelta();
    await damage(space, await space.currentName());

    const failure = await loadCurrentGeneration(space.index).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IndexInvalidError);
    expect((failure as Error).message).toMatch(reason);
    expect((failure as Error).message).not.toContain('\n');

    space.embedder.calls.length = 0;
    const report = await space.build();
    expect(report.previousIndexProblem).toMatch(reason);
    expect(report).toMatchObject({ rebuilt: true, graph: 'rebuilt' });
    expect(report.embedded).toBe(report.chunks);
    const rebuilt = await loadCurrentGeneration(space.index);
    expect(storeOf(rebuilt).articles).toHaveLength(8);
  });
});

/** Starts the bot on a workspace's index, with the messages it logged on the way. */
async function startBot(space: Workspace) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  const config = loadConfig({ CORPUS_DIR: space.corpus, INDEX_DIR: space.index, EMBEDDINGS: 'hashing' });
  const bot = await createArticleBot({ config, logger, embedder: space.embedder });
  return { bot, messages: lines.map((line) => (JSON.parse(line) as { msg: string }).msg) };
}

describe('a bot starting on a damaged index', () => {
  it('GIVEN a truncated graph WHEN the bot starts THEN it logs why in one line, rebuilds, and answers', async () => {
    const space = await builtWithDelta();
    const graph = generationPath(space, await space.currentName(), 'graph.hnsw');
    await truncate(graph, 10);

    const { bot, messages } = await startBot(space);

    expect(messages).toContain(
      'building the index: index file graph.hnsw does not match its checksum (truncated or corrupted)',
    );
    const answer = await bot.ask('Who confirmed the plan?');
    expect(answer.citations.length + answer.closest.length).toBeGreaterThan(0);
  });

  it('GIVEN an index whose people and events came from another extractor WHEN the bot starts THEN it derives them again', async () => {
    const { bot, messages } = await startBot(await builtWithDelta());

    expect(messages).toContain(
      `building the index: people and timeline extraction changed (none → ${articleEnricher.version})`,
    );
    expect(bot.who().people.length).toBeGreaterThan(0);
  });
});
