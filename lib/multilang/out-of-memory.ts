// Recognising a component that ran out of memory, so that its report says so and names the likely cause instead
// of leaving the user with V8's stack. Two shapes: a RangeError the component's code can still catch (a string or
// array past V8's largest), and V8's fatal heap-limit abort, which only leaves a line on stderr.

const CATCHABLE = /^(Invalid string length|Invalid array length|Array buffer allocation failed)/;

/** What V8 (or Node) writes on stderr when a process dies of memory. */
export const OUT_OF_MEMORY_LINE = /JavaScript heap out of memory|Reached heap limit|Invalid string length|Array buffer allocation failed/;

export function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError && CATCHABLE.test(error.message);
}

/** Above this much output waiting for Storm to read it, the output is the likely cause, not the component's data. */
export const OUTPUT_SUSPECT_BYTES = 16 * 1024 * 1024;

/** One sentence for the report: where the memory went, and the likely cause. */
export function outOfMemoryHint(outputBytes: number, queuedTuples: number): string {
  const mb = (outputBytes / (1024 * 1024)).toFixed(1);
  const cause =
    outputBytes >= OUTPUT_SUSPECT_BYTES
      ? 'its output: it emitted faster than Storm read (emit less per input, or let the receivers keep up)'
      : 'its own data: what it keeps in memory between tuples (a growing map, cache or list)';
  return `it ran out of memory with ${mb} MB of its output waiting for Storm to read it and ${queuedTuples} tuple(s) queued; the likely cause is ${cause}`;
}
