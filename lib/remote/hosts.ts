// Work on many hosts at once: each host's outcome is kept, one failing host never hides the others' results.

export type HostOutcome<T> =
  | { readonly host: string; readonly ok: true; readonly value: T; readonly durationMs: number }
  | { readonly host: string; readonly ok: false; readonly error: Error; readonly durationMs: number };

/** Runs `work` for every host, at most `concurrency` at a time (default: all at once), in host order. */
export async function forEachHost<T>(
  hosts: readonly string[],
  work: (host: string) => Promise<T>,
  concurrency = hosts.length,
): Promise<HostOutcome<T>[]> {
  const outcomes: HostOutcome<T>[] = new Array(hosts.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < hosts.length) {
      const index = next++;
      const host = hosts[index]!;
      const started = performance.now();
      try {
        const value = await work(host);
        outcomes[index] = { host, ok: true, value, durationMs: performance.now() - started };
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        outcomes[index] = { host, ok: false, error, durationMs: performance.now() - started };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, hosts.length)) }, lane));
  return outcomes;
}

/** The failed outcomes as one message: one paragraph per host. */
export function describeFailures(outcomes: readonly HostOutcome<unknown>[]): string {
  return outcomes
    .filter((outcome): outcome is Extract<HostOutcome<unknown>, { ok: false }> => !outcome.ok)
    .map((outcome) => `${outcome.host}: ${outcome.error.message}`)
    .join('\n');
}
