import {
  CallbackType,
  type AttachmentData,
  isEmptyMessage,
  messageBodyViolation,
  messageData,
  snowflake,
  threadChannel,
  type ChannelData,
  type MessageBody,
  type MessageData,
  type UserData,
} from './discordPayloads.js';

/** One request the bot made, with what the fake server answered. */
export interface RecordedRequest {
  method: string;
  /** Decoded, without the `/api/v10` prefix: `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
  /** `performance.now()` when the request arrived. */
  at: number;
  status: number;
  /** Files uploaded with the request (multipart/form-data), by their form field (`files[0]`). */
  files?: UploadedFile[];
  /** The message this request created or edited, as stored. */
  message?: MessageData;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Discord's limits on uploads: ten files a message, and the guild's size limit per file (10 MiB unboosted). */
const MAX_ATTACHMENTS = 10;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface InteractionState {
  sentAt: number;
  channel: ChannelData;
  acknowledged: boolean;
  originalId?: string;
  /** The message a button was on, for UPDATE_MESSAGE. */
  sourceMessageId?: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Discord drops an interaction that is not acknowledged within 3 seconds. */
const INTERACTION_DEADLINE_MS = 3000;

/** The fake server's state that its REST routes read and change. */
export interface RestWorld {
  token: string;
  applicationId: string;
  botUser: UserData;
  noThreads: ChannelData;
  gatewayUrl: () => string;
  /** The shard count `/gateway/bot` recommends. */
  recommendedShards: number;
  registeredCommands: unknown[];
  channels: Map<string, ChannelData>;
  messages: Map<string, MessageData>;
  interactions: Map<string, InteractionState>;
}

/**
 * The REST routes the bot uses, answered as Discord answers them: the result to send as JSON
 * (`undefined` for 204), or an `HttpProblem` thrown with Discord's status and error code.
 */
export function routeRest(world: RestWorld, record: RecordedRequest): unknown {
  const { method, path } = record;
  const parts = path.split('/').filter((part) => part !== '');
  const [root, first, second, third, fourth] = parts;
  if (root === 'interactions' && method === 'POST' && third === 'callback') {
    return callback(world, second ?? '', record);
  }
  if (root === 'webhooks' && first === world.applicationId && second !== undefined) {
    return webhook(world, second, third === 'messages' ? fourth : undefined, record);
  }
  if (record.authorization !== `Bot ${world.token}`) throw new HttpProblem(401, 0, '401: Unauthorized');
  if (method === 'GET' && path === '/gateway/bot') {
    // A large bot's bucket size: shards may identify together, so tests need not wait 5 s between shards.
    const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 };
    return { url: world.gatewayUrl(), shards: world.recommendedShards, session_start_limit: limit };
  }
  if (root === 'applications' && method === 'PUT' && parts.at(-1) === 'commands') {
    const commands = (record.body as Array<Record<string, unknown>>).map((command) => ({
      ...command,
      id: snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
    }));
    world.registeredCommands.splice(0, world.registeredCommands.length, ...commands);
    return commands;
  }
  if (root === 'channels' && first !== undefined) return channelRoute(world, first, parts.slice(2), record);
  throw new HttpProblem(404, 0, '404: Not Found');
}

function channelRoute(world: RestWorld, channelId: string, rest: string[], record: RecordedRequest): unknown {
  const channel = world.channels.get(channelId);
  if (channel === undefined) throw new HttpProblem(404, 10003, 'Unknown Channel');
  const [collection, messageId, action] = rest;
  if (record.method === 'POST' && collection === 'typing') return undefined;
  if (record.method === 'POST' && collection === 'messages' && messageId === undefined) {
    const body = checkedMessageBody(record.body, { creating: true });
    const message = messageData({ channel, author: world.botUser, body });
    message.attachments = attachmentsOf(body, record.files, []);
    world.messages.set(message.id, message);
    record.message = structuredClone(message);
    return message;
  }
  if (
    record.method === 'POST' &&
    collection === 'messages' &&
    messageId !== undefined &&
    action === 'threads'
  ) {
    if (!world.messages.has(messageId)) throw new HttpProblem(404, 10008, 'Unknown Message');
    if (channel.type !== 0 && channel.type !== 5)
      throw new HttpProblem(400, 50024, 'Cannot execute action on this channel type');
    if (channel.id === world.noThreads.id) throw new HttpProblem(403, 50013, 'Missing Permissions');
    const name = (record.body as { name?: string }).name ?? '';
    if (name.length < 1 || name.length > 100) throw new HttpProblem(400, 50035, 'Invalid Form Body: name');
    // Discord gives a thread started on a message the message's id.
    const thread = threadChannel(channel, messageId, name, world.botUser.id);
    world.channels.set(thread.id, thread);
    return thread;
  }
  throw new HttpProblem(404, 0, '404: Not Found');
}

function callback(world: RestWorld, token: string, record: RecordedRequest): unknown {
  const state = world.interactions.get(token);
  if (state === undefined || record.at - state.sentAt > INTERACTION_DEADLINE_MS) {
    throw new HttpProblem(404, 10062, 'Unknown interaction');
  }
  if (state.acknowledged) throw new HttpProblem(400, 40060, 'Interaction has already been acknowledged.');
  const { type, data } = record.body as { type: number; data?: MessageBody & { choices?: unknown[] } };
  if (type === CallbackType.AutocompleteResult) {
    const choices = (data?.choices ?? []) as Array<{ name: string; value: string }>;
    if (
      choices.length > 25 ||
      choices.some((choice) => choice.name.length > 100 || String(choice.value).length > 100)
    ) {
      throw new HttpProblem(400, 50035, 'Invalid Form Body: choices');
    }
  } else if (type === CallbackType.ChannelMessage || type === CallbackType.DeferredChannelMessage) {
    const body = checkedMessageBody(data ?? {}, { creating: type === CallbackType.ChannelMessage });
    const message = interactionMessage(
      world,
      state.channel,
      { ...body, content: body.content ?? '' },
      record.files,
    );
    state.originalId = message.id;
    record.message = structuredClone(message);
  } else if (type === CallbackType.UpdateMessage) {
    const source = world.messages.get(state.sourceMessageId ?? '');
    if (source === undefined) throw new HttpProblem(400, 50035, 'Invalid Form Body: no message to update');
    record.message = editMessage(source, checkedMessageBody(data ?? {}, { creating: false }), record.files);
  } else if (type !== CallbackType.DeferredUpdate) {
    throw new HttpProblem(400, 50035, `Invalid Form Body: callback type ${type}`);
  }
  state.acknowledged = true;
  const withResponse = record.query.get('with_response') === 'true';
  return withResponse
    ? { interaction: { id: snowflake(), type }, resource: { type, message: record.message } }
    : undefined;
}

function webhook(
  world: RestWorld,
  token: string,
  messageId: string | undefined,
  record: RecordedRequest,
): unknown {
  const state = world.interactions.get(token);
  if (state === undefined || !state.acknowledged) throw new HttpProblem(404, 10015, 'Unknown Webhook');
  if (messageId === undefined && record.method === 'POST') {
    const message = interactionMessage(
      world,
      state.channel,
      checkedMessageBody(record.body, { creating: true }),
      record.files,
    );
    record.message = structuredClone(message);
    return message;
  }
  const id = messageId === '@original' ? state.originalId : messageId;
  const message = world.messages.get(id ?? '');
  if (message === undefined) throw new HttpProblem(404, 10008, 'Unknown Message');
  if (record.method === 'GET') return message;
  if (record.method === 'DELETE') {
    world.messages.delete(message.id);
    return undefined;
  }
  if (record.method === 'PATCH') {
    record.message = editMessage(message, checkedMessageBody(record.body, { creating: false }), record.files);
    return record.message;
  }
  throw new HttpProblem(405, 0, '405: Method Not Allowed');
}

function interactionMessage(
  world: RestWorld,
  channel: ChannelData,
  body: MessageBody,
  files: readonly UploadedFile[] | undefined,
): MessageData {
  const message = messageData({ channel, author: world.botUser, body, webhookId: world.applicationId });
  message.attachments = attachmentsOf(body, files, []);
  world.messages.set(message.id, message);
  return message;
}

/**
 * The attachments a message has after a create or an edit, as Discord works them out: the body lists each
 * one, new uploads by the index of their `files[n]` part and kept ones by id; an edit whose body lists none
 * keeps what the message had. Uploads past Discord's limits are refused as Discord refuses them.
 */
function attachmentsOf(
  body: MessageBody,
  files: readonly UploadedFile[] | undefined,
  existing: readonly AttachmentData[],
): AttachmentData[] {
  const uploads = files ?? [];
  if (body.attachments === undefined) {
    if (uploads.length > 0) throw new HttpProblem(400, 50035, 'Invalid Form Body: files without attachments');
    return [...existing];
  }
  if (body.attachments.length > MAX_ATTACHMENTS)
    throw new HttpProblem(400, 50035, 'Invalid Form Body: attachments: Must be 10 or fewer in length.');
  return body.attachments.map((reference) => {
    const kept = existing.find((attachment) => attachment.id === String(reference.id));
    if (kept) return kept;
    const upload = uploads.find((file) => file.field === `files[${reference.id}]`);
    if (upload === undefined)
      throw new HttpProblem(400, 50035, `Invalid Form Body: attachments: unknown attachment ${reference.id}`);
    if (upload.data.length > MAX_ATTACHMENT_BYTES)
      throw new HttpProblem(413, 40005, 'Request entity too large');
    const id = snowflake();
    const url = `http://cdn.invalid/attachments/${id}/${upload.filename}`;
    return {
      id,
      filename: upload.filename,
      size: upload.data.length,
      url,
      proxy_url: url,
      content_type: upload.contentType,
      ...(reference.description === undefined ? {} : { description: reference.description }),
    };
  });
}

function checkedMessageBody(body: unknown, { creating }: { creating: boolean }): MessageBody {
  const message = (body ?? {}) as MessageBody;
  const violation = messageBodyViolation(message);
  if (violation !== undefined) throw new HttpProblem(400, 50035, `Invalid Form Body: ${violation}`);
  if (creating && isEmptyMessage(message)) throw new HttpProblem(400, 50006, 'Cannot send an empty message');
  return message;
}

function editMessage(
  message: MessageData,
  body: MessageBody,
  files: readonly UploadedFile[] | undefined,
): MessageData {
  message.attachments = attachmentsOf(body, files, message.attachments);
  if (body.content !== undefined) message.content = body.content;
  if (body.embeds !== undefined) message.embeds = body.embeds;
  if (body.components !== undefined) message.components = body.components;
  message.edited_timestamp = new Date().toISOString();
  return structuredClone(message);
}
