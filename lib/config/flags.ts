// Command-line values that need checking before use (counts, seconds, component=N), with messages that quote the
// flag and the bad value, then the fix.
import { ConfigError } from './errors.js';

/**
 * A number typed on the command line: digits (a sign and, unless `integer`, a decimal point), nothing else, so
 * `1e3`, `0x10` and `Infinity` are refused; whole numbers must be exact (at most 2^53 - 1). NaN when not.
 */
export function flagNumber(value: unknown, integer: boolean): number {
  if (typeof value === 'number') return value; // a caller's own number, not typed text
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  if (!(integer ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)$/).test(text)) return NaN;
  const number = Number(text);
  return integer && !Number.isSafeInteger(number) ? NaN : number;
}

/** What a number flag needs, for messages; a whole number too large to be exact is told the upper bound. */
export function numberNeed(value: unknown, min: number, integer: boolean): string {
  const tooLarge = integer && typeof value === 'string' && /^\s*\d+\s*$/.test(value);
  return tooLarge ? `a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}` : `${integer ? 'a whole number' : 'a number'} >= ${min}`;
}

/** An integer flag value (the text typed; see cli/argv.ts); undefined stays undefined. */
export function parseCount(flag: string, value: unknown, min = 1): number | undefined {
  if (value === undefined || value === false) return undefined;
  const number = flagNumber(value, true);
  if (!Number.isInteger(number) || number < min) {
    throw new ConfigError(`${flag} ${JSON.stringify(value)} is not ${numberNeed(value, min, true)}; write e.g. ${flag} ${Math.max(min, 2)}`);
  }
  return number;
}

/** Repeated values of one flag as a list (cac gives a single value, an array, or nothing). */
export function flagList(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `component=N` pairs (rebalance's executors). */
export function parseExecutorCounts(flag: string, values: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of flagList(values)) {
    const match = /^([^=]+)=(\d+)$/.exec(text);
    if (!match || Number(match[2]) < 1) throw new ConfigError(`${flag} ${JSON.stringify(text)} is not component=N; write e.g. ${flag} count=4`);
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}
