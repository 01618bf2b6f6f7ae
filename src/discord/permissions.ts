import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { replyEphemeral } from './respond.js';

/**
 * Why a member may not use a moderators' command, or undefined when they may. `action` completes
 * "Sorry — … is for moderators only".
 */
export function moderatorRefusal(
  interaction: ChatInputCommandInteraction,
  moderatorRoleIds: readonly string[],
  action: string,
): string | undefined {
  if (isModerator(interaction, moderatorRoleIds)) return undefined;
  const needs = moderatorRoleIds.length > 0 ? 'Manage Server and a moderator role' : 'Manage Server';
  return `Sorry — ${action} is for moderators only (it needs ${needs}).`;
}

/** Tells a member who is not a moderator why they cannot use the command; true when they were refused. */
export async function refusedUnlessModerator(
  interaction: ChatInputCommandInteraction,
  moderatorRoleIds: readonly string[],
  action: string,
): Promise<boolean> {
  const refusal = moderatorRefusal(interaction, moderatorRoleIds, action);
  if (refusal === undefined) return false;
  await replyEphemeral(interaction, refusal);
  return true;
}

/**
 * Discord hides /reindex from members without Manage Server, but server admins can grant the
 * command to anyone in Integrations, so the permission is checked again here. When moderator
 * roles are configured, a member also needs one of them.
 */
export function isModerator(
  interaction: ChatInputCommandInteraction,
  moderatorRoleIds: readonly string[],
): boolean {
  if (!interaction.inGuild()) return false;
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return false;
  if (moderatorRoleIds.length === 0) return true;
  const { roles } = interaction.member;
  const roleIds = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return roleIds.some((id) => moderatorRoleIds.includes(id));
}
