// Runs after `npm install`: converts the shipped word vectors to the compact cache once, so the bot's
// first start does not spend ten seconds parsing JSON.
import 'dotenv/config';
import path from 'node:path';
import { convertWinkVectors, winkCachePath } from '../src/embeddings/winkVectors.js';
import { readWordVectorCache } from '../src/embeddings/wordVectorCache.js';

const cacheDirectory = path.resolve(process.env['EMBEDDINGS_CACHE_DIR'] ?? path.join('data', 'embeddings'));
try {
  await readWordVectorCache(winkCachePath(cacheDirectory));
  console.error(`word vectors: cache ready in ${cacheDirectory}`);
} catch {
  const started = Date.now();
  const file = await convertWinkVectors(cacheDirectory);
  console.error(`word vectors: converted to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
