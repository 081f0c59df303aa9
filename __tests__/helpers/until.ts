// Tests wait for conditions with a deadline, never for a fixed time: a busy machine may take far longer than usual.

/** Resolves when `check` holds (polled every 20 ms), or rejects after `ms` naming what was awaited. */
export async function until(check: () => boolean, ms = 10000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
