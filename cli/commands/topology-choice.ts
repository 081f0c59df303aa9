// Which topology a command works on, and under which name, as streamparse's flags say it: `-n/--name` chooses the
// topology (the positional argument does the same, so `stp submit wordcount` and `stp submit -n wordcount` agree)
// and `-N/--override-name` gives it another name for this command (submit under it, find its logs by it, ...).
import { validateName } from '../../lib/remote/names.js';
import type { TopologySpec } from '../../lib/topology/spec.js';
import { topologyProblems } from '../../lib/topology/validate.js';
import { CliError } from '../errors.js';

export interface TopologyChoiceFlags {
  /** -n/--name: the topology, as the positional argument. */
  name?: unknown;
  /** -N/--override-name: the name to use instead of the topology's own. */
  overrideName?: unknown;
}

/** One value of a flag that takes text (parseArgv gives a list when it is repeated). */
function single(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new CliError(`${flag} was given ${value.length} times; give it once`);
  const text = String(value);
  if (text === '') throw new CliError(`${flag} needs a value`);
  return text;
}

/** The topology the positional argument or -n names (either may be left out; when both are given they must agree). */
export function chosenTopology(positional: string | undefined, flags: TopologyChoiceFlags): string | undefined {
  const named = single('-n/--name', flags.name);
  if (named !== undefined && positional !== undefined && named !== positional) {
    throw new CliError(`the topology is named twice: "${positional}" as the argument and "${named}" with -n; give one of them`);
  }
  return named ?? positional;
}

/** The same, for commands about a running topology, where a name is required. */
export function requiredTopology(command: string, positional: string | undefined, flags: TopologyChoiceFlags): string {
  const name = chosenTopology(positional, flags);
  if (name === undefined) throw new CliError(`stp ${command} needs the topology's name: stp ${command} NAME (or -n NAME)`);
  return name;
}

/** -N/--override-name, or undefined. */
export function overrideName(flags: TopologyChoiceFlags): string | undefined {
  return single('-N/--override-name', flags.overrideName);
}

/** The spec under -N's name when given; the name is checked by the topology's own rule (what Nimbus refuses). */
export function renamed(spec: TopologySpec, flags: TopologyChoiceFlags): TopologySpec {
  const name = overrideName(flags);
  if (name === undefined) return spec;
  const problem = topologyProblems({ ...spec, name }).find((p) => p.path === 'name');
  if (problem) throw new CliError(`-N ${JSON.stringify(name)}: ${problem.message}`);
  return { ...spec, name };
}

/** -N for the commands that work on the workers (log files, installs): checked as stp checks names it puts in paths. */
export function remoteName(flags: TopologyChoiceFlags): string | undefined {
  const name = overrideName(flags);
  return name === undefined ? undefined : validateName('topology', name);
}
