import { ButtonStyle, ComponentType, type ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../answer/types.js';
import type { AskOptions } from '../service.js';
import { buttonId } from './customIds.js';
import type { BotContext } from './context.js';
import { citedPassages, formatAnswer } from './format/answer.js';
import { awaitTicket, replyEphemeral, sendInteractionMessages, type ActionRow } from './respond.js';

export function cooldownMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking quickly — please wait ${seconds} s before your next question.`;
}

/**
 * The buttons under an answer: Sources (its full passages, when it has any), then 👍 and 👎. `key` finds the
 * answer in memory again.
 */
export function answerButtonsRow(key: string, answer: Answer): ActionRow {
  const sources: ActionRow['components'] =
    citedPassages(answer).length > 0
      ? [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Sources',
            custom_id: buttonId('ask', 'sources', key),
          },
        ]
      : [];
  const rating = (direction: 'up' | 'down', emoji: string): ActionRow['components'][number] => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    emoji: { name: emoji },
    custom_id: buttonId('ask', 'rate', direction, key),
  });
  return {
    type: ComponentType.ActionRow,
    components: [...sources, rating('up', '👍'), rating('down', '👎')],
  };
}

/** Answers a slash-command question, within the user's cooldown and the cap on questions in flight. */
export async function answerInteraction(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  question: string,
  options: AskOptions,
): Promise<void> {
  const cooldown = context.cooldowns.take(interaction.user.id);
  if (!cooldown.accepted) {
    await replyEphemeral(interaction, cooldownMessage(cooldown.retryAfterMs));
    return;
  }
  const ticket = context.questions.enqueue(() =>
    context.bot.ask(question, { ...options, recordUnanswered: true }),
  );
  const answer = await awaitTicket(interaction, ticket, context);
  context.answers.set(interaction.id, answer);
  await sendInteractionMessages(interaction, formatAnswer(answer), {
    components: [answerButtonsRow(interaction.id, answer)],
  });
}
