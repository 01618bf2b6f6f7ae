import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';

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
