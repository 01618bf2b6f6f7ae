// The enricher of the bench's synthetic builds: the bot's own version with no facts. Deriving people and dates
// for a million chunks would take the best part of an hour, so the bench times it on a sample instead; the
// version still has to be the bot's, or the bot would derive them all at start-up before serving the index.
import { articleEnricher } from '../src/answer/knowledge.js';
import type { ArticleEnricher } from '../src/index/index.js';

export const emptyFactsEnricher: ArticleEnricher = {
  ...articleEnricher,
  article: () => ({ people: [], timeline: [] }),
};
