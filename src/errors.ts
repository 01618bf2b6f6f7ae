/** A problem with what the user gave us; its message is safe and meant to be shown as it is. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Too many requests: the user should wait `retryAfterMs` before asking again. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
