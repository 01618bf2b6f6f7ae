import type { Config } from '../config/config.js';
import { HashingEmbeddings } from './hashingEmbeddings.js';
import type { TextEmbedder } from './types.js';
import { loadWinkVectors } from './winkVectors.js';
import { WordVectorEmbeddings } from './wordVectorEmbeddings.js';

/** The configured embedder; `onNotice` hears about slow one-time work (converting the word vectors). */
export async function createEmbedder(
  settings: Config['embeddings'],
  onNotice: (message: string) => void = () => undefined,
): Promise<TextEmbedder> {
  if (settings.provider === 'hashing') return new HashingEmbeddings(256);
  const table = await loadWinkVectors(settings.cacheDir, (reason) =>
    onNotice(
      `converting word vectors to ${settings.cacheDir} (${reason}); this happens once and takes ~15 s`,
    ),
  );
  return new WordVectorEmbeddings(table);
}
