import { describe, expect, test } from 'vitest';
import { ConversationStore, LruCache } from '../../src/discord/memory.js';
import { ConcurrencyLimit, Cooldowns } from '../../src/discord/throttle.js';
import { BusyError } from '../../src/errors.js';
import { answered } from '../support/fakeArticleBot.js';

describe('Cooldowns', () => {
  test('GIVEN a question within the cooldown THEN refuses with the time left, other users unaffected', () => {
    let now = 1000;
    const cooldowns = new Cooldowns(3000, () => now);
    expect(cooldowns.take('a')).toEqual({ accepted: true });
    now += 1000;
    expect(cooldowns.take('a')).toEqual({ accepted: false, retryAfterMs: 2000 });
    expect(cooldowns.take('b')).toEqual({ accepted: true });
    now += 2000;
    expect(cooldowns.take('a')).toEqual({ accepted: true });
  });

  test('GIVEN a zero cooldown THEN always accepts', () => {
    const cooldowns = new Cooldowns(0);
    expect([cooldowns.take('a'), cooldowns.take('a')]).toEqual([{ accepted: true }, { accepted: true }]);
  });
});

describe('ConcurrencyLimit', () => {
  test('GIVEN more tasks than slots THEN runs at most the cap, in order, with places in line', async () => {
    const limit = new ConcurrencyLimit(2, 10);
    const gates = new Map<string, () => void>();
    let peak = 0;
    const task = (label: string) => async () => {
      peak = Math.max(peak, limit.running);
      await new Promise<void>((resolve) => gates.set(label, resolve));
      return label;
    };
    const release = async (label: string) => {
      while (!gates.has(label)) await new Promise((resolve) => setImmediate(resolve));
      gates.get(label)?.();
    };
    const tickets = ['a', 'b', 'c', 'd'].map((label) => limit.enqueue(task(label)));
    expect(tickets.map((ticket) => ticket.position())).toEqual([0, 0, 1, 2]);

    await release('a');
    expect(await tickets[0]?.result).toBe('a');
    expect(tickets.map((ticket) => ticket.position())).toEqual([0, 0, 0, 1]);
    for (const label of ['b', 'c', 'd']) await release(label);

    expect(await Promise.all(tickets.map((ticket) => ticket.result))).toEqual(['a', 'b', 'c', 'd']);
    expect(peak).toBe(2);
    expect(limit.running).toBe(0);
  });

  test('GIVEN a full line THEN refuses with a BusyError', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const never = new Promise<void>(() => undefined);
    limit.enqueue(() => never);
    limit.enqueue(() => never);
    await expect(limit.enqueue(() => never).result).rejects.toBeInstanceOf(BusyError);
  });

  test('GIVEN a failing task THEN its slot is freed for the next', async () => {
    const limit = new ConcurrencyLimit(1, 5);
    const failing = limit.enqueue(() => Promise.reject(new Error('no')));
    const next = limit.enqueue(() => Promise.resolve('yes'));
    await expect(failing.result).rejects.toThrow('no');
    expect(await next.result).toBe('yes');
  });
});

describe('LruCache and ConversationStore', () => {
  test('GIVEN more entries than capacity THEN forgets the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  });

  test('GIVEN a long conversation THEN keeps only the latest turns, oldest first', () => {
    const store = new ConversationStore(10, 2);
    for (const question of ['one', 'two', 'three']) store.append('thread', question, answered(question));
    expect(store.history('thread').map((turn) => turn.question)).toEqual(['two', 'three']);
    expect(store.history('other')).toEqual([]);
  });
});
