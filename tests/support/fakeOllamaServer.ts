// A fake Ollama server on 127.0.0.1: /api/chat (newline-delimited JSON when streaming, content or tool calls,
// errors as Ollama sends them) and /api/embed, as the real `ollama` client expects them.
import {
  pause,
  piecesOf,
  startFakeModelServer,
  type FakeModelServer,
  type WireFormat,
} from './fakeModelServer.js';

const ollamaFormat: WireFormat = {
  chatPath: '/api/chat',
  embeddingsPath: '/api/embed',
  async writeReply(reply, request, response, closed) {
    const model = String(request.body.model ?? 'fake');
    const stamp = { model, created_at: '2025-01-01T00:00:00Z' };
    const final = {
      ...stamp,
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: reply.finishReason ?? 'stop',
      total_duration: 1,
      prompt_eval_count: reply.usage?.input ?? 120,
      eval_count: reply.usage?.output ?? 30,
    };
    // Ollama has no refusal field: a model that refuses says so in prose.
    const content = reply.content ?? reply.refusal ?? '';
    const toolName = request.body.tools?.[0]?.function?.name;
    if (request.body.stream === false) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...final,
          message: {
            role: 'assistant',
            content,
            ...(reply.toolCall === undefined
              ? {}
              : {
                  tool_calls: [
                    { function: { name: toolName ?? 'grounded_answer', arguments: reply.toolCall } },
                  ],
                }),
          },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (reply.toolCall !== undefined) {
      // Ollama sends a tool call whole, in one message.
      response.write(
        `${JSON.stringify({
          ...stamp,
          message: {
            role: 'assistant',
            content: '',
            tool_calls: [{ function: { name: toolName ?? 'grounded_answer', arguments: reply.toolCall } }],
          },
          done: false,
        })}\n`,
      );
    } else {
      for (const piece of piecesOf(content, reply.pieces)) {
        if (closed()) return;
        response.write(
          `${JSON.stringify({ ...stamp, message: { role: 'assistant', content: piece }, done: false })}\n`,
        );
        if (reply.pieceDelayMs) await pause(reply.pieceDelayMs, closed);
      }
    }
    response.end(`${JSON.stringify(final)}\n`);
  },
  writeError(status, message, response, headers) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ error: message }));
  },
  writeEmbeddings(vectors, request, response) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ model: request.body.model, embeddings: vectors }));
  },
  embeddingInputs(body) {
    const input = body.input;
    return Array.isArray(input) ? input.map(String) : [String(input)];
  },
};

export function startFakeOllamaServer(dimensions?: number): Promise<FakeModelServer> {
  return startFakeModelServer(ollamaFormat, dimensions);
}
