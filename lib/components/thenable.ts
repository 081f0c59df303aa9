// User callbacks may return any Promise-like (a Promise from another realm or library, not only this realm's).

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
