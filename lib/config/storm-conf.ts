// Nimbus rejects a topology whose conf holds a value of the wrong type for a key it knows; we check the keys
// users set most, before anything is uploaded or run, and say where the bad value came from. A topology.* key
// Storm does not know is refused too (Storm would ignore it: a typo quietly leaves the setting at its default).
// `stp run` and `stp submit` both check their conf here.
import leven from 'leven';
import { resolveConf, type ConfEntry, type ResolvedConf } from './conf.js';
import { ConfigError } from './errors.js';
import { STORM_TOPOLOGY_KEYS } from './storm-keys.js';
import { isStateConfProblem, PROVIDER_CONFIG_KEY, PROVIDER_KEY, readStoreChoice } from '../state/store-choice.js';

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
  // Storm's validators: @IsInteger @IsPositiveNumber, @IsString (the provider's own checks are stateProblem's).
  'topology.state.checkpoint.interval.ms': 'positive integer',
  'topology.state.provider': 'string',
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

/** The known key nearest to a misspelt one, when it is near enough to be what was meant. */
function nearestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(key.length / 5)) + 1;
  for (const known of STORM_TOPOLOGY_KEYS) {
    const distance = leven(key, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best;
}

function unknownKeyProblem(key: string, entry: ConfEntry): string {
  const near = nearestKey(key);
  const own = `a setting of your own needs a prefix of your own, e.g. "myapp.${key.slice('topology.'.length)}"`;
  return `conf "${key}" (from ${entry.origin.detail}) is not a Storm setting${near ? `; did you mean "${near}"?` : ''} (${own})`;
}

/** One sentence per bad value, naming the key, the value, where it came from and what is allowed. */
export function checkStormConf(entries: Readonly<Record<string, ConfEntry>>): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    const kind = KNOWN[key];
    if (key.startsWith('topology.') && !STORM_TOPOLOGY_KEYS.has(key)) {
      problems.push(unknownKeyProblem(key, entry));
    } else if (kind && !fits(kind, entry.value)) {
      problems.push(`conf "${key}" is ${JSON.stringify(entry.value)} (from ${entry.origin.detail}); Storm needs a ${kind}`);
    } else if (entry.value === undefined || typeof entry.value === 'function' || typeof entry.value === 'bigint') {
      problems.push(`conf "${key}" (from ${entry.origin.detail}) is not JSON; use a string, number, boolean, list or object`);
    }
  }
  const state = stateProblem(entries);
  if (state !== undefined) problems.push(state);
  return problems;
}

/** What is wrong with the state provider or its config (a name stp has, the JSON its store takes), wherever set. */
function stateProblem(entries: Readonly<Record<string, ConfEntry>>): string | undefined {
  const provider = entries[PROVIDER_KEY];
  const config = entries[PROVIDER_CONFIG_KEY];
  if (provider === undefined && config === undefined) return undefined;
  if (provider !== undefined && typeof provider.value !== 'string') return undefined; // the type is reported above
  const read = readStoreChoice({ [PROVIDER_KEY]: provider?.value, [PROVIDER_CONFIG_KEY]: config?.value });
  if (!isStateConfProblem(read)) return undefined;
  return `conf "${read.key}"${read.at} (from ${entries[read.key]!.origin.detail}) ${read.text}`;
}

/** Resolves the layers (see resolveConf) and checks the result; every problem at once, as one ConfigError. */
export function checkConf(input: Parameters<typeof resolveConf>[0]): ResolvedConf {
  const resolved = resolveConf(input);
  const problems = checkStormConf(resolved.entries);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'), problems);
  return resolved;
}
