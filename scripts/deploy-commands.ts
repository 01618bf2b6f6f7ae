// Registers the slash commands with Discord. Run once after changing a command, never on every
// start: registration is rate-limited, and global commands take up to an hour to reach every server.
import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { commandData } from '../src/discord/index.js';

export interface DeployResult {
  count: number;
  scope: 'guild' | 'global';
}

/**
 * Overwrites the application's commands with the bot's: in one guild when `guildId` is set
 * (instant, for development), otherwise globally.
 */
export async function deployCommands(config: Config['discord']): Promise<DeployResult> {
  const { token, applicationId, guildId, apiUrl } = config;
  if (token === undefined || applicationId === undefined) {
    throw new Error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.');
  }
  const rest = new REST({ version: '10', ...(apiUrl === undefined ? {} : { api: apiUrl }) }).setToken(token);
  const route =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  const registered = (await rest.put(route, { body: commandData })) as unknown[];
  return { count: registered.length, scope: guildId === undefined ? 'global' : 'guild' };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { count, scope } = await deployCommands(config.discord);
  console.log(
    scope === 'guild'
      ? `Registered ${count} commands in guild ${config.discord.guildId ?? ''}; they are available now.`
      : `Registered ${count} commands globally; they can take up to an hour to appear everywhere.`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
