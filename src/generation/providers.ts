import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAICompletions } from '@langchain/openai';
import type { LlmSettings } from '../config/config.js';
import { budgetedFetch, currentBudget } from '../providers/budgetedFetch.js';
import { ChatModelGenerator } from './chatModelGenerator.js';
import type { AnswerGenerator } from './types.js';

/**
 * OpenAI-compatible servers are called without a key by many local setups (vLLM, LM Studio, llama.cpp), but the
 * `openai` client refuses to start without one; this stands in, and tells such a server nothing.
 */
const NO_KEY = 'no-key';

/**
 * The configured chat model as LangChain sees it. Both clients send their requests through `budgetedFetch`
 * (the answer's deadline and the one 429 retry) and have their own retries switched off. `ChatOpenAICompletions`
 * rather than `ChatOpenAI`: the latter moves some model names to OpenAI's Responses API, which
 * OpenAI-compatible servers do not have.
 */
export function createChatModel(
  settings: LlmSettings,
  fetch: typeof globalThis.fetch = budgetedFetch(),
): BaseChatModel {
  if (settings.provider === 'openai') {
    return new ChatOpenAICompletions({
      model: settings.model,
      apiKey: settings.apiKey ?? NO_KEY,
      temperature: settings.temperature,
      maxTokens: settings.maxOutputTokens,
      maxRetries: 0,
      streamUsage: true,
      configuration: { baseURL: settings.baseUrl, fetch },
    });
  }
  return new ChatOllama({
    model: settings.model,
    baseUrl: settings.baseUrl,
    temperature: settings.temperature,
    numPredict: settings.maxOutputTokens,
    maxRetries: 0,
    fetch,
    // Ollama itself takes no key; one set here is for a proxy in front of it.
    ...(settings.apiKey ? { headers: { Authorization: `Bearer ${settings.apiKey}` } } : {}),
  });
}

export function createAnswerGenerator(settings: LlmSettings): AnswerGenerator {
  return new ChatModelGenerator({
    chatModel: createChatModel(settings),
    model: settings.model,
    method: settings.structuredOutput,
    streaming: settings.streaming,
    currentBudget,
  });
}
