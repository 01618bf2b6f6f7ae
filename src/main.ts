// `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise a chat in this terminal.
import { runChat } from './cli/chat.js';
import { openBot, runCommand } from './cli/run.js';
import { startDiscordBot } from './discord/index.js';

await runCommand(async (runtime) => {
  const bot = await openBot(runtime);
  if (!runtime.config.discord.token) {
    await runChat(bot, runtime.logger);
    return;
  }
  const discord = await startDiscordBot({ bot, config: runtime.config.discord, logger: runtime.logger });
  const shutdown = (signal: string): void => {
    runtime.logger.info({ signal }, 'shutting down');
    discord.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
});
