import { DiscordAPIError, HTTPError } from 'discord.js';
import { BusyError, InputError } from '../errors.js';

export const GENERIC_FAILURE =
  'Sorry, something went wrong while handling that. Please try again in a moment.';

/** What the user is told: our own messages for problems they can act on, nothing of the internals otherwise. */
export function userMessageFor(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof BusyError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return `I'm busy right now — please try again in ${seconds} s.`;
  }
  return GENERIC_FAILURE;
}

/** Discord's "Unknown interaction": the 3-second window passed or the token expired; nothing can be sent. */
export function isExpiredInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 10062 || error.code === 10015);
}

/**
 * Interaction and webhook tokens travel in the URL path; they let anyone answer as the bot for
 * 15 minutes, so they are cut out before a URL reaches the log.
 */
export function redactTokens(text: string): string {
  return text
    .replace(/(\/webhooks\/\d+\/)[^/?\s]+/g, '$1[token]')
    .replace(/(\/interactions\/\d+\/)[^/?\s]+/g, '$1[token]');
}

/**
 * A log-safe description of an error for pino: the stack for our own failures, but only the method,
 * route and code of a Discord API error, whose request data could carry tokens and user text.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      type: error.name,
      message: redactTokens(error.message),
      status: error.status,
      method: error.method,
      url: redactTokens(error.url),
      ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
    };
  }
  if (error instanceof Error) {
    return { type: error.name, message: redactTokens(error.message), stack: redactTokens(error.stack ?? '') };
  }
  return { type: typeof error, message: redactTokens(String(error)) };
}
