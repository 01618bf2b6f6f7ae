// What the fake OpenAI-compatible and Ollama servers share: a script of replies, one per chat request, the
// requests they received, and deterministic embeddings. Each server speaks its own wire format (see
// fakeOpenAiServer.ts and fakeOllamaServer.ts); a test scripts the same cases for both.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';

/** One scripted answer to a chat request. */
export type ScriptedReply =
  | {
      kind: 'reply';
      /** Assistant message content (plain JSON, prose, anything). */
      content?: string;
      /** Arguments of a tool call to the structured-output function, instead of content. */
      toolCall?: unknown;
      /** A refusal (OpenAI's `refusal` field; Ollama has none, so its fake sends it as content). */
      refusal?: string;
      /** `length` says the output was cut by the token limit. Default `stop`. */
      finishReason?: 'stop' | 'length';
      /** Waited before the response starts. */
      delayMs?: number;
      /** When the client streams: how many pieces the text is sent in, and the pause between them. */
      pieces?: number;
      pieceDelayMs?: number;
      usage?: { input: number; output: number };
    }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

/** The fields of a chat or embeddings request that the fakes and the tests read, in either wire format. */
export interface RequestBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: { role: string; content: unknown }[];
  tools?: { function?: { name?: string } }[];
  tool_choice?: unknown;
  response_format?: unknown;
  format?: unknown;
  options?: Record<string, unknown>;
  max_tokens?: number;
  temperature?: number;
  input?: unknown;
  [key: string]: unknown;
}

export type Scripted = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: RequestBody;
}

export interface FakeModelServer {
  url: string;
  requests: RecordedRequest[];
  /** Chat requests only (not embeddings). */
  chatRequests(): RecordedRequest[];
  /**
   * Replies for the next chat requests, in order (a function reads the request first, e.g. to find which number
   * a passage was given); past the script, requests get a 500.
   */
  script(...replies: Scripted[]): void;
  /** The reply for chat requests past the script (default: a 500). */
  otherwise(reply: Scripted): void;
  /** Milliseconds the server spent on each chat request, from its arrival to the end of the reply. */
  handlingMs: number[];
  /** Embedding vector size served by the embeddings endpoint. */
  readonly dimensions: number;
  /** Makes the embeddings endpoint fail with this status until set back to undefined. */
  failEmbeddings(status: number | undefined): void;
  close(): Promise<void>;
}

export interface WireFormat {
  chatPath: string;
  embeddingsPath: string;
  writeReply(
    reply: Extract<ScriptedReply, { kind: 'reply' }>,
    request: RecordedRequest,
    response: ServerResponse,
    closed: () => boolean,
  ): Promise<void>;
  writeError(
    status: number,
    message: string,
    response: ServerResponse,
    headers: Record<string, string>,
  ): void;
  writeEmbeddings(vectors: number[][], request: RecordedRequest, response: ServerResponse): void;
  /** The texts an embeddings request asks for. */
  embeddingInputs(body: RequestBody): string[];
}

export async function startFakeModelServer(format: WireFormat, dimensions = 24): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const queue: Scripted[] = [];
  let fallback: Scripted = { kind: 'status', status: 500, body: 'no scripted reply' };
  const handlingMs: number[] = [];
  const embedder = new HashingEmbeddings(dimensions);
  let embeddingFailure: number | undefined;
  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = performance.now();
    let closed = false;
    response.on('close', () => (closed = true));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      path: request.url ?? '',
      headers: request.headers,
      body: text === '' ? {} : (JSON.parse(text) as RequestBody),
    };
    requests.push(recorded);
    if (recorded.path === format.embeddingsPath) {
      if (embeddingFailure !== undefined) {
        format.writeError(embeddingFailure, 'embeddings unavailable', response, {});
        return;
      }
      const inputs = format.embeddingInputs(recorded.body);
      format.writeEmbeddings(
        inputs.map((input) => embedder.embed(input)),
        recorded,
        response,
      );
      return;
    }
    if (recorded.path !== format.chatPath) {
      format.writeError(404, `no route ${recorded.path}`, response, {});
      return;
    }
    response.on('finish', () => handlingMs.push(performance.now() - arrived));
    const next = queue.shift() ?? fallback;
    const reply = typeof next === 'function' ? next(recorded) : next;
    if (reply.delayMs) await pause(reply.delayMs, () => closed);
    if (closed) return;
    if (reply.kind === 'status') {
      format.writeError(reply.status, reply.body ?? `status ${reply.status}`, response, reply.headers ?? {});
      return;
    }
    await format.writeReply(reply, recorded, response, () => closed);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === format.chatPath),
    script: (...replies) => {
      queue.splice(0, queue.length, ...replies);
    },
    otherwise: (reply) => {
      fallback = reply;
    },
    handlingMs,
    dimensions,
    failEmbeddings: (status) => {
      embeddingFailure = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits `ms`, or less when the client goes away first (a timed-out request must not keep the server busy). */
export async function pause(ms: number, closed: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !closed()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(20, until - Date.now())));
  }
}

/** `text` in `count` pieces of about equal length (at least one). */
export function piecesOf(text: string, count = 1): string[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, count)));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces.length > 0 ? pieces : [''];
}

/** The JSON text of a reply to the grounding contract, for scripting a plain-content answer. */
export function groundedJson(reply: {
  answerable?: boolean;
  answer: string;
  citations: { n: number; quote: string }[];
}): string {
  return JSON.stringify({ answerable: reply.answerable ?? true, ...reply });
}

/** The text of the request's messages of one role (`system`, `user`), joined. */
export function messageText(request: RecordedRequest, role: string): string {
  return (request.body.messages ?? [])
    .filter((message) => message.role === role)
    .map((message) =>
      typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
    )
    .join('\n');
}

/** The passages a generation request numbered, as `n → text`. */
export function passagesSent(request: RecordedRequest): Map<number, string> {
  const passages = new Map<number, string>();
  for (const match of messageText(request, 'user').matchAll(
    /<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g,
  )) {
    passages.set(Number(match[1]), match[2] ?? '');
  }
  return passages;
}

/** The number the request gave the passage containing `text` (throws when no passage has it). */
export function numberOf(request: RecordedRequest, text: string): number {
  for (const [n, passage] of passagesSent(request)) if (passage.includes(text)) return n;
  throw new Error(`no passage sent contains “${text}”`);
}
