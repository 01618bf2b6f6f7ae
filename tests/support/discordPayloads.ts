/**
 * The shapes of Discord API v10 objects the fake server sends and receives, as plain JSON, with the
 * fields discord.js 14 reads when it builds its structures. Tests outside src/discord may not import
 * discord.js, so the few numbers needed are spelled out here.
 */

export const GatewayOpcode = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;
export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
export const CallbackType = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
} as const;
export const ChannelType = { GuildText: 0, GuildAnnouncement: 5, PublicThread: 11 } as const;
export const MESSAGE_FLAG_EPHEMERAL = 64;
export const INTENT_MESSAGE_CONTENT = 1 << 15;
export const PERMISSIONS = { none: '0', manageGuild: String(1 << 5) } as const;

/** Discord's own epoch; ids carry their creation time, and discord.js's REST routing expects 17 to 19 digits. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
export function snowflake(): string {
  sequence = (sequence + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

export interface UserData {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export interface EmbedBody {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  author?: { name: string };
  color?: number;
}

export interface ComponentBody {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  style?: number;
  components?: ComponentBody[];
}

/** An attachment as the bot lists it in a message body: a new upload by its index (`"0"`), or one kept by id. */
export interface AttachmentReference {
  id: string | number;
  filename?: string;
  description?: string;
}

/** A stored attachment, as Discord returns it in a message. */
export interface AttachmentData {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

/** What the bot sends when it creates or edits a message. */
export interface MessageBody {
  content?: string;
  attachments?: AttachmentReference[];
  embeds?: EmbedBody[];
  components?: ComponentBody[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  flags?: number;
  message_reference?: { message_id: string };
}

export interface MessageData {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: UserData;
  content: string;
  embeds: EmbedBody[];
  components: ComponentBody[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  tts: false;
  mention_everyone: boolean;
  mentions: UserData[];
  mention_roles: string[];
  attachments: AttachmentData[];
  pinned: false;
  type: number;
  webhook_id?: string;
  message_reference?: { message_id: string; channel_id: string; guild_id?: string };
}

export interface ChannelData {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  position?: number;
  parent_id: string | null;
  owner_id?: string;
  permission_overwrites?: [];
  last_message_id: string | null;
  rate_limit_per_user: number;
  default_auto_archive_duration?: number;
  thread_metadata?: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
  };
  message_count?: number;
  member_count?: number;
}

export interface CommandOptionData {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  /** A subcommand's own options. */
  options?: CommandOptionData[];
}

export function userData(username: string, id = snowflake()): UserData {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

export function textChannel(guildId: string, name: string, position: number): ChannelData {
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    parent_id: null,
    permission_overwrites: [],
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
  };
}

export function threadChannel(parent: ChannelData, id: string, name: string, ownerId: string): ChannelData {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: parent.guild_id,
    name,
    parent_id: parent.id,
    owner_id: ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
    message_count: 0,
    member_count: 1,
  };
}

export function messageData(fields: {
  channel: ChannelData;
  author: UserData;
  content?: string;
  body?: MessageBody;
  mentions?: UserData[];
  webhookId?: string;
}): MessageData {
  const body = fields.body ?? {};
  const content = fields.content ?? body.content ?? '';
  return {
    id: snowflake(),
    channel_id: fields.channel.id,
    guild_id: fields.channel.guild_id,
    author: fields.author,
    content,
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    flags: body.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: fields.mentions ?? [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: body.message_reference === undefined ? 0 : 19,
    ...(fields.webhookId === undefined ? {} : { webhook_id: fields.webhookId }),
    ...(body.message_reference === undefined
      ? {}
      : {
          message_reference: {
            message_id: body.message_reference.message_id,
            channel_id: fields.channel.id,
            guild_id: fields.channel.guild_id,
          },
        }),
  };
}

/** A guild as GUILD_CREATE delivers it; discord.js caches its channels and roles from this. */
export function guildCreatePayload(
  guildId: string,
  moderatorRoleId: string,
  channels: ChannelData[],
): unknown {
  const role = (id: string, name: string, permissions: string) => ({
    id,
    name,
    permissions,
    position: id === guildId ? 0 : 1,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  return {
    id: guildId,
    name: 'Newsroom',
    icon: null,
    owner_id: snowflake(),
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: new Date().toISOString(),
    roles: [role(guildId, '@everyone', '0'), role(moderatorRoleId, 'Moderators', '32')],
    channels: channels,
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    preferred_locale: 'en-US',
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
  };
}

/** Discord refuses messages past these limits with 400 Invalid Form Body; so does the fake server. */
export function messageBodyViolation(body: MessageBody): string | undefined {
  if ((body.content?.length ?? 0) > 2000) return 'content: Must be 2000 or fewer in length.';
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  let total = 0;
  for (const embed of embeds) {
    if ((embed.title?.length ?? 0) > 256) return 'embeds.title: Must be 256 or fewer in length.';
    if ((embed.description?.length ?? 0) > 4096)
      return 'embeds.description: Must be 4096 or fewer in length.';
    const fields = embed.fields ?? [];
    if (fields.length > 25) return 'embeds.fields: Must be 25 or fewer in length.';
    for (const field of fields) {
      if (field.name.length === 0 || field.name.length > 256)
        return 'embeds.fields.name: Must be 1 to 256 long.';
      if (field.value.length === 0 || field.value.length > 1024)
        return 'embeds.fields.value: Must be 1 to 1024 long.';
      total += field.name.length + field.value.length;
    }
    if ((embed.footer?.text.length ?? 0) > 2048)
      return 'embeds.footer.text: Must be 2048 or fewer in length.';
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    total += embed.author?.name.length ?? 0;
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  const rows = body.components ?? [];
  if (rows.length > 5) return 'components: Must be 5 or fewer in length.';
  const ids = new Set<string>();
  for (const row of rows) {
    for (const component of row.components ?? []) {
      const id = component.custom_id ?? '';
      if (id.length > 100) return 'components.custom_id: Must be 100 or fewer in length.';
      if (ids.has(id)) return 'components.custom_id: Component custom id cannot be duplicated';
      ids.add(id);
      if ((component.label?.length ?? 0) > 80) return 'components.label: Must be 80 or fewer in length.';
    }
  }
  return undefined;
}

export function isEmptyMessage(body: MessageBody): boolean {
  return (
    (body.content ?? '') === '' && (body.embeds ?? []).length === 0 && (body.attachments ?? []).length === 0
  );
}
