import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The time one answer may spend at a model provider (chat or embeddings), shared by every request made for it:
 * the question's embedding, the search rewrite, the generation, and the one retry after a 429. Carried through the client libraries by async context, since
 * neither LangChain client lets a per-call deadline reach its HTTP requests (ChatOllama does not pass the call's
 * signal to its client at all).
 */
export interface RequestBudget {
  signal: AbortSignal;
  /** `Date.now()` by which everything must be done. */
  deadline: number;
  /** Set once a 429 has been waited out: Retry-After is honoured once per answer. */
  rateLimitRetried: boolean;
  /** HTTP status of the last response, to say why a call failed when the library's error does not. */
  lastStatus: number | undefined;
}

const budgets = new AsyncLocalStorage<RequestBudget>();

/** Runs `work` with every request it makes through `budgetedFetch` bound by `budget`. */
export function withinBudget<T>(budget: RequestBudget, work: () => Promise<T>): Promise<T> {
  return budgets.run(budget, work);
}

/** The budget of the call in progress, if any. */
export function currentBudget(): RequestBudget | undefined {
  return budgets.getStore();
}

export function newBudget(
  timeoutMs: number,
  now = Date.now(),
): { budget: RequestBudget; cancel: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  return {
    budget: {
      signal: controller.signal,
      deadline: now + timeoutMs,
      rateLimitRetried: false,
      lastStatus: undefined,
    },
    cancel: () => clearTimeout(timer),
  };
}

/**
 * A `fetch` for the provider clients: it aborts when the current budget runs out, and after a 429 it waits the
 * Retry-After once and tries again, when that fits in the time left. Client libraries' own retries are switched
 * off (`maxRetries: 0`), so this is the only retry there is and the timeout covers it.
 */
export function budgetedFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const budget = budgets.getStore();
    if (!budget) return base(input, init);
    const signal = init?.signal ? AbortSignal.any([init.signal, budget.signal]) : budget.signal;
    let response = await base(input, { ...init, signal });
    budget.lastStatus = response.status;
    if (response.status === 429 && !budget.rateLimitRetried) {
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined && Date.now() + wait < budget.deadline) {
        budget.rateLimitRetried = true;
        await response.body?.cancel();
        await sleep(wait, undefined, { signal });
        response = await base(input, { ...init, signal });
        budget.lastStatus = response.status;
      }
    }
    return response;
  };
}

/** Milliseconds a 429 asks to wait: `retry-after-ms` (OpenAI), else `Retry-After` in seconds or as a date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Runs `work` within `timeoutMs`: its requests through `budgetedFetch` are aborted at the deadline, and the
 * promise rejects then even if a client ignores the abort.
 */
export async function withDeadline<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const { budget, cancel } = newBudget(timeoutMs);
  const running = withinBudget(budget, work);
  running.catch(() => undefined);
  try {
    return await Promise.race([
      running,
      new Promise<never>((_resolve, reject) => {
        const fail = (): void => reject(new Error(`no reply within ${timeoutMs} ms`));
        if (budget.signal.aborted) fail();
        else budget.signal.addEventListener('abort', fail, { once: true });
      }),
    ]);
  } finally {
    cancel();
  }
}
