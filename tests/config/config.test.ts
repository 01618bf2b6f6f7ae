import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/config/config.js';

describe('language model settings', () => {
  it('GIVEN no LLM settings THEN no model: every answer is extractive', () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it('GIVEN LLM_PROVIDER=ollama and a model THEN the defaults hold: local Ollama, 20 s, temperature 0, no daily limit', () => {
    expect(loadConfig({ LLM_PROVIDER: 'ollama', LLM_MODEL: 'llama3.1' }).llm).toEqual({
      provider: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      model: 'llama3.1',
      apiKey: undefined,
      timeoutMs: 20_000,
      maxOutputTokens: 700,
      temperature: 0,
      maxPassages: 6,
      dailyLimitPerGuild: 0,
      streaming: false,
      structuredOutput: 'jsonSchema',
      breaker: { failures: 3, cooldownMs: 60_000 },
    });
  });

  it('GIVEN LLM_PROVIDER without LLM_MODEL THEN a clear error names the key', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'ollama' })).toThrow(
      /LLM_MODEL: required with LLM_PROVIDER=ollama/,
    );
  });

  it('GIVEN OpenAI itself without a key THEN an error; a compatible server at LLM_BASE_URL needs none', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'gpt-4o-mini' })).toThrow(/LLM_API_KEY/);
    const local = loadConfig({
      LLM_PROVIDER: 'openai',
      LLM_MODEL: 'qwen',
      LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
    });
    expect(local.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1', apiKey: undefined });
  });

  it('GIVEN bad values THEN every problem is reported together, by key', () => {
    const error = (() => {
      try {
        loadConfig({
          LLM_PROVIDER: 'claude',
          LLM_TIMEOUT_MS: 'soon',
          LLM_TEMPERATURE: '3',
          LLM_STRUCTURED_OUTPUT: 'xml',
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    for (const key of ['LLM_PROVIDER', 'LLM_TIMEOUT_MS', 'LLM_TEMPERATURE', 'LLM_STRUCTURED_OUTPUT']) {
      expect((error as Error).message).toContain(key);
    }
  });

  it('GIVEN LLM_STRUCTURED_OUTPUT=tool-call and LLM_STREAMING=true THEN tool calls and streaming', () => {
    const config = loadConfig({
      LLM_PROVIDER: 'ollama',
      LLM_MODEL: 'm',
      LLM_STRUCTURED_OUTPUT: 'tool-call',
      LLM_STREAMING: 'true',
    });
    expect(config.llm).toMatchObject({ structuredOutput: 'functionCalling', streaming: true });
  });
});

describe('embedding settings', () => {
  it('GIVEN EMBEDDINGS=ollama without a model THEN a clear error', () => {
    expect(() => loadConfig({ EMBEDDINGS: 'ollama' })).toThrow(
      /EMBEDDINGS_MODEL: required with EMBEDDINGS=ollama/,
    );
  });

  it('GIVEN provider embeddings from the same provider as the model THEN its address and key are used', () => {
    const config = loadConfig({
      LLM_PROVIDER: 'openai',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_BASE_URL: 'https://gateway.example/v1',
      LLM_API_KEY: 'sk-abcdefgh12345678',
      EMBEDDINGS: 'openai',
      EMBEDDINGS_MODEL: 'text-embedding-3-small',
    });
    expect(config.embeddings).toMatchObject({
      provider: 'openai',
      model: 'text-embedding-3-small',
      baseUrl: 'https://gateway.example/v1',
      apiKey: 'sk-abcdefgh12345678',
    });
    expect(secretsOf(config)).toEqual(['sk-abcdefgh12345678', 'sk-abcdefgh12345678']);
  });

  it('GIVEN Ollama embeddings with an OpenAI model THEN they default to local Ollama', () => {
    const config = loadConfig({
      LLM_PROVIDER: 'openai',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_API_KEY: 'sk-abcdefgh12345678',
      EMBEDDINGS: 'ollama',
      EMBEDDINGS_MODEL: 'nomic-embed-text',
    });
    expect(config.embeddings).toMatchObject({ provider: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
  });
});

describe('shards', () => {
  it('GIVEN no SHARDS, an empty one or 1 THEN the bot runs in one process', () => {
    for (const value of [undefined, '', '1']) {
      expect(loadConfig(value === undefined ? {} : { SHARDS: value }).sharding).toEqual({ mode: 'single' });
    }
  });

  it('GIVEN SHARDS=auto or a number above 1 THEN this process is the shard manager', () => {
    expect(loadConfig({ SHARDS: 'auto' }).sharding).toEqual({ mode: 'manager', shards: 'auto' });
    expect(loadConfig({ SHARDS: ' 4 ' }).sharding).toEqual({ mode: 'manager', shards: 4 });
  });

  it('GIVEN SHARDS that is neither auto nor a whole number from 1 THEN one clear configuration error', () => {
    expect(() => loadConfig({ SHARDS: 'many' })).toThrow(/SHARDS: auto, or a whole number of shards from 1/);
    expect(() => loadConfig({ SHARDS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHARDS: '2.5' })).toThrow(/SHARDS/);
  });

  it('GIVEN SHARD_LIST THEN this host runs those shards of SHARDS, and a shard beyond them is refused', () => {
    expect(loadConfig({ SHARDS: '4', SHARD_LIST: '2, 3' }).sharding).toEqual({
      mode: 'manager',
      shards: 4,
      shardList: [2, 3],
    });
    expect(() => loadConfig({ SHARDS: '4', SHARD_LIST: '1,4' })).toThrow(
      /SHARD_LIST: shard 4 is not below SHARDS=4/,
    );
    expect(() => loadConfig({ SHARDS: '4', SHARD_LIST: 'one' })).toThrow(/SHARD_LIST/);
  });

  it('GIVEN INDEX_POLL_SECONDS THEN serving processes look for a new generation that often; by default never', () => {
    expect(loadConfig({}).indexPollMs).toBe(0);
    expect(loadConfig({ INDEX_POLL_SECONDS: '10' }).indexPollMs).toBe(10_000);
  });

  it('GIVEN the variables discord.js gives a shard process THEN it knows itself as that shard, whatever SHARDS said', () => {
    expect(loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '3' }).sharding).toEqual({
      mode: 'shard',
      shard: 1,
      shards: 3,
    });
    expect(() => loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '3', SHARD_COUNT: '3' })).toThrow(
      /shard id below SHARD_COUNT/,
    );
  });
});
