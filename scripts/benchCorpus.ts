// The synthetic corpus of `npm run bench`: news-like articles generated from real text, so the index and the
// lexical ranking see realistic term statistics at a size no hand-made corpus reaches.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { extractParagraphs } from '../src/corpus/clean.js';
import { loadCorpus } from '../src/corpus/load.js';
import { splitSentences } from '../src/corpus/sentences.js';
import { pick, seededRandom } from './syntheticCorpus.js';

/**
 * A word-bigram Markov chain over real sentences. Its output reads like shuffled news prose: the function-word
 * frequencies, sentence lengths and vocabulary of the source, which is what BM25 and the SIF embedder react to.
 */
export class SentenceModel {
  private readonly next = new Map<string, string[]>();
  private readonly openings: string[] = [];

  constructor(sentences: readonly string[]) {
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter((word) => word !== '');
      if (words.length < 4) continue;
      this.openings.push(words[0] ?? '');
      for (let index = 0; index + 1 < words.length; index++) {
        const word = words[index] ?? '';
        let followers = this.next.get(word);
        if (!followers) this.next.set(word, (followers = []));
        followers.push(words[index + 1] ?? '');
      }
    }
    if (this.openings.length === 0) throw new Error('no source sentences for the synthetic corpus');
  }

  /**
   * One sentence of at most `maxWords` words, ended by a full stop if the chain did not end it. With
   * `topicWords`, one word may be swapped for one of them: each article then has terms of its own, as names
   * and places give real articles.
   */
  sentence(random: () => number, maxWords: number, topicWords: readonly string[] = []): string {
    const words = [pick(random, this.openings)];
    while (words.length < maxWords) {
      const last = words[words.length - 1] ?? '';
      if (/[.!?]["”’)]*$/.test(last) && words.length > 3) break;
      const followers = this.next.get(last);
      if (!followers) break;
      words.push(pick(random, followers));
    }
    if (topicWords.length > 0 && words.length > 4 && random() < 0.6) {
      const position = 1 + Math.floor(random() * (words.length - 2));
      if (/^[a-z]{4,}$/.test(words[position] ?? '')) words[position] = pick(random, topicWords);
    }
    let text = words.join(' ');
    if (!/[.!?]["”’)]*$/.test(text)) text = `${text.replace(/[,;:]+$/, '')}.`;
    return text;
  }
}

/** Sentences of every article the project can read: the seed corpus and, where present, the evaluation sets. */
export async function sourceSentences(
  folders: readonly string[],
  jsonLinesFiles: readonly string[],
): Promise<string[]> {
  const sentences: string[] = [];
  const add = (text: string): void => {
    for (const sentence of splitSentences(text, extractParagraphs(text))) sentences.push(sentence.text);
  };
  for (const folder of folders) {
    try {
      const { articles } = await loadCorpus(folder);
      for (const article of articles) add(article.text);
    } catch {
      // A missing evaluation set only narrows the vocabulary.
    }
  }
  for (const file of jsonLinesFiles) {
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of content.split('\n')) {
      if (line.trim() === '') continue;
      const { text } = JSON.parse(line) as { text?: unknown };
      if (typeof text === 'string') add(text);
    }
  }
  return sentences;
}

export interface SyntheticCorpusOptions {
  model: SentenceModel;
  /** Rare real words (from the embedder's vocabulary) to draw each article's own terms from. */
  rareWords: readonly string[];
  folder: string;
  /** Paragraphs to write; each is kept under the chunker's limit, so this is also the number of chunks. */
  paragraphs: number;
  paragraphsPerArticle?: number;
  seed?: number;
}

/** Each paragraph stays under this many characters, below the chunker's 600, so a paragraph is one chunk. */
const PARAGRAPH_LIMIT = 560;

/** Writes the corpus, one `.md` file per article with front matter; returns how many articles it wrote. */
export async function writeSyntheticCorpus({
  model,
  rareWords,
  folder,
  paragraphs,
  paragraphsPerArticle = 100,
  seed = 2025,
}: SyntheticCorpusOptions): Promise<number> {
  const random = seededRandom(seed);
  await mkdir(folder, { recursive: true });
  const articleCount = Math.ceil(paragraphs / paragraphsPerArticle);
  let written = 0;
  for (let article = 0; article < articleCount; article++) {
    const topicWords = Array.from({ length: 12 }, () => pick(random, rareWords));
    const body: string[] = [];
    for (
      let paragraph = 0;
      paragraph < paragraphsPerArticle && written < paragraphs;
      paragraph++, written++
    ) {
      const sentences: string[] = [];
      const wanted = 1 + Math.floor(random() * 3);
      while (sentences.length < wanted) {
        const sentence = model.sentence(random, 40, topicWords);
        const length = sentences.join(' ').length + sentence.length + 1;
        if (length > PARAGRAPH_LIMIT) {
          if (sentences.length > 0) break;
          continue;
        }
        sentences.push(sentence);
      }
      body.push(sentences.join(' '));
    }
    const title = model.sentence(random, 12, topicWords).replace(/[.!?]+$/, '');
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const frontMatter = [
      '---',
      `title: ${JSON.stringify(title)}`,
      'source: "Synthetic News (npm run bench)"',
      `published: ${2020 + Math.floor(random() * 6)}-${month}-${day}`,
      'language: en',
      '---',
    ].join('\n');
    await writeFile(
      path.join(folder, `synthetic-${String(article).padStart(5, '0')}.md`),
      `${frontMatter}\n${body.join('\n\n')}\n`,
    );
  }
  return articleCount;
}

/** Copies the article files of `from` into `to` (the seed article joins the synthetic corpus). */
export async function copyArticles(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (!/\.(md|txt)$/i.test(name) || name.toLowerCase() === 'readme.md') continue;
    await writeFile(path.join(to, name), await readFile(path.join(from, name)));
  }
}
