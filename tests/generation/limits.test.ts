import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/generation/circuitBreaker.js';
import { DailyLimit } from '../../src/generation/dailyLimit.js';

describe('CircuitBreaker', () => {
  function breaker() {
    let now = 0;
    const events: string[] = [];
    const circuit = new CircuitBreaker({
      failures: 3,
      cooldownMs: 1000,
      now: () => now,
      onOpen: (failures) => events.push(`open after ${failures}`),
      onClose: () => events.push('closed'),
    });
    return { circuit, events, advance: (ms: number) => (now += ms) };
  }

  it('GIVEN failures below the threshold, or broken by a success THEN calls keep going through', () => {
    const { circuit, events } = breaker();
    circuit.failed();
    circuit.failed();
    circuit.succeeded();
    circuit.failed();
    circuit.failed();
    expect(circuit.allow()).toBe(true);
    expect(events).toEqual([]);
  });

  it('GIVEN failures in a row THEN it opens once, skips calls for the cooldown, then lets one trial through', () => {
    const { circuit, events, advance } = breaker();
    for (let failure = 0; failure < 3; failure++) circuit.failed();
    expect(events).toEqual(['open after 3']);
    expect(circuit.allow()).toBe(false);
    advance(999);
    expect(circuit.allow()).toBe(false);
    advance(1);
    expect(circuit.allow()).toBe(true);
    expect(circuit.allow()).toBe(false);
  });

  it('GIVEN a failed trial THEN it stays open another cooldown without logging again; a passed trial closes it once', () => {
    const { circuit, events, advance } = breaker();
    for (let failure = 0; failure < 3; failure++) circuit.failed();
    advance(1000);
    expect(circuit.allow()).toBe(true);
    circuit.failed();
    expect(circuit.allow()).toBe(false);
    advance(1000);
    expect(circuit.allow()).toBe(true);
    circuit.succeeded();
    expect(circuit.allow()).toBe(true);
    expect(events).toEqual(['open after 3', 'closed']);
  });
});

describe('DailyLimit', () => {
  it('GIVEN a limit of two THEN a third use the same UTC day is refused, other keys and the next day are not', () => {
    let now = Date.parse('2025-03-01T23:59:00Z');
    const limit = new DailyLimit(2, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, false]);
    expect(limit.take('b')).toBe(true);
    now = Date.parse('2025-03-02T00:00:30Z');
    expect(limit.take('a')).toBe(true);
  });

  it('GIVEN a limit of 0 THEN nothing is ever refused', () => {
    const limit = new DailyLimit(0);
    expect(Array.from({ length: 50 }, () => limit.take('a')).every(Boolean)).toBe(true);
  });
});
