import type { EmbeddingSettings, ProviderEmbeddingSettings } from '../config/config.js';
import { budgetedFetch, withDeadline } from '../providers/budgetedFetch.js';
import { HashingEmbeddings } from './hashingEmbeddings.js';
import { ProviderEmbeddings } from './providerEmbeddings.js';
import type { TextEmbedder } from './types.js';
import { loadWinkVectors } from './winkVectors.js';
import { WordVectorEmbeddings } from './wordVectorEmbeddings.js';

/** The configured embedder; `onNotice` hears about slow one-time work (converting the word vectors). */
export async function createEmbedder(
  settings: EmbeddingSettings,
  onNotice: (message: string) => void = () => undefined,
): Promise<TextEmbedder> {
  if (settings.provider === 'hashing') return new HashingEmbeddings(256);
  const table = await loadWinkVectors(settings.cacheDir, (reason) =>
    onNotice(
      `converting word vectors to ${settings.cacheDir} (${reason}); this happens once and takes ~15 s`,
    ),
  );
  const words = new WordVectorEmbeddings(table);
  if (settings.provider === 'wink') return words;
  return createProviderEmbeddings(settings, words, onNotice);
}

/** Stands in for a key that a local server does not need, since the `openai` client will not start without one. */
const NO_KEY = 'no-key';

/**
 * Embeddings from an OpenAI-compatible endpoint or Ollama. One probe at start-up learns the vector size (and
 * fails start-up with a clear message when the endpoint cannot be reached, since the index needs it).
 */
export async function createProviderEmbeddings(
  settings: ProviderEmbeddingSettings,
  local: TextEmbedder,
  onNotice: (message: string) => void = () => undefined,
): Promise<ProviderEmbeddings> {
  // Imported here, not at the top: the provider clients take longer to load than the rest of start-up, and
  // the offline default never needs them.
  const [{ OpenAIEmbeddings }, { OllamaEmbeddings }] = await Promise.all([
    import('@langchain/openai'),
    import('@langchain/ollama'),
  ]);
  const fetch = budgetedFetch();
  // A few retries: an index build should ride out a blip; every call still ends at its deadline.
  const remote =
    settings.provider === 'openai'
      ? new OpenAIEmbeddings({
          model: settings.model,
          apiKey: settings.apiKey ?? NO_KEY,
          maxRetries: 2,
          configuration: { baseURL: settings.baseUrl, fetch },
        })
      : new OllamaEmbeddings({
          model: settings.model,
          baseUrl: settings.baseUrl,
          maxRetries: 2,
          fetch,
          ...(settings.apiKey ? { headers: { Authorization: `Bearer ${settings.apiKey}` } } : {}),
        });
  let probe: number[];
  try {
    probe = await withDeadline(settings.timeoutMs, () => remote.embedQuery('dimension probe'));
  } catch (error) {
    throw new Error(
      `EMBEDDINGS=${settings.provider}: ${settings.model} at ${settings.baseUrl} did not embed a test text (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return new ProviderEmbeddings({
    remote,
    local,
    name: `${settings.provider}:${settings.model}`,
    dimensions: probe.length,
    withinDeadline: (work) => withDeadline(settings.timeoutMs, work),
    onNotice,
  });
}
