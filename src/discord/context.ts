import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Answer } from '../answer/types.js';
import type { Config } from '../config/config.js';
import type { AnswerRating, ArticleBot, TimelineFilter } from '../service.js';
import type { Command } from './commands/index.js';
import { ConversationStore, LruCache } from './memory.js';
import { ConcurrencyLimit, Cooldowns } from './throttle.js';

export type DiscordConfig = Config['discord'];

/** Timings and bounds that are not user settings; tests and the benchmark shorten them. */
export interface Tuning {
  /**
   * An answer ready within this is sent as the interaction's reply in one request; a slower one
   * is acknowledged first (`deferReply`) and the reply edited in, well inside Discord's 3 seconds.
   */
  deferAfterMs: number;
  /** Shortest gap between two progress edits of the /reindex reply (Discord rate-limits edits). */
  progressIntervalMs: number;
  /** How long `stop()` waits for replies in flight before destroying the client anyway. */
  stopTimeoutMs: number;
  /** Questions allowed to wait in line, as a multiple of `maxInFlight`, before new ones are refused. */
  queueFactor: number;
  /** Earlier turns kept per thread for follow-ups, and threads remembered. */
  turnsPerThread: number;
  threadsRemembered: number;
  /** Answers kept for their Sources button, and timelines kept for their paging buttons. */
  answersRemembered: number;
  timelinesRemembered: number;
  /**
   * How long a timeline's paging buttons work: an interaction's token lasts 15 minutes, and the buttons are
   * taken off the message (through that token) just before it expires.
   */
  timelinePagingMs: number;
}

export const DEFAULT_TUNING: Tuning = {
  deferAfterMs: 1000,
  progressIntervalMs: 1000,
  stopTimeoutMs: 10_000,
  queueFactor: 8,
  turnsPerThread: 6,
  threadsRemembered: 1000,
  answersRemembered: 2000,
  timelinesRemembered: 500,
  timelinePagingMs: 14 * 60 * 1000,
};

/** A timeline someone asked for: what it shows, who may turn its pages, until when, and the page shown. */
export interface TimelineSession {
  filter: TimelineFilter;
  owner: string;
  expiresAt: number;
  page: number;
}

/** Everything a command or the mention handler needs, built once per bot and passed in. */
export interface BotContext {
  client: Client;
  bot: ArticleBot;
  config: DiscordConfig;
  logger: Logger;
  tuning: Tuning;
  commands: readonly Command[];
  cooldowns: Cooldowns;
  questions: ConcurrencyLimit;
  /** Answers by the id of the interaction or message that asked, for the Sources button. */
  answers: LruCache<string, Answer>;
  /**
   * Who has rated which answer (`${answerKey}:${userId}`), so one member counts once. Kept in memory only: the
   * feedback store never learns who rated.
   */
  ratings: LruCache<string, AnswerRating>;
  timelines: LruCache<string, TimelineSession>;
  conversations: ConversationStore;
}

export function createContext(
  parts: Pick<BotContext, 'client' | 'bot' | 'config' | 'logger' | 'tuning' | 'commands'>,
): BotContext {
  const { config, tuning } = parts;
  return {
    ...parts,
    cooldowns: new Cooldowns(config.cooldownMs),
    questions: new ConcurrencyLimit(config.maxInFlight, config.maxInFlight * tuning.queueFactor),
    answers: new LruCache(tuning.answersRemembered),
    ratings: new LruCache(tuning.answersRemembered * 4),
    timelines: new LruCache(tuning.timelinesRemembered),
    conversations: new ConversationStore(tuning.threadsRemembered, tuning.turnsPerThread),
  };
}
