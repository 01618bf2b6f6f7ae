import { createEmbedder } from '../src/embeddings/createEmbedder.js';
import { loadConfig } from '../src/config/config.js';
import { TermMatcher } from '../src/retrieval/termMatcher.js';
const config = loadConfig({ ...process.env });
const embedder = await createEmbedder(config.embeddings);
const matcher = new TermMatcher(embedder);
const pairs = process.argv.slice(2).map((p) => p.split(':'));
for (const [a, b] of pairs) console.log(a, b, matcher.similarity(a!, b!).toFixed(3));
