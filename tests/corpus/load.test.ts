import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashBytes, loadCorpus, parseArticle } from '../../src/corpus/load.js';
import { InputError } from '../../src/errors.js';
import { articleWithFrontMatter, temporaryFolders, writeFiles } from '../support/fixtures.js';

const SEED_CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));

const folders = temporaryFolders();
afterEach(folders.removeAll);

describe('parseArticle', () => {
  it('GIVEN a body that opens by repeating the front-matter title THEN drops that line and renumbers', () => {
    const file = articleWithFrontMatter(
      { title: 'Apple executive Steve Jobs resigns' },
      'Apple executive Steve Jobs resigns\n\nSteve Jobs has chosen to step down.\n\nTim Cook succeeds him.',
    );
    const article = parseArticle('jobs.md', Buffer.from(file));
    if (typeof article === 'string') throw new Error(article);
    expect(article.paragraphs.map((paragraph) => [paragraph.number, paragraph.text])).toEqual([
      [1, 'Steve Jobs has chosen to step down.'],
      [2, 'Tim Cook succeeds him.'],
    ]);
    for (const paragraph of article.paragraphs) {
      expect(article.text.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
    }
  });

  it('GIVEN a first line that only resembles the title, or no title given THEN keeps it', () => {
    const differs = parseArticle(
      'a.md',
      Buffer.from(articleWithFrontMatter({ title: 'Jobs resigns' }, 'Jobs resigns as CEO.\n\nMore.')),
    );
    const untitled = parseArticle('b.txt', Buffer.from('Jobs resigns\n\nMore.'));
    if (typeof differs === 'string' || typeof untitled === 'string') throw new Error('not parsed');
    expect(differs.paragraphs).toHaveLength(2);
    expect(untitled.paragraphs).toHaveLength(2);
  });

  it('GIVEN front matter THEN reads title, author, source, url, published and language', () => {
    const file = articleWithFrontMatter(
      {
        title: 'Peru breaks ties',
        author: 'Jane Roe',
        source: 'Example News',
        url: 'https://example.com/a',
        published: '2025-11-03',
        language: 'es',
      },
      'The body.',
    );
    const article = parseArticle('peru.md', Buffer.from(file));
    expect(article).toMatchObject({
      id: 'peru',
      file: 'peru.md',
      metadata: {
        title: 'Peru breaks ties',
        author: 'Jane Roe',
        source: 'Example News',
        url: 'https://example.com/a',
        published: '2025-11-03',
        language: 'es',
      },
      text: 'The body.',
    });
  });

  it('GIVEN a plain text file without front matter THEN it still works, titled from its first words, in English', () => {
    const article = parseArticle('plain.txt', Buffer.from('Peru broke ties with Mexico on Monday.\nMore.'));
    expect(typeof article).toBe('object');
    if (typeof article === 'string') return;
    expect(article.metadata).toEqual({ title: 'Peru broke ties with Mexico on Monday.…', language: 'en' });
    expect(article.paragraphs).toHaveLength(2);
  });

  it('GIVEN a published date with a time THEN keeps the day', () => {
    const article = parseArticle('a.md', Buffer.from('---\npublished: 2025-11-03T10:00:00Z\n---\nBody.'));
    expect(typeof article === 'object' && article.metadata.published).toBe('2025-11-03');
  });

  it('GIVEN a byte-order mark THEN ignores it and offsets still point into the body', () => {
    const article = parseArticle('bom.txt', Buffer.from('\uFEFFFirst.\nSecond.'));
    if (typeof article === 'string') throw new Error(article);
    for (const paragraph of article.paragraphs) {
      expect(article.text.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
    }
    expect(article.paragraphs[0]?.text).toBe('First.');
  });

  it('GIVEN the same bytes THEN the content hash is their sha256', () => {
    const bytes = Buffer.from('Body.');
    const article = parseArticle('a.txt', bytes);
    expect(typeof article === 'object' && article.contentHash).toBe(hashBytes(bytes));
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]), /binary/],
    ['Latin-1 text', Buffer.from('Per\xfa rompi\xf3 relaciones.', 'latin1'), /UTF-8/],
    ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Peru', 'utf16le')]), /UTF-16/],
    ['only front matter', Buffer.from('---\ntitle: Nothing else\n---\n'), /front matter only/],
    ['only page furniture', Buffer.from('COMMENTS\nShare\n'), /no article text/],
  ])('GIVEN %s THEN returns why it cannot be used', (_name, bytes, reason) => {
    expect(parseArticle('bad.txt', bytes)).toMatch(reason);
  });
});

describe('loadCorpus', () => {
  it('GIVEN a missing folder THEN throws an InputError naming it', async () => {
    const missing = path.join(await folders.create(), 'nowhere');
    await expect(loadCorpus(missing)).rejects.toBeInstanceOf(InputError);
    await expect(loadCorpus(missing)).rejects.toThrow(missing);
  });

  it('GIVEN an empty folder THEN loads no articles and skips nothing', async () => {
    expect(await loadCorpus(await folders.create())).toEqual({ articles: [], skipped: [] });
  });

  it('GIVEN .md and .txt files THEN loads them sorted by name, ignoring README.md and other extensions', async () => {
    const folder = await writeFiles(await folders.create(), {
      'b.txt': 'Second article.',
      'a.md': '# First\n\nFirst article.',
      'README.md': '# About this corpus\n\nNot an article.',
      'notes.json': '{"not": "an article"}',
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    const { articles, skipped } = await loadCorpus(folder);
    expect(articles.map((article) => article.file)).toEqual(['a.md', 'b.txt']);
    expect(skipped).toEqual([]);
  });

  it('GIVEN bad files beside good ones THEN skips each with a reason naming the file and keeps the rest', async () => {
    const folder = await writeFiles(await folders.create(), {
      'good.txt': 'A real article.',
      'binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff]),
      'latin1.md': Buffer.from('Per\xfa', 'latin1'),
      'empty.txt': '',
      'front-matter-only.md': '---\ntitle: Nothing else\n---\n',
    });
    const { articles, skipped } = await loadCorpus(folder);
    expect(articles.map((article) => article.id)).toEqual(['good']);
    expect(Object.fromEntries(skipped.map((entry) => [entry.file, entry.reason]))).toEqual({
      'binary.txt': expect.stringMatching(/binary/) as unknown,
      'empty.txt': 'empty file',
      'front-matter-only.md': 'front matter only, no article text',
      'latin1.md': expect.stringMatching(/UTF-8/) as unknown,
    });
    for (const entry of skipped) expect(entry.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('GIVEN two files with the same name but different extensions THEN the second is skipped as a duplicate id', async () => {
    const folder = await writeFiles(await folders.create(), { 'a.md': 'One.', 'a.txt': 'Two.' });
    const { articles, skipped } = await loadCorpus(folder);
    expect(articles.map((article) => article.file)).toEqual(['a.md']);
    expect(skipped).toEqual([expect.objectContaining({ file: 'a.txt', reason: expect.stringMatching(/id "a"/) as unknown })]);
  });

  it('GIVEN a folder named like an article or a dangling link THEN the folder is ignored and the link skipped', async () => {
    const folder = await writeFiles(await folders.create(), { 'good.txt': 'A real article.' });
    await mkdir(path.join(folder, 'folder.md'));
    await symlink(path.join(folder, 'missing.txt'), path.join(folder, 'dangling.txt'));
    const { articles, skipped } = await loadCorpus(folder);
    expect(articles.map((article) => article.id)).toEqual(['good']);
    expect(skipped).toEqual([expect.objectContaining({ file: 'dangling.txt', reason: 'unreadable (ENOENT)' })]);
  });

  it.skipIf(process.getuid?.() === 0)('GIVEN a file without read permission THEN skips it as unreadable', async () => {
    const folder = await writeFiles(await folders.create(), { 'good.txt': 'Good.', 'locked.txt': 'Locked.' });
    await chmod(path.join(folder, 'locked.txt'), 0o000);
    const { skipped } = await loadCorpus(folder);
    expect(skipped).toEqual([expect.objectContaining({ file: 'locked.txt', reason: 'unreadable (EACCES)' })]);
  });

  it('GIVEN the seed corpus THEN loads its article with metadata and no page furniture', async () => {
    const { articles, skipped } = await loadCorpus(SEED_CORPUS);
    expect(skipped).toEqual([]);
    const [article] = articles;
    expect(article?.metadata).toMatchObject({
      author: 'Christian K. Caruzo',
      source: 'Breitbart News',
      published: '2025-11-03',
      language: 'en',
    });
    const paragraphs = article?.paragraphs ?? [];
    expect(paragraphs.length).toBeGreaterThan(15);
    for (const paragraph of paragraphs) {
      expect(article?.text.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
      expect(paragraph.text).not.toMatch(/^COMMENTS$|issues with commenting|follow him on Twitter/);
    }
    expect(paragraphs.at(-1)?.text).toBe('Christian K. Caruzo is a Venezuelan writer and documents life under socialism.');
  });
});
