// 500 questions asked while a reindex runs: every one answered, each from one whole generation, never a mix.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { parseArticle } from '../../src/corpus/load.js';
import { createBotFixture } from '../support/articleBotFixture.js';
import { syntheticFiles, syntheticName } from '../index/support.js';

/** Article bodies by id, as the loader reads them: what a citation's offsets point into. */
async function snapshot(corpus: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of await readdir(corpus)) {
    const article = parseArticle(name, await readFile(path.join(corpus, name)));
    if (typeof article !== 'string') texts.set(article.id, article.text);
  }
  return texts;
}

/** True when every quote of the answer is exactly the text at its offsets in that version of the corpus. */
function quotesFrom(answer: Answer, texts: ReadonlyMap<string, string>): boolean {
  return [...answer.citations, ...answer.closest].every(
    (citation) => texts.get(citation.article)?.slice(citation.start, citation.end) === citation.text,
  );
}

const QUESTIONS = [
  'What did the report misstate?',
  'Who rejected the decision?',
  'What did officials say about the budget?',
  'How many people were affected by the strike?',
  'Who told reporters in Lima about the flood?',
  'When will the election ballots be reviewed?',
  'What did the mayor of Oslo announce?',
  'Who met privately in Nairobi?',
  'What percent could prices rise?',
  'Which union criticised the contract?',
];

describe('questions during a reindex', () => {
  it('GIVEN a serving bot WHEN 500 questions arrive while a reindex changes, removes and adds articles THEN all are answered, each wholly from the old or the new index', async () => {
    const fixture = await createBotFixture(syntheticFiles(30));
    try {
      const corpus = fixture.config.corpusDir;
      const before = await snapshot(corpus);
      for (const [name, content] of Object.entries(syntheticFiles(10, 0, 1)))
        await writeFile(path.join(corpus, name), content);
      for (const number of [20, 21, 22, 23, 24]) await rm(path.join(corpus, syntheticName(number)));
      for (const [name, content] of Object.entries(syntheticFiles(5, 30)))
        await writeFile(path.join(corpus, name), content);
      const after = await snapshot(corpus);

      let reindexDone = false;
      const reindex = fixture.bot.reindex({ requestedBy: 'load-test' }).finally(() => {
        reindexDone = true;
      });
      const asked: { answer: Promise<Answer>; duringReindex: boolean }[] = [];
      for (let wave = 0; wave < 20; wave++) {
        // The last waves wait for the swap, so both generations are certainly exercised.
        if (wave === 15) await reindex;
        for (let user = 0; user < 25; user++) {
          const question = QUESTIONS[(wave + user) % QUESTIONS.length] ?? '';
          asked.push({ answer: fixture.bot.ask(question), duringReindex: !reindexDone });
        }
        await sleep(wave < 15 ? 30 : 0);
      }
      const report = await reindex;
      const answers = await Promise.allSettled(asked.map((entry) => entry.answer));

      expect(report).toMatchObject({ rebuilt: true });
      expect(report.articles.changed).toHaveLength(10);
      expect(asked).toHaveLength(500);
      expect(answers.filter((result) => result.status === 'rejected')).toEqual([]);
      const settled = answers.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
      const old = settled.map((answer) => answer !== undefined && quotesFrom(answer, before));
      const current = settled.map((answer) => answer !== undefined && quotesFrom(answer, after));
      expect(settled.filter((_answer, position) => !old[position] && !current[position])).toEqual([]);
      expect(asked.filter((entry) => entry.duringReindex).length).toBeGreaterThan(0);
      // Answers given after the swap never quote an article that the reindex removed or changed.
      expect(current.slice(15 * 25).every(Boolean)).toBe(true);
      // Both generations really answered: some quotes exist only in the old corpus, some only in the new.
      expect(old.filter((fromOld, position) => fromOld && !current[position]).length).toBeGreaterThan(0);
      expect(current.filter((fromNew, position) => fromNew && !old[position]).length).toBeGreaterThan(0);
    } finally {
      await fixture.cleanup();
    }
  }, 120_000);
});
