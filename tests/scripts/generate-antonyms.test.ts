import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ANTONYM_MODULE, antonymModule } from '../../scripts/generate-antonyms.js';

describe('generate-antonyms', () => {
  it('GIVEN the WordNet of the dev dependency THEN the committed antonym table is what the script writes', async () => {
    const { text, counts } = await antonymModule();
    expect(await readFile(ANTONYM_MODULE, 'utf8')).toBe(text);
    expect(counts['adjective']).toBeGreaterThan(1000);
  });
});
