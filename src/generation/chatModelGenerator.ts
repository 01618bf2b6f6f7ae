import type { CallbackHandlerMethods } from '@langchain/core/callbacks/base';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, isAIMessage, type BaseMessage } from '@langchain/core/messages';
import { parsePartialJson } from '@langchain/core/output_parsers';
import type { Runnable } from '@langchain/core/runnables';
import type { RequestBudget } from '../providers/budgetedFetch.js';
import {
  answerMessages,
  asGroundedReply,
  groundedReplyJsonSchema,
  REPLY_NAME,
  rewriteMessages,
} from './prompt.js';
import {
  GenerationError,
  type AnswerGenerator,
  type GenerationFailure,
  type GenerationRequest,
  type GenerationResult,
  type GroundedReply,
} from './types.js';

/** How the model is asked for the contract's JSON: a JSON schema, a forced tool call, or JSON mode. */
export type StructuredOutputMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';

export interface ChatModelGeneratorOptions {
  chatModel: BaseChatModel;
  /** The model's name, for answers and logs. */
  model: string;
  method: StructuredOutputMethod;
  /**
   * Stream the reply when a caller wants the answer as it is written (`onDraft`). Off, the reply comes in one
   * response, which every OpenAI-compatible server supports.
   */
  streaming: boolean;
  /** The request budget of the current call, for telling a timeout or an HTTP status from other failures. */
  currentBudget: () => RequestBudget | undefined;
}

type StructuredOutput = { raw: BaseMessage; parsed: unknown };

/**
 * An `AnswerGenerator` over any LangChain chat model, through `withStructuredOutput` with one schema for every
 * provider. The raw message is kept too: a provider that answers with a tool call when asked for a JSON schema,
 * or with plain JSON content when asked for a tool call, is understood either way; anything else is `malformed`.
 */
export class ChatModelGenerator implements AnswerGenerator {
  readonly model: string;
  private readonly structured: Runnable<BaseMessage[], StructuredOutput>;

  constructor(private readonly options: ChatModelGeneratorOptions) {
    this.model = options.model;
    this.structured = options.chatModel.withStructuredOutput(groundedReplyJsonSchema, {
      name: REPLY_NAME,
      method: options.method,
      includeRaw: true,
    }) as Runnable<BaseMessage[], StructuredOutput>;
  }

  async generate({
    question,
    history,
    passages,
    signal,
    onDraft,
  }: GenerationRequest): Promise<GenerationResult> {
    const messages = answerMessages(question, passages, history);
    let output: StructuredOutput;
    try {
      output =
        onDraft && this.options.streaming
          ? await this.streamed(messages, signal, onDraft)
          : await this.structured.invoke(messages, { signal });
    } catch (error) {
      throw this.classify(error, signal);
    }
    return { reply: interpret(output), usage: usageOf(output.raw) };
  }

  async rewriteForSearch(question: string, language: string, signal: AbortSignal): Promise<string> {
    let message: BaseMessage;
    try {
      message = await this.options.chatModel.invoke(rewriteMessages(question, languageName(language)), {
        signal,
      });
    } catch (error) {
      throw this.classify(error, signal);
    }
    const text = typeof message.content === 'string' ? message.content.trim() : '';
    // One line of question, not an essay: anything else is not a usable search.
    const line =
      text
        .split('\n')[0]
        ?.replace(/^["“]|["”]$/g, '')
        .trim() ?? '';
    if (line === '' || line.length > question.length * 4 + 40) {
      throw new GenerationError('malformed', 'the search rewrite was empty or not a question');
    }
    return line;
  }

  /**
   * The reply streamed, its answer passed to `onDraft` as it grows. Tokens are heard through the callbacks: the
   * structured-output pipeline yields its raw message only whole, but the model reports every token as it comes.
   */
  private async streamed(
    messages: BaseMessage[],
    signal: AbortSignal,
    onDraft: (answerSoFar: string) => void,
  ): Promise<StructuredOutput> {
    let text = '';
    let shown = '';
    const listener: CallbackHandlerMethods = {
      handleLLMNewToken(token, _index, _run, _parent, _tags, fields) {
        const message = fields?.chunk && 'message' in fields.chunk ? fields.chunk.message : undefined;
        text += token;
        if (message instanceof AIMessageChunk) {
          text += (message.tool_call_chunks ?? []).map((call) => call.args ?? '').join('');
        }
        const draft = (parsePartialJson(text) as { answer?: unknown } | null)?.answer;
        if (typeof draft === 'string' && draft !== '' && draft !== shown) {
          shown = draft;
          onDraft(draft);
        }
      },
    };
    let raw: AIMessageChunk | undefined;
    let parsed: unknown;
    const stream = await this.structured.stream(messages, { signal, callbacks: [listener] });
    for await (const part of stream as AsyncIterable<Partial<StructuredOutput>>) {
      if ('parsed' in part) parsed = part.parsed;
      if (part.raw instanceof AIMessageChunk) raw = raw ? raw.concat(part.raw) : part.raw;
    }
    if (!raw) throw new GenerationError('malformed', 'the stream ended without a message');
    return { raw, parsed };
  }

  private classify(error: unknown, signal: AbortSignal): GenerationError {
    if (error instanceof GenerationError) return error;
    const status = this.options.currentBudget()?.lastStatus;
    const detail = error instanceof Error ? error.message : String(error);
    const failure: GenerationFailure = signal.aborted
      ? 'timeout'
      : status === 429
        ? 'rate-limited'
        : status !== undefined && status >= 500
          ? 'server-error'
          : status !== undefined && status >= 400
            ? 'rejected'
            : /fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET|socket|network/i.test(detail)
              ? 'unreachable'
              : // The openai client's own parse of a JSON-schema reply stops at a cut-off one.
                /length limit/i.test(detail)
                ? 'truncated'
                : 'malformed';
    return new GenerationError(
      failure,
      failure === 'timeout' ? 'no reply within the time allowed' : oneLine(detail),
    );
  }
}

/**
 * The reply to the contract, from the structured parse when it worked, else from the raw message: a tool
 * call's arguments, or JSON in its content (fenced in Markdown or not). Validated either way.
 */
function interpret({ raw, parsed }: StructuredOutput): GroundedReply {
  const finish = finishReason(raw);
  const refusal = isAIMessage(raw) ? raw.additional_kwargs['refusal'] : undefined;
  if (typeof refusal === 'string' && refusal !== '') {
    throw new GenerationError('refused', `the model refused: ${oneLine(refusal)}`);
  }
  const candidates: unknown[] = [parsed];
  if (isAIMessage(raw)) candidates.push(...(raw.tool_calls ?? []).map((call) => call.args));
  const content = typeof raw.content === 'string' ? raw.content : '';
  candidates.push(jsonIn(content));
  for (const candidate of candidates) {
    const reply = asGroundedReply(candidate);
    if (reply) return reply;
  }
  if (finish === 'length') throw new GenerationError('truncated', 'the reply was cut off by the token limit');
  throw new GenerationError(
    'malformed',
    content.trim() === ''
      ? 'the reply held no answer object'
      : `the reply did not follow the contract: ${oneLine(content)}`,
  );
}

function jsonIn(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1] ?? content;
  const start = fenced.indexOf('{');
  const end = fenced.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(fenced.slice(start, end + 1)) as unknown;
  } catch {
    return undefined;
  }
}

function finishReason(message: BaseMessage): string | undefined {
  const metadata = message.response_metadata as { finish_reason?: unknown; done_reason?: unknown };
  const reason = metadata.finish_reason ?? metadata.done_reason;
  return typeof reason === 'string' ? reason : undefined;
}

function usageOf(message: BaseMessage): GenerationResult['usage'] {
  const usage = (message as { usage_metadata?: { input_tokens?: number; output_tokens?: number } })
    .usage_metadata;
  return { inputTokens: usage?.input_tokens, outputTokens: usage?.output_tokens };
}

/** A log-sized, single-line version of a message. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}
