import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';
import article from './article.js';
import ask from './ask.js';
import gaps from './gaps.js';
import help from './help.js';
import reindex from './reindex.js';
import sources from './sources.js';
import timeline from './timeline.js';
import who from './who.js';

/** A slash command: the JSON Discord registers, and what runs when it is used. */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  /** Suggests values for the option being typed. */
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
  /** Handles the buttons this command attached; their custom ids start with `${data.name}:`. */
  button?(interaction: ButtonInteraction, context: BotContext): Promise<void>;
}

/** A static list: eight commands are easier to read here than to discover by globbing a folder. */
export const commands: readonly Command[] = [ask, who, timeline, sources, article, gaps, reindex, help];

/** What `deploy-commands` registers with Discord. */
export const commandData: RESTPostAPIChatInputApplicationCommandsJSONBody[] = commands.map(
  (command) => command.data,
);
