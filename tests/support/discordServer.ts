import type { DiscordConfig } from '../../src/discord/index.js';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CallbackType,
  GatewayOpcode,
  INTENT_MESSAGE_CONTENT,
  MESSAGE_FLAG_EPHEMERAL,
  guildCreatePayload,
  messageData,
  snowflake,
  textChannel,
  threadChannel,
  userData,
  type ChannelData,
  type MessageBody,
  type MessageData,
  type UserData,
} from './discordPayloads.js';
import {
  HttpProblem,
  routeRest,
  type RecordedRequest,
  type RestWorld,
  type UploadedFile,
} from './discordRest.js';
import {
  interactionPayloads,
  type Actor,
  type InteractionSeed,
  type OptionValues,
  type SentInteraction,
} from './discordInteractions.js';

export * from './discordPayloads.js';
export type { Actor, OptionAttachment, OptionValues, SentInteraction } from './discordInteractions.js';
export type { RecordedRequest, UploadedFile } from './discordRest.js';

/** A message-bearing response to an interaction: its reply, an edit of it, or a follow-up. */
export interface InteractionReply {
  request: RecordedRequest;
  body: MessageBody;
  message: MessageData;
  ephemeral: boolean;
}

const API_PREFIX = '/api/v10';

export interface FakeDiscordOptions {
  /**
   * Guilds the bot is in. The first is `guildId` (with `general` and `noThreads`); each other has a `general`
   * channel of its own. Their ids are made one millisecond apart, so consecutive guilds fall on consecutive
   * shards. Default 1.
   */
  guilds?: number;
  /** The shard count `/gateway/bot` recommends. Default 1. */
  recommendedShards?: number;
  /** Guilds one gateway session may hold before Discord demands sharding (close code 4011). Default 2500. */
  maxGuildsPerShard?: number;
}

/** One guild the bot is in, with the channel members talk in and the role that makes a moderator. */
export interface GuildFixture {
  id: string;
  general: ChannelData;
}

/** The shard a guild's events go to, as Discord routes them: `(guild_id >> 22) % shardCount`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A gateway session: one identified connection, as one shard of `shard[1]`. */
interface Session {
  sequence: number;
  intents: number;
  shard: [number, number];
}

/**
 * A Discord-compatible server on 127.0.0.1 for end-to-end tests of the real discord.js client: REST
 * under `/api/v10` (gateway discovery, interaction callbacks and webhooks, channel messages, threads,
 * command registration) and a JSON gateway on `/gateway` that identifies the bot into one guild.
 * It checks what Discord checks (message limits, the 3-second acknowledgement, double
 * acknowledgement) and records every request so tests can assert on the payloads.
 */
export class FakeDiscordServer {
  readonly token = `fake-bot-token-${randomBytes(8).toString('hex')}`;
  readonly applicationId = snowflake();
  readonly botUser: UserData = { ...userData('ArticleBot', this.applicationId), bot: true };
  readonly guildId = snowflake();
  readonly moderatorRoleId = snowflake();
  readonly general: ChannelData = textChannel(this.guildId, 'general', 0);
  /** A channel where the bot lacks Create Public Threads, so mentions fall back to replies. */
  readonly noThreads: ChannelData = textChannel(this.guildId, 'no-threads', 1);
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Array<{ intents: number; token: string; shard: [number, number] }> = [];
  readonly registeredCommands: unknown[] = [];
  /** Every gateway event sent, with the shard whose session received it. */
  readonly dispatched: Array<{ event: string; shard: [number, number]; data: unknown }> = [];
  /** Every guild the bot is in, `guildId` first. */
  readonly guilds: GuildFixture[];

  readonly #world: RestWorld;
  readonly #sockets = new Map<WebSocket, Session>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #maxGuildsPerShard: number;
  #port = 0;

  private constructor(
    private readonly http: Server,
    private readonly gateway: WebSocketServer,
    options: FakeDiscordOptions,
  ) {
    this.#maxGuildsPerShard = options.maxGuildsPerShard ?? 2500;
    this.guilds = [{ id: this.guildId, general: this.general }];
    const first = BigInt(this.guildId) >> 22n;
    for (let guild = 1; guild < (options.guilds ?? 1); guild++) {
      const id = String(((first + BigInt(guild)) << 22n) | BigInt(guild));
      this.guilds.push({ id, general: textChannel(id, 'general', 0) });
    }
    this.#world = {
      recommendedShards: options.recommendedShards ?? 1,
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.botUser,
      noThreads: this.noThreads,
      gatewayUrl: () => this.gatewayUrl,
      registeredCommands: this.registeredCommands,
      channels: new Map(
        [this.noThreads, ...this.guilds.map((guild) => guild.general)].map((channel) => [
          channel.id,
          channel,
        ]),
      ),
      messages: new Map(),
      interactions: new Map(),
    };
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscordServer> {
    const http = createServer();
    const gateway = new WebSocketServer({ server: http, path: '/gateway' });
    const server = new FakeDiscordServer(http, gateway, options);
    http.on('request', (request, response) => void server.#handleHttp(request, response));
    gateway.on('connection', (socket) => server.#handleSocket(socket));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    server.#port = (http.address() as AddressInfo).port;
    return server;
  }

  /** The base URL for the bot's `DISCORD_API_URL`; discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /**
   * Sends a gateway event as Discord does: an event of a guild to the session of the shard that guild belongs
   * to, any other event to shard 0.
   */
  dispatch(event: string, data: unknown, transform: (session: Session) => unknown = () => data): void {
    const guildId = (data as { guild_id?: unknown } | null)?.guild_id;
    for (const [socket, session] of this.#sockets) {
      const [shard, count] = session.shard;
      if (shard !== (typeof guildId === 'string' ? shardOfGuild(guildId, count) : 0)) continue;
      this.dispatched.push({ event, shard: session.shard, data });
      session.sequence += 1;
      socket.send(
        JSON.stringify({ op: GatewayOpcode.Dispatch, t: event, s: session.sequence, d: transform(session) }),
      );
    }
  }

  /** The shards identified now, as `[shard, count]`. */
  get connectedShards(): Array<[number, number]> {
    return [...this.#sockets.values()].map((session) => session.shard);
  }

  channel(id: string): ChannelData | undefined {
    return this.#world.channels.get(id);
  }

  message(id: string): MessageData | undefined {
    return this.#world.messages.get(id);
  }

  /** Sends a slash command, autocomplete or button interaction as Discord would; see discordInteractions.ts. */
  sendInteraction(seed: InteractionSeed): SentInteraction {
    const source = seed.kind === 'button' ? this.#world.messages.get(seed.messageId) : undefined;
    if (seed.kind === 'button' && source === undefined)
      throw new Error(`no message ${seed.messageId} to click on`);
    const channel = this.#world.channels.get(seed.channelId ?? this.general.id) ?? this.general;
    const { payload, sent } = interactionPayloads(this, seed, channel, source);
    this.#world.interactions.set(sent.token, {
      sentAt: sent.sentAt,
      channel,
      acknowledged: false,
      ...(source === undefined ? {} : { sourceMessageId: source.id }),
    });
    this.dispatch('INTERACTION_CREATE', payload);
    return sent;
  }

  command(name: string, options: OptionValues = {}, actor: Actor = {}): SentInteraction {
    return this.sendInteraction({ kind: 'command', name, options, ...actor });
  }

  /** `/name subcommand option:value…`. */
  subcommand(
    name: string,
    subcommand: string,
    options: OptionValues = {},
    actor: Actor = {},
  ): SentInteraction {
    return this.sendInteraction({ kind: 'command', name, subcommand, options, ...actor });
  }

  autocomplete(name: string, focused: string, options: OptionValues, actor: Actor = {}): SentInteraction {
    return this.sendInteraction({ kind: 'autocomplete', name, focused, options, ...actor });
  }

  click(customId: string, messageId: string, actor: Actor = {}): SentInteraction {
    return this.sendInteraction({ kind: 'button', customId, messageId, ...actor });
  }

  /** A thread a member started, announced to the bot as Discord does with THREAD_CREATE. */
  openThread(ownerId: string, name = 'a member thread'): ChannelData {
    const thread = threadChannel(this.general, snowflake(), name, ownerId);
    this.#world.channels.set(thread.id, thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  /**
   * A member's message in a channel the bot can see. Without the Message Content intent Discord
   * blanks the text of messages that do not mention the bot, and so does this server.
   */
  sendMessage(fields: {
    content: string;
    mentionBot?: boolean;
    channelId?: string;
    author?: UserData;
  }): MessageData {
    const channel = this.#world.channels.get(fields.channelId ?? this.general.id);
    if (channel === undefined) throw new Error(`unknown channel ${fields.channelId ?? ''}`);
    const mentions = fields.mentionBot === true ? [this.botUser] : [];
    const message = messageData({
      channel,
      author: fields.author ?? userData('reader'),
      content: fields.content,
      mentions,
    });
    message.mention_everyone = fields.content.includes('@everyone');
    this.#world.messages.set(message.id, message);
    this.dispatch('MESSAGE_CREATE', message, (session) => {
      const canRead = (session.intents & INTENT_MESSAGE_CONTENT) !== 0 || mentions.length > 0;
      return canRead ? message : { ...message, content: '' };
    });
    return message;
  }

  /** Resolves with the first recorded request (already made or still to come) that matches. */
  async waitForRequest(
    matches: (request: RecordedRequest) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    const found = this.requests.find(matches);
    if (found !== undefined) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#events.off('request', listener);
        reject(new Error(`no matching request within ${timeoutMs} ms; got:\n${this.describeRequests()}`));
      }, timeoutMs);
      const listener = (request: RecordedRequest): void => {
        if (!matches(request)) return;
        clearTimeout(timer);
        this.#events.off('request', listener);
        resolve(request);
      };
      this.#events.on('request', listener);
    });
  }

  /** The first reply, edit or follow-up carrying a message for `interaction` (not a bare deferral). */
  async replyTo(interaction: SentInteraction, timeoutMs = 5000): Promise<InteractionReply> {
    return this.#toReply(await this.waitForRequest((request) => isReplyTo(request, interaction), timeoutMs));
  }

  /** Every reply, edit and follow-up for `interaction` so far, in order. */
  repliesTo(interaction: SentInteraction): InteractionReply[] {
    return this.requests
      .filter((request) => isReplyTo(request, interaction))
      .map((request) => this.#toReply(request));
  }

  /** The choices the bot offered for an autocomplete interaction. */
  async choicesFor(interaction: SentInteraction): Promise<Array<{ name: string; value: string }>> {
    const request = await this.waitForRequest(
      (candidate) => candidate.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    const body = request.body as {
      type: number;
      data?: { choices?: Array<{ name: string; value: string }> };
    };
    if (body.type !== CallbackType.AutocompleteResult)
      throw new Error(`expected choices, got callback ${body.type}`);
    return body.data?.choices ?? [];
  }

  /** Messages the bot posted in a channel or thread. */
  async messageIn(
    channelId: string,
    matches: (message: MessageData) => boolean = () => true,
  ): Promise<MessageData> {
    const request = await this.waitForRequest(
      (candidate) =>
        candidate.method === 'POST' &&
        candidate.path === `/channels/${channelId}/messages` &&
        candidate.message !== undefined &&
        matches(candidate.message),
    );
    return request.message as MessageData;
  }

  /** The latest requests, for failure messages. */
  describeRequests(latest = 15): string {
    const shown = this.requests.slice(-latest);
    const skipped = this.requests.length - shown.length;
    const lines = shown.map((request) => `  ${request.status} ${request.method} ${request.path}`);
    return [...(skipped > 0 ? [`  (${skipped} earlier requests)`] : []), ...lines].join('\n');
  }

  #toReply(request: RecordedRequest): InteractionReply {
    const body = request.path.endsWith('/callback')
      ? ((request.body as { data?: MessageBody }).data ?? {})
      : (request.body as MessageBody);
    const message = request.message as MessageData;
    return { request, body, message, ephemeral: (message.flags & MESSAGE_FLAG_EPHEMERAL) !== 0 };
  }

  #handleSocket(socket: WebSocket): void {
    socket.send(
      JSON.stringify({ op: GatewayOpcode.Hello, d: { heartbeat_interval: 41_250 }, s: null, t: null }),
    );
    socket.on('message', (raw) => {
      const payload = JSON.parse(rawText(raw)) as { op: number; d: unknown };
      if (payload.op === GatewayOpcode.Heartbeat) {
        socket.send(JSON.stringify({ op: GatewayOpcode.HeartbeatAck }));
      } else if (payload.op === GatewayOpcode.Identify) {
        this.#identify(socket, payload.d as { token: string; intents: number; shard?: [number, number] });
      } else if (payload.op === GatewayOpcode.Resume) {
        socket.send(JSON.stringify({ op: GatewayOpcode.InvalidSession, d: false }));
      }
    });
    socket.on('close', () => this.#sockets.delete(socket));
  }

  #identify(socket: WebSocket, identify: { token: string; intents: number; shard?: [number, number] }): void {
    const shard = identify.shard ?? [0, 1];
    this.identifies.push({ intents: identify.intents, token: identify.token, shard });
    if (identify.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const [id, count] = shard;
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    const guilds = this.guilds.filter((guild) => shardOfGuild(guild.id, count) === id);
    if (guilds.length > this.#maxGuildsPerShard) {
      socket.close(4011, 'Sharding required.');
      return;
    }
    this.#sockets.set(socket, { sequence: 0, intents: identify.intents, shard });
    const send = (event: string, data: unknown): void => {
      const session = this.#sockets.get(socket);
      if (session === undefined) return;
      session.sequence += 1;
      socket.send(JSON.stringify({ op: GatewayOpcode.Dispatch, t: event, s: session.sequence, d: data }));
    };
    // READY must name the shard's guilds and the application; the client then waits for each GUILD_CREATE.
    send('READY', {
      v: 10,
      user: this.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of guilds) {
      const channels = [...this.#world.channels.values()].filter(
        (channel) => channel.parent_id === null && channel.guild_id === guild.id,
      );
      send('GUILD_CREATE', guildCreatePayload(guild.id, this.moderatorRoleId, channels));
    }
  }

  async #handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // `@original` arrives as %40original; tests match on the decoded path.
    const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ''));
    const raw = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      query: url.searchParams,
      body: undefined,
      authorization: request.headers.authorization,
      at,
      status: 200,
    };
    let result: unknown;
    try {
      const contentType = request.headers['content-type'] ?? '';
      if (contentType.startsWith('multipart/form-data')) {
        const { body, files } = await readMultipart(raw, contentType);
        record.body = body;
        record.files = files;
      } else if (raw.length > 0) record.body = JSON.parse(raw.toString('utf8')) as unknown;
      if (!url.pathname.startsWith(API_PREFIX)) throw new HttpProblem(404, 0, '404: Not Found');
      result = routeRest(this.#world, record);
    } catch (error) {
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 0, String(error));
      record.status = problem.status;
      result = { code: problem.code, message: problem.message };
    }
    if (result === undefined && record.status === 200) record.status = 204;
    response.writeHead(record.status, result === undefined ? {} : { 'content-type': 'application/json' });
    response.end(result === undefined ? undefined : JSON.stringify(result));
    this.requests.push(record);
    this.#events.emit('request', record);
  }
}

function isReplyTo(request: RecordedRequest, interaction: SentInteraction): boolean {
  if (request.status >= 300 || request.message === undefined || !request.path.includes(interaction.token))
    return false;
  if (request.path.endsWith('/callback')) {
    const { type } = request.body as { type: number };
    return type === CallbackType.ChannelMessage || type === CallbackType.UpdateMessage;
  }
  return request.method === 'PATCH' || request.method === 'POST';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A request with files, as discord.js sends it: the JSON body in `payload_json`, each file in `files[n]`. */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  const form = await new Response(new Blob([new Uint8Array(raw)]), {
    headers: { 'content-type': contentType },
  }).formData();
  // Node's FormData is iterable; the global typings here lack `entries` (they defer to the DOM's).
  const entries = form as unknown as Iterable<[string, string | File]>;
  const files: UploadedFile[] = [];
  let body: unknown;
  for (const [field, value] of entries) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value) as unknown;
      continue;
    }
    files.push({
      field,
      filename: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw).toString('utf8');
}

/** Settings that point the bot at a fake server: its token and ids, no cooldown, no privileged intent. */
export function discordConfigFor(
  server: FakeDiscordServer,
  overrides: Partial<DiscordConfig> = {},
): DiscordConfig {
  return {
    token: server.token,
    applicationId: server.applicationId,
    guildId: server.guildId,
    apiUrl: server.apiUrl,
    messageContentIntent: false,
    moderatorRoleIds: [],
    cooldownMs: 0,
    maxInFlight: 64,
    ...overrides,
  };
}
