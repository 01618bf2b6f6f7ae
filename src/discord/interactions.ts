import type { Interaction } from 'discord.js';
import type { BotContext } from './context.js';
import { parseButtonId } from './customIds.js';
import { replyEphemeral, reportInteractionError } from './respond.js';

/** Routes an interaction to its command; every failure ends in `reportInteractionError`. */
export async function handleInteraction(interaction: Interaction, context: BotContext): Promise<void> {
  try {
    await route(interaction, context);
  } catch (error) {
    await reportInteractionError(interaction, error, context.logger);
  }
}

async function route(interaction: Interaction, context: BotContext): Promise<void> {
  const byName = (name: string) => context.commands.find((command) => command.data.name === name);
  if (interaction.isChatInputCommand()) {
    const command = byName(interaction.commandName);
    if (command === undefined) {
      // Registered commands outlive deploys; an old one still reaches us until deploy-commands runs.
      await replyEphemeral(interaction, 'That command is no longer available. Try /help.');
      return;
    }
    await command.execute(interaction, context);
  } else if (interaction.isAutocomplete()) {
    const command = byName(interaction.commandName);
    await (command?.autocomplete?.(interaction, context) ?? interaction.respond([]));
  } else if (interaction.isButton()) {
    const command = byName(parseButtonId(interaction.customId).command);
    if (command?.button === undefined) {
      await replyEphemeral(interaction, 'That button no longer works. Please ask again.');
      return;
    }
    await command.button(interaction, context);
  }
}
