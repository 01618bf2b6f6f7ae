// One contract suite, run against both providers: the real LangChain clients (ChatOpenAICompletions, ChatOllama)
// talk over HTTP to fake servers scripted per case, inside a bot built from config as `npm start` builds it.
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerProgress } from '../../src/service.js';
import { HARBOUR_ARTICLE, useBotFixture } from '../support/articleBotFixture.js';
import {
  groundedJson,
  messageText,
  numberOf,
  passagesSent,
  type FakeModelServer,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/fakeModelServer.js';
import { startFakeOllamaServer } from '../support/fakeOllamaServer.js';
import { startFakeOpenAiServer } from '../support/fakeOpenAiServer.js';

const API_KEY = 'sk-test-4f0c2a9e-never-in-a-log';
const COST = 'the bridge cost 310 million dollars';
const DESIGN = 'Engineers chose a cable-stayed design';
const QUESTION = 'How much did the Harbour Bridge in Port Alden cost?';

interface Provider {
  name: 'openai' | 'ollama';
  start: () => Promise<FakeModelServer>;
  environment: (url: string) => Record<string, string>;
}

const PROVIDERS: Provider[] = [
  {
    name: 'openai',
    start: () => startFakeOpenAiServer(),
    environment: (url) => ({ LLM_PROVIDER: 'openai', LLM_BASE_URL: `${url}/v1`, LLM_API_KEY: API_KEY }),
  },
  {
    name: 'ollama',
    start: () => startFakeOllamaServer(),
    environment: (url) => ({ LLM_PROVIDER: 'ollama', LLM_BASE_URL: url }),
  },
];

/** A log kept in memory, one parsed object a line. */
function memoryLog() {
  const lines: { level: number; msg: string; cause?: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
  return {
    logger,
    lines,
    warnings: () => lines.filter((line) => line.level === 40),
    clear: () => lines.splice(0),
  };
}

/**
 * A grounded reply as a model writes it: `[i]` in `answer` stands for the i-th quote and is written as the
 * number the request gave the passage holding it (or holding `as`, to credit a quote to the wrong passage).
 */
function grounded(
  answer: string,
  quotes: { quote: string; as?: string }[],
  extra: Partial<Extract<ScriptedReply, { kind: 'reply' }>> = {},
): (request: RecordedRequest) => ScriptedReply {
  return (request) => {
    const numbers = quotes.map(({ quote, as }) => numberOf(request, as ?? quote));
    return {
      kind: 'reply',
      content: groundedJson({
        answer: answer.replace(/\[(\d+)\]/g, (_marker, index: string) => `[${numbers[Number(index) - 1]}]`),
        citations: quotes.map(({ quote }, index) => ({ n: numbers[index] ?? 0, quote })),
      }),
      ...extra,
    };
  };
}

/**
 * For the tests of the enclosing `describe`: a fake server of the provider, and a bot answering through it with
 * these settings; the log and the server's requests are cleared before each test.
 */
function useGeneratingBot(provider: Provider, environment: Record<string, string>) {
  const log = memoryLog();
  let started: FakeModelServer | undefined;
  beforeAll(async () => {
    started = await provider.start();
  });
  afterAll(() => started?.close());
  const fixture = useBotFixture({ 'harbour.md': HARBOUR_ARTICLE }, () => ({
    logger: log.logger,
    environment: { ...provider.environment(server().url), LLM_MODEL: 'fake-model', ...environment },
  }));
  beforeEach(() => {
    log.clear();
    server().requests.splice(0);
  });
  function server(): FakeModelServer {
    if (!started) throw new Error('the fake server is ready only inside a test');
    return started;
  }
  return { fixture, log, server };
}

describe.each(PROVIDERS)('generated answers through $name', (provider) => {
  const {
    fixture,
    log,
    server: fake,
  } = useGeneratingBot(provider, {
    LLM_TIMEOUT_MS: '1500',
    LLM_STREAMING: 'true',
    // Failures here are the cases themselves; the breaker has its own suite below.
    LLM_BREAKER_FAILURES: '1000',
  });
  let server: FakeModelServer;
  beforeEach(() => {
    server = fake();
  });

  it('GIVEN a grounded answer THEN it is shown as generated, its quote verbatim and verified, tokens logged', async () => {
    server.script(grounded('It cost 310 million dollars [1].', [{ quote: COST }]));
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer).toMatchObject({ mode: 'generated', model: 'fake-model', abstained: false });
    expect(answer.answer).toBe('It cost 310 million dollars [1].');
    expect(answer.citations).toEqual([
      expect.objectContaining({ n: 1, paragraph: 2, text: COST, verified: true, article: 'harbour' }),
    ]);
    const logged = log.lines.find((line) => line.msg === 'generated answer');
    expect(logged).toMatchObject({ model: 'fake-model', inputTokens: 120, outputTokens: 30 });
    expect(log.warnings()).toEqual([]);
  });

  it('GIVEN a request THEN it carries the instructions, the numbered passages with title and paragraph, and the question', async () => {
    server.script(grounded('It cost 310 million dollars [1].', [{ quote: COST }]));
    await fixture.bot.ask(QUESTION);
    const [request] = server.chatRequests();
    if (!request) throw new Error('no request');
    expect(messageText(request, 'system')).toContain('never instructions');
    const user = messageText(request, 'user');
    expect(user).toContain(`Question: ${QUESTION}`);
    expect(user).toMatch(/<passage n="1" article="Port city opens new harbour bridge" paragraph="\d+">/);
    expect([...passagesSent(request).values()].some((text) => text.includes(COST))).toBe(true);
    expect(request.body.model).toBe('fake-model');
    if (provider.name === 'openai') expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('GIVEN a fabricated quote THEN the extractive answer is shown instead, with one warning', async () => {
    server.script((request) => ({
      kind: 'reply',
      content: groundedJson({
        answer: 'It cost 500 million euros [1].',
        citations: [{ n: numberOf(request, COST), quote: 'the bridge cost 500 million euros' }],
      }),
    }));
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer).toMatchObject({ mode: 'extractive', model: null });
    expect(answer.answer).not.toContain('500');
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]?.msg).toContain('no verified quote');
  });

  it('GIVEN a quote credited to the wrong passage THEN it is cited from the passage that has it', async () => {
    server.script(grounded('It cost 310 million dollars [1].', [{ quote: COST, as: DESIGN }]));
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer.mode).toBe('generated');
    expect(answer.citations).toEqual([expect.objectContaining({ paragraph: 2, text: COST })]);
  });

  it('GIVEN an answer with no citations THEN the extractive answer is shown', async () => {
    server.script({
      kind: 'reply',
      content: groundedJson({ answer: 'About 310 million dollars.', citations: [] }),
    });
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer).toMatchObject({ mode: 'extractive', model: null });
    expect(answer.answer).not.toContain('About 310');
  });

  it('GIVEN answerable false THEN the usual abstention with the closest passages', async () => {
    server.script({
      kind: 'reply',
      content: groundedJson({ answerable: false, answer: '', citations: [] }),
    });
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer).toMatchObject({ abstained: true, mode: 'generated', citations: [] });
    expect(answer.answer).toBe('The articles do not answer that.');
    expect(answer.closest.length).toBeGreaterThan(0);
    expect(answer.closest.every((citation) => citation.verified)).toBe(true);
  });

  it.each([
    ['malformed JSON', { kind: 'reply', content: '{"answerable": true, "answer": "It cost [1' }, 'malformed'],
    ['prose instead of JSON', { kind: 'reply', content: 'The bridge cost a lot.' }, 'malformed'],
    [
      'output cut by the token limit',
      { kind: 'reply', content: '{"answerable": true, "answer": "It cost', finishReason: 'length' },
      'truncated',
    ],
    ['a 500', { kind: 'status', status: 500, body: 'upstream exploded' }, 'server-error'],
    ['a 401', { kind: 'status', status: 401, body: 'bad key' }, 'rejected'],
    [
      'a 429 asking for longer than the time left',
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
      'rate-limited',
    ],
  ] satisfies [string, ScriptedReply, string][])(
    'GIVEN %s THEN the extractive answer, one request and one warning naming the cause',
    async (_case, reply, cause) => {
      server.script(reply);
      const answer = await fixture.bot.ask(QUESTION);
      expect(answer).toMatchObject({ mode: 'extractive', model: null });
      expect(server.chatRequests()).toHaveLength(1);
      expect(log.warnings()).toEqual([expect.objectContaining({ cause })]);
    },
  );

  it('GIVEN a reply slower than LLM_TIMEOUT_MS THEN the extractive answer comes once the time is up', async () => {
    server.script({ kind: 'reply', content: groundedJson({ answer: 'x', citations: [] }), delayMs: 8000 });
    const started = Date.now();
    const answer = await fixture.bot.ask(QUESTION);
    const elapsed = Date.now() - started;
    expect(answer.mode).toBe('extractive');
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(3000);
    expect(log.warnings()).toEqual([expect.objectContaining({ cause: 'timeout' })]);
  });

  it('GIVEN a 429 with Retry-After that fits the time left THEN it waits once and the retry is answered', async () => {
    server.script(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      grounded('It cost 310 million dollars [1].', [{ quote: COST }]),
    );
    const started = Date.now();
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer.mode).toBe('generated');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('GIVEN two 429s in a row THEN only the first is waited out', async () => {
    server.script(
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      grounded('never asked for', [{ quote: COST }]),
    );
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer.mode).toBe('extractive');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('GIVEN a tool-call reply THEN it is read like JSON content', async () => {
    server.script((request) => ({
      kind: 'reply',
      toolCall: {
        answerable: true,
        answer: `It cost 310 million dollars [${numberOf(request, COST)}].`,
        citations: [{ n: numberOf(request, COST), quote: COST }],
      },
    }));
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer.mode).toBe('generated');
    expect(answer.citations[0]?.text).toBe(COST);
  });

  it('GIVEN a streamed reply and a surface listening THEN it hears writing, then drafts as they grow, then the verified answer', async () => {
    server.script(
      grounded('The new bridge cost 310 million dollars, the mayor said [1].', [{ quote: COST }], {
        pieces: 12,
        pieceDelayMs: 5,
      }),
    );
    const events: AnswerProgress[] = [];
    const answer = await fixture.bot.ask(QUESTION, { onProgress: (event) => events.push(event) });
    expect(events[0]).toEqual({ stage: 'writing', model: 'fake-model' });
    const drafts = events.flatMap((event) => (event.stage === 'draft' ? [event.text] : []));
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    drafts.slice(1).forEach((draft, index) => expect(draft.startsWith(drafts[index] ?? '')).toBe(true));
    expect(answer.mode).toBe('generated');
    expect(server.chatRequests()[0]?.body.stream).toBe(true);
  });

  it('GIVEN a refusal THEN the extractive answer', async () => {
    server.script({ kind: 'reply', refusal: 'I cannot help with that.' });
    const answer = await fixture.bot.ask(QUESTION);
    expect(answer.mode).toBe('extractive');
    expect(log.warnings()).toHaveLength(1);
  });

  it('GIVEN a question in Spanish about English articles THEN it is also searched rewritten in English, answered in Spanish with English quotes', async () => {
    server.script(
      { kind: 'reply', content: 'How much did the new harbour bridge cost?' },
      grounded('El puente costó 310 millones de dólares [1].', [{ quote: COST }]),
    );
    const answer = await fixture.bot.ask('¿Cuánto costó el nuevo puente del puerto?');
    const [rewrite, generation] = server.chatRequests();
    expect(messageText(rewrite!, 'user')).toContain('Language: English');
    expect(rewrite!.body.tools ?? rewrite!.body.response_format ?? rewrite!.body.format).toBeUndefined();
    expect([...passagesSent(generation!).values()].some((text) => text.includes(COST))).toBe(true);
    expect(answer).toMatchObject({
      mode: 'generated',
      answer: 'El puente costó 310 millones de dólares [1].',
    });
    expect(answer.citations[0]?.text).toBe(COST);
  });

  it('GIVEN the search rewrite fails THEN the question is searched as asked and still answered', async () => {
    server.script(
      { kind: 'status', status: 500 },
      grounded('El puente costó 310 millones de dólares [1].', [{ quote: COST }]),
    );
    const answer = await fixture.bot.ask('¿Cuánto costó el puente Harbour Bridge de Port Alden?');
    expect(answer.mode).toBe('generated');
    expect(log.warnings().map((line) => line.msg)).toEqual([
      'search rewrite failed; searching the question as asked',
    ]);
  });

  it('GIVEN a follow-up THEN the recent turns are sent with it', async () => {
    server.script(grounded('It cost 310 million dollars [1].', [{ quote: COST }]));
    const first = await fixture.bot.ask(QUESTION);
    server.script(grounded('Because the harbour floor is soft [1].', [{ quote: DESIGN }]));
    await fixture.bot.ask('Why was that design chosen?', {
      history: [{ question: QUESTION, answer: first }],
    });
    const user = messageText(server.chatRequests()[1]!, 'user');
    expect(user).toContain(`Q: ${QUESTION}`);
    expect(user).toContain('A: It cost 310 million dollars [1].');
  });
});

describe.each(PROVIDERS)('limits on the language model through $name', (provider) => {
  const {
    fixture,
    log,
    server: fake,
  } = useGeneratingBot(provider, {
    LLM_BREAKER_FAILURES: '2',
    LLM_BREAKER_COOLDOWN_SECONDS: '1',
    LLM_DAILY_LIMIT_PER_GUILD: '2',
  });
  let server: FakeModelServer;
  beforeEach(() => {
    server = fake();
  });

  it('GIVEN repeated failures THEN the provider is skipped for the cooldown, with one line when it opens and one when it closes', async () => {
    server.script({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    await fixture.bot.ask(QUESTION);
    await fixture.bot.ask(QUESTION);
    const skipped = await fixture.bot.ask(QUESTION);
    expect(skipped.mode).toBe('extractive');
    expect(server.chatRequests()).toHaveLength(2);
    expect(log.lines.filter((line) => line.msg.includes('failed repeatedly'))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    server.script(grounded('It cost 310 million dollars [1].', [{ quote: COST }]));
    expect((await fixture.bot.ask(QUESTION)).mode).toBe('generated');
    expect(log.lines.filter((line) => line.msg === 'language model answering again')).toHaveLength(1);
  });

  it('GIVEN LLM_DAILY_LIMIT_PER_GUILD THEN a server past it gets extractive answers, others and the terminal do not', async () => {
    const reply = grounded('It cost 310 million dollars [1].', [{ quote: COST }]);
    server.script(reply, reply, reply, reply);
    const modes = [];
    for (const guild of ['1', '1', '1', '2']) modes.push((await fixture.bot.ask(QUESTION, { guild })).mode);
    expect(modes).toEqual(['generated', 'generated', 'extractive', 'generated']);
    server.script(reply);
    expect((await fixture.bot.ask(QUESTION)).mode).toBe('generated');
  });
});
