// Nimbus rejects a topology whose conf holds a value of the wrong type for a key it knows; we check the keys
// users set most, before anything is uploaded, and say where the bad value came from.
import type { ConfEntry } from './conf.js';

type Kind = 'positive integer' | 'non-negative integer' | 'boolean' | 'string' | 'list of strings';

const KNOWN: Readonly<Record<string, Kind>> = {
  'topology.workers': 'positive integer',
  'topology.acker.executors': 'non-negative integer',
  'topology.eventlogger.executors': 'non-negative integer',
  'topology.message.timeout.secs': 'positive integer',
  'topology.max.spout.pending': 'positive integer',
  'topology.max.task.parallelism': 'positive integer',
  'topology.tick.tuple.freq.secs': 'positive integer',
  'topology.subprocess.timeout.secs': 'positive integer',
  'topology.shellbolt.max.pending': 'positive integer',
  'topology.debug': 'boolean',
  'topology.fall.back.on.java.serialization': 'boolean',
  'topology.name': 'string',
  'topology.worker.childopts': 'string',
  'stp.log.path': 'string',
  'stp.log.max_bytes': 'positive integer',
  'stp.log.backup_count': 'non-negative integer',
  'stp.log.level': 'string',
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'positive integer':
      return Number.isInteger(value) && (value as number) > 0;
    case 'non-negative integer':
      return Number.isInteger(value) && (value as number) >= 0;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'list of strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

/** One sentence per bad value, naming the key, the value, where it came from and what is allowed. */
export function checkStormConf(entries: Readonly<Record<string, ConfEntry>>): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    const kind = KNOWN[key];
    if (kind && !fits(kind, entry.value)) {
      problems.push(`conf "${key}" is ${JSON.stringify(entry.value)} (from ${entry.origin.detail}); Storm needs a ${kind}`);
    } else if (entry.value === undefined || typeof entry.value === 'function' || typeof entry.value === 'bigint') {
      problems.push(`conf "${key}" (from ${entry.origin.detail}) is not JSON; use a string, number, boolean, list or object`);
    }
  }
  return problems;
}
