import type { Article } from '../corpus/types.js';

/** A retrieved passage as the model sees it: numbered `[n]`, with its article and paragraph. */
export interface NumberedPassage {
  n: number;
  article: Article;
  paragraph: number;
  /** Offsets of `text` in `article.text`. */
  start: number;
  end: number;
  text: string;
}

/** One earlier exchange, as the model is told it: the question and the answer text shown. */
export interface EarlierTurn {
  question: string;
  answer: string;
}

/**
 * The grounding contract: what the model must return. Validated on arrival (`groundedReplySchema`), never
 * trusted: every quote is checked against the passages before anything is shown.
 */
export interface GroundedReply {
  answerable: boolean;
  /** The answer, with `[n]` markers pointing at passages. */
  answer: string;
  citations: { n: number; quote: string }[];
}

export interface GenerationRequest {
  question: string;
  /** Recent turns of the conversation, oldest first. */
  history: readonly EarlierTurn[];
  passages: readonly NumberedPassage[];
  /** Aborted when the time for the whole answer is up. */
  signal: AbortSignal;
  /** The answer text as far as it is written, for surfaces that show it being written (not yet verified). */
  onDraft?: (answerSoFar: string) => void;
}

export interface TokenUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

export interface GenerationResult {
  reply: GroundedReply;
  usage: TokenUsage;
}

/**
 * A language model that writes answers from numbered passages. One small interface for every provider
 * (OpenAI-compatible endpoints, Ollama); the caller verifies what it returns and owns timeouts, fallbacks and
 * limits. Implementations reject with `GenerationError` saying why.
 */
export interface AnswerGenerator {
  /** The model's name as configured, shown with generated answers. */
  readonly model: string;
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /** The question rewritten in `language` (an ISO 639-1 code) for searching articles written in it. */
  rewriteForSearch(question: string, language: string, signal: AbortSignal): Promise<string>;
}

/** Why a generation failed, for the one warning line the log gets; never shown to a member. */
export type GenerationFailure =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'rejected'
  | 'malformed'
  | 'truncated'
  | 'refused';

export class GenerationError extends Error {
  override readonly name = 'GenerationError';

  constructor(
    readonly failure: GenerationFailure,
    message: string,
  ) {
    super(message);
  }
}
