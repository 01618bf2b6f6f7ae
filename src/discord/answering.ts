import { ButtonStyle, ComponentType, type ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../answer/types.js';
import type { AnswerProgress, AskOptions } from '../service.js';
import { buttonId } from './customIds.js';
import type { BotContext } from './context.js';
import { describeError } from './errors.js';
import { citedPassages, formatAnswer, formatDraft } from './format/answer.js';
import { ProgressMessage } from './progress.js';
import {
  awaitTicket,
  deferOnce,
  NO_MENTIONS,
  replyEphemeral,
  sendInteractionMessages,
  type ActionRow,
} from './respond.js';

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
  const writing = new WritingNotice(interaction, context);
  const ticket = context.questions.enqueue(() =>
    context.bot.ask(question, {
      ...options,
      recordUnanswered: true,
      ...(interaction.guildId === null ? {} : { guild: interaction.guildId }),
      onProgress: (progress) => writing.hear(progress),
    }),
  );
  let answer;
  try {
    answer = await awaitTicket(interaction, ticket, context);
  } finally {
    await writing.close();
  }
  context.answers.set(interaction.id, answer);
  await sendInteractionMessages(interaction, formatAnswer(answer), {
    components: [answerButtonsRow(interaction.id, answer)],
  });
}

/**
 * While a language model writes, the deferred reply says so, and shows the answer as it grows when the model
 * streams: edits at most once per `progressIntervalMs` (a second), only the newest text, none after `close`, so
 * the verified answer is always the last edit.
 */
class WritingNotice {
  #closed = false;
  #model = '';
  #pending: Promise<void> | undefined;
  readonly #edits: ProgressMessage;

  constructor(
    private readonly interaction: ChatInputCommandInteraction,
    private readonly context: BotContext,
  ) {
    this.#edits = new ProgressMessage(
      (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
      context.tuning.progressIntervalMs,
      context.logger,
    );
  }

  hear(progress: AnswerProgress): void {
    if (this.#closed) return;
    if (progress.stage === 'writing') this.#model = progress.model;
    const text = formatDraft(this.#model, progress.stage === 'draft' ? progress.text : undefined);
    this.#pending = deferOnce(this.interaction)
      .then(() => {
        // One stage throughout: the notice shows at once, then drafts at most once per interval after it.
        if (!this.#closed) this.#edits.show(text, 'writing');
      })
      .catch((error: unknown) => {
        this.context.logger.warn(
          { error: describeError(error) },
          'could not show that an answer is being written',
        );
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#pending;
    await this.#edits.settle();
  }
}
