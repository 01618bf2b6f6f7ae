import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusFolder } from '../../src/ingest/corpusFolder.js';
import { temporaryFolders } from '../support/fixtures.js';

const folders = temporaryFolders('article-bot-corpus-folder-');
afterEach(folders.removeAll);

async function corpusWith(
  files: Record<string, string>,
): Promise<{ folder: CorpusFolder; directory: string }> {
  const directory = await folders.create();
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
  return { folder: new CorpusFolder(directory), directory };
}

/** The article files, as the corpus loader sees them (files directly in the folder). */
async function articleFiles(directory: string): Promise<string[]> {
  return (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

const DETAILS = { sha256: 'a'.repeat(64), by: 'tester' };

describe('adding and removing files in the corpus folder', () => {
  it('GIVEN an add THEN the file is in place at once, and a rollback takes it out again', async () => {
    const { folder, directory } = await corpusWith({ 'old.md': 'old' });
    const change = await folder.add('new.md', 'new text', DETAILS);
    expect(await articleFiles(directory)).toEqual(['new.md', 'old.md']);
    expect(await readFile(path.join(directory, 'new.md'), 'utf8')).toBe('new text');
    await change.rollback();
    expect(await articleFiles(directory)).toEqual(['old.md']);
  });

  it('GIVEN a removal THEN the file leaves the corpus for .ingest/removed, and a rollback brings it back', async () => {
    const { folder, directory } = await corpusWith({ 'a.md': 'A', 'b.md': 'B' });
    const change = await folder.remove('a.md', DETAILS);
    expect(await articleFiles(directory)).toEqual(['b.md']);
    const removed = await readdir(path.join(directory, '.ingest', 'removed'));
    expect(removed).toEqual([expect.stringMatching(/-a\.md$/)]);
    await change.rollback();
    expect(await articleFiles(directory)).toEqual(['a.md', 'b.md']);
    expect(await readFile(path.join(directory, 'a.md'), 'utf8')).toBe('A');
  });

  it('GIVEN a name already taken THEN offers the next free one', async () => {
    const { folder } = await corpusWith({ 'story.md': 'x', 'story-2.md': 'y' });
    expect(await folder.freeName('story.md')).toBe('story-3.md');
    expect(await folder.freeName('other.md')).toBe('other.md');
  });
});

describe('settling a change a crash interrupted', () => {
  it('GIVEN an add the index never saw THEN the next start takes the file out', async () => {
    const { folder, directory } = await corpusWith({ 'old.md': 'old' });
    await folder.add('new.md', 'new', DETAILS);
    // The process dies here: no commit, no rollback.
    const recovery = await new CorpusFolder(directory).recover(new Map([['old.md', 'x']]));
    expect(recovery?.outcome).toBe('rolled-back');
    expect(await articleFiles(directory)).toEqual(['old.md']);
    expect(await readdir(path.join(directory, '.ingest'))).toEqual([]);
  });

  it('GIVEN an add the index already holds THEN the next start keeps it', async () => {
    const { folder, directory } = await corpusWith({ 'old.md': 'old' });
    await folder.add('new.md', 'new', DETAILS);
    const recovery = await new CorpusFolder(directory).recover(new Map([['new.md', DETAILS.sha256]]));
    expect(recovery?.outcome).toBe('completed-after-restart');
    expect(await articleFiles(directory)).toEqual(['new.md', 'old.md']);
  });

  it('GIVEN a removal the index still holds THEN the next start puts the file back', async () => {
    const { folder, directory } = await corpusWith({ 'a.md': 'A', 'b.md': 'B' });
    await folder.remove('a.md', DETAILS);
    const recovery = await new CorpusFolder(directory).recover(new Map([['a.md', DETAILS.sha256]]));
    expect(recovery?.outcome).toBe('rolled-back');
    expect(await articleFiles(directory)).toEqual(['a.md', 'b.md']);
  });

  it('GIVEN a removal the index already made THEN the next start leaves it removed', async () => {
    const { folder, directory } = await corpusWith({ 'a.md': 'A', 'b.md': 'B' });
    await folder.remove('a.md', DETAILS);
    expect((await new CorpusFolder(directory).recover(new Map([['b.md', 'x']])))?.outcome).toBe(
      'completed-after-restart',
    );
    expect(await articleFiles(directory)).toEqual(['b.md']);
  });

  it('GIVEN a half-written temporary file and no journal THEN it is cleaned away and nothing else changes', async () => {
    const { folder, directory } = await corpusWith({ 'a.md': 'A' });
    await folder.freeName('x.md');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(directory, '.ingest'));
    await writeFile(path.join(directory, '.ingest', 'new.md.1234.partial'), 'half');
    expect(await folder.recover(new Map())).toBeUndefined();
    expect(await readdir(path.join(directory, '.ingest'))).toEqual([]);
    expect(await articleFiles(directory)).toEqual(['a.md']);
  });
});
