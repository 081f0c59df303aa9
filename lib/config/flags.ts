// Command-line values that need checking before use (counts, seconds, component=N), with messages that quote the
// flag and the bad value, then the fix.
import { ConfigError } from './errors.js';

/** An integer flag value (cac hands numbers or strings); undefined stays undefined. */
export function parseCount(flag: string, value: unknown, min = 1): number | undefined {
  if (value === undefined || value === false) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min) {
    throw new ConfigError(`${flag} ${JSON.stringify(value)} is not ${min === 0 ? 'a whole number >= 0' : `a whole number >= ${min}`}; write e.g. ${flag} ${Math.max(min, 2)}`);
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
