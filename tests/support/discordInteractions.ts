import { randomBytes } from 'node:crypto';
import {
  InteractionType,
  PERMISSIONS,
  snowflake,
  userData,
  type AttachmentData,
  type ChannelData,
  type CommandOptionData,
  type MessageData,
  type UserData,
} from './discordPayloads.js';

/** Who acts, and where; defaults: a new member without special permissions, in #general. */
export interface Actor {
  user?: UserData;
  /** The member's permissions in the channel, as Discord's decimal bitfield string. */
  permissions?: string;
  roles?: string[];
  channelId?: string;
}

/**
 * A file attached to a command option, as Discord describes it after the upload; the server gives it the id and
 * proxy URL that make it the attachment object a message stores (`AttachmentData`).
 */
export type OptionAttachment = Omit<AttachmentData, 'id' | 'proxy_url'>;

export type OptionValue = string | number | boolean | { attachment: OptionAttachment };
export type OptionValues = Record<string, OptionValue>;

export type InteractionSeed =
  | ({ kind: 'command'; name: string; subcommand?: string; options?: OptionValues } & Actor)
  | ({
      kind: 'autocomplete';
      name: string;
      subcommand?: string;
      options?: OptionValues;
      focused: string;
    } & Actor)
  | ({ kind: 'button'; customId: string; messageId: string } & Actor);

export interface SentInteraction {
  id: string;
  token: string;
  /** `performance.now()` when it was dispatched. */
  sentAt: number;
  user: UserData;
}

const commandIds = new Map<string, string>();

/**
 * The options as Discord sends them, and the attachments they name: an attachment option carries only an id,
 * and the file itself is described under `resolved.attachments`.
 */
function optionData(
  options: OptionValues = {},
  focused?: string,
): { options: CommandOptionData[]; attachments: Record<string, AttachmentData> } {
  const attachments: Record<string, AttachmentData> = {};
  const data = Object.entries(options).map(([name, value]): CommandOptionData => {
    if (typeof value === 'object') {
      const id = snowflake();
      attachments[id] = { ...value.attachment, id, proxy_url: value.attachment.url };
      // 11: ApplicationCommandOptionType.Attachment.
      return { name, type: 11, value: id };
    }
    return {
      name,
      // String 3, integer 4, boolean 5, number 10, as Discord's ApplicationCommandOptionType.
      type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
      value,
      ...(name === focused ? { focused: true } : {}),
    };
  });
  return { options: data, attachments };
}

/**
 * An INTERACTION_CREATE payload as Discord sends it. discord.js silently drops one without
 * `entitlements` and `authorizing_integration_owners`, so both are always present.
 */
export function interactionPayloads(
  ids: { applicationId: string },
  seed: InteractionSeed,
  channel: ChannelData,
  source: MessageData | undefined,
): { payload: Record<string, unknown>; sent: SentInteraction } {
  const id = snowflake();
  // The guild the channel is in: its events go to the shard that guild belongs to.
  const guildId = channel.guild_id;
  const token = `interaction.${id}.${randomBytes(24).toString('base64url')}`;
  const user = seed.user ?? userData('member');
  const common = {
    id,
    token,
    application_id: ids.applicationId,
    version: 1,
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US', features: [] },
    channel_id: channel.id,
    channel,
    member: {
      user,
      roles: seed.roles ?? [],
      permissions: seed.permissions ?? PERMISSIONS.none,
      joined_at: new Date().toISOString(),
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      deaf: false,
      mute: false,
      flags: 0,
      communication_disabled_until: null,
    },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
  let payload: Record<string, unknown>;
  if (seed.kind === 'button') {
    payload = {
      ...common,
      type: InteractionType.MessageComponent,
      data: { custom_id: seed.customId, component_type: 2 },
      message: source,
    };
  } else {
    let commandId = commandIds.get(seed.name);
    if (commandId === undefined) {
      commandId = snowflake();
      commandIds.set(seed.name, commandId);
    }
    const focused = seed.kind === 'autocomplete' ? seed.focused : undefined;
    const { options, attachments } = optionData(seed.options, focused);
    payload = {
      ...common,
      type: seed.kind === 'command' ? InteractionType.ApplicationCommand : InteractionType.Autocomplete,
      data: {
        id: commandId,
        name: seed.name,
        type: 1,
        guild_id: guildId,
        // A subcommand is an option of type 1 holding the options given to it.
        options: seed.subcommand === undefined ? options : [{ name: seed.subcommand, type: 1, options }],
        ...(Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {}),
      },
    };
  }
  return { payload, sent: { id, token, sentAt: performance.now(), user } };
}
