// A fake OpenAI-compatible server on 127.0.0.1: /v1/chat/completions (JSON or server-sent events, content or
// a tool call, refusals, errors with their headers) and /v1/embeddings, as the real `openai` client expects them.
import type { ServerResponse } from 'node:http';
import {
  pause,
  piecesOf,
  startFakeModelServer,
  type FakeModelServer,
  type RequestBody,
  type WireFormat,
} from './fakeModelServer.js';

const TOOL_NAME = 'grounded_answer';

const openAiFormat: WireFormat = {
  chatPath: '/v1/chat/completions',
  embeddingsPath: '/v1/embeddings',
  async writeReply(reply, request, response, closed) {
    const model = String(request.body.model ?? 'fake');
    const usage = {
      prompt_tokens: reply.usage?.input ?? 120,
      completion_tokens: reply.usage?.output ?? 30,
      total_tokens: (reply.usage?.input ?? 120) + (reply.usage?.output ?? 30),
    };
    const finish_reason =
      reply.finishReason === 'length' ? 'length' : reply.toolCall === undefined ? 'stop' : 'tool_calls';
    const toolName = toolNameOf(request.body) ?? TOOL_NAME;
    const argumentsText = reply.toolCall === undefined ? undefined : JSON.stringify(reply.toolCall);
    const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model };
    if (request.body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              finish_reason,
              message: {
                role: 'assistant',
                content: reply.content ?? null,
                refusal: reply.refusal ?? null,
                ...(argumentsText === undefined
                  ? {}
                  : {
                      tool_calls: [
                        {
                          id: 'call_1',
                          type: 'function',
                          function: { name: toolName, arguments: argumentsText },
                        },
                      ],
                    }),
              },
            },
          ],
          usage,
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: Record<string, unknown>, finish: string | null = null): void => {
      response.write(
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    };
    send({ role: 'assistant', content: '' });
    const text = argumentsText ?? reply.content ?? '';
    for (const [index, piece] of piecesOf(text, reply.pieces).entries()) {
      if (closed()) return;
      if (argumentsText === undefined) send({ content: piece });
      else
        send({
          tool_calls: [
            index === 0
              ? { index: 0, id: 'call_1', type: 'function', function: { name: toolName, arguments: piece } }
              : { index: 0, function: { arguments: piece } },
          ],
        });
      if (reply.pieceDelayMs) await pause(reply.pieceDelayMs, closed);
    }
    if (reply.refusal !== undefined) send({ refusal: reply.refusal });
    send({}, finish_reason);
    if (request.body.stream_options?.include_usage) {
      response.write(
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
      );
    }
    response.end('data: [DONE]\n\n');
  },
  writeError(status, message, response: ServerResponse, headers) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ error: { message, type: 'fake_error', code: status } }));
  },
  writeEmbeddings(vectors, request, response) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        object: 'list',
        model: request.body.model,
        // The `openai` client asks for base64 (little-endian float32) unless told otherwise, as OpenAI serves it.
        data: vectors.map((vector, index) => ({
          object: 'embedding',
          index,
          embedding:
            request.body['encoding_format'] === 'base64'
              ? Buffer.from(Float32Array.from(vector).buffer).toString('base64')
              : vector,
        })),
        usage: { prompt_tokens: vectors.length, total_tokens: vectors.length },
      }),
    );
  },
  embeddingInputs(body) {
    const input = body.input;
    return Array.isArray(input) ? input.map(String) : [String(input)];
  },
};

function toolNameOf(body: RequestBody): string | undefined {
  return body.tools?.[0]?.function?.name;
}

export function startFakeOpenAiServer(dimensions?: number): Promise<FakeModelServer> {
  return startFakeModelServer(openAiFormat, dimensions);
}
