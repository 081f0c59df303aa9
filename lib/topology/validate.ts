// Run-time validation of a TopologySpec: the builder's compile-time rules (for topologies built from plain
// JavaScript, from data, or past an `as any`) plus what Nimbus refuses on submit (storm-reference §4). It collects
// every problem with its path and reports them in one error, so a user fixes them all in one pass.
import { confValueProblem, isPlainObject, KNOWN_CONF_KEYS, nonJsonPath } from './conf.js';
import { describe, javaArgProblem } from './java-args.js';
import type { ComponentSpec, InputSpec, TopologySpec } from './spec.js';
import { windowConfProblems, windowSizesInConf } from '../windowing/window-spec.js';
import { CHECKPOINT_STREAM } from '../state/checkpoint.js';

export interface TopologyProblem {
  /** Where, e.g. `components["count"].inputs[0].grouping.fields[1]`. */
  readonly path: string;
  /** What is wrong and what would be right. */
  readonly message: string;
}

export class TopologyValidationError extends Error {
  constructor(
    readonly topologyName: string,
    readonly problems: readonly TopologyProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`topology ${JSON.stringify(topologyName)} is invalid (${count}):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'TopologyValidationError';
  }
}

/** Throws one TopologyValidationError listing every problem; returns the spec when there is none. */
export function validateTopology(spec: TopologySpec): TopologySpec {
  const problems = topologyProblems(spec);
  if (problems.length > 0) {
    const name = isPlainObject(spec) && typeof spec['name'] === 'string' ? spec['name'] : '(unnamed)';
    throw new TopologyValidationError(name, problems);
  }
  return spec;
}

/** Every problem of `spec` (empty when it is valid). Accepts any value: specs may come from data. */
export function topologyProblems(spec: unknown): TopologyProblem[] {
  const problems: TopologyProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isPlainObject(spec)) {
    report('topology', `expected a topology spec object, got ${describe(spec)}`);
    return problems;
  }
  checkName(spec['name'], report);
  checkConf('conf', spec['conf'], report);
  checkExternals(spec['externals'], report);

  const components = spec['components'];
  if (!Array.isArray(components)) {
    report('components', `expected a list of components, got ${describe(components)}`);
    return problems;
  }
  const earlier = new Map<string, ComponentSpec>();
  const seen = new Set<string>();
  for (const [index, component] of components.entries()) {
    const id = isPlainObject(component) && typeof component['id'] === 'string' ? component['id'] : undefined;
    const path = id === undefined ? `components[${index}]` : `components[${JSON.stringify(id)}]`;
    if (!isPlainObject(component)) {
      report(path, `expected a component object, got ${describe(component)}`);
      continue;
    }
    checkComponent(path, component, seen, earlier, report, spec['conf']);
    if (id !== undefined && !earlier.has(id)) earlier.set(id, component as unknown as ComponentSpec);
    if (id !== undefined) seen.add(id);
  }
  if (components.length === 0) report('components', 'the topology has no components; add a spout and the bolts that read it');
  else if (!components.some((c) => isPlainObject(c) && c['role'] === 'spout')) report('components', 'the topology has no spout; Storm needs at least one');
  return problems;
}

type Report = (path: string, message: string) => void;

const NAME_FORBIDDEN = /[/.:\\]/;

function checkName(name: unknown, report: Report): void {
  if (typeof name !== 'string' || name === '') {
    report('name', `the topology needs a non-empty name, got ${describe(name)}`);
    return;
  }
  const bad = NAME_FORBIDDEN.exec(name);
  if (bad) report('name', `${JSON.stringify(name)} contains ${JSON.stringify(bad[0])}; Storm refuses "/", ".", ":" and "\\" in topology names`);
}

function checkConf(path: string, conf: unknown, report: Report): void {
  if (conf === undefined) return;
  if (!isPlainObject(conf)) {
    report(path, `expected an object of conf keys, got ${describe(conf)}`);
    return;
  }
  for (const [key, value] of Object.entries(conf)) {
    const at = `${path}[${JSON.stringify(key)}]`;
    const kind = KNOWN_CONF_KEYS[key];
    const problem = kind === undefined ? undefined : confValueProblem(kind, value);
    if (problem !== undefined) {
      report(at, `${describe(value)} is not valid for ${key}; it takes ${problem}`);
      continue;
    }
    const bad = nonJsonPath(value);
    if (bad !== undefined) {
      report(`${at}${bad}`, 'this value cannot be sent to Storm: conf values must be JSON (strings, finite numbers, booleans, null, lists, plain objects)');
    }
  }
}

function checkExternals(externals: unknown, report: Report): void {
  if (externals === undefined) return;
  if (!Array.isArray(externals)) {
    report('externals', `expected a list of module names, got ${describe(externals)}`);
    return;
  }
  for (const [i, name] of externals.entries()) {
    if (typeof name !== 'string' || name.trim() === '') report(`externals[${i}]`, `expected a module name, got ${describe(name)}`);
  }
}

function checkComponent(
  path: string,
  component: Record<string, unknown>,
  seen: ReadonlySet<string>,
  earlier: ReadonlyMap<string, ComponentSpec>,
  report: Report,
  topologyConf: unknown,
): void {
  const id = component['id'];
  if (typeof id !== 'string' || id === '') report(`${path}.id`, `a component needs a non-empty string id, got ${describe(id)}`);
  else if (id.startsWith('__')) report(`${path}.id`, `component id ${JSON.stringify(id)} is reserved by Storm (ids starting with "__"); choose another`);
  else if (seen.has(id)) report(`${path}.id`, `component id ${JSON.stringify(id)} is already used by an earlier component (ids must be unique)`);

  const role = component['role'];
  if (role !== 'spout' && role !== 'bolt') report(`${path}.role`, `expected "spout" or "bolt", got ${describe(role)}`);

  checkImpl(`${path}.impl`, component['impl'], report);
  checkStreams(`${path}.streams`, component['streams'], report);
  checkParallelism(path, component['parallelism'], component['tasks'], report);
  checkConf(`${path}.conf`, component['conf'], report);
  checkWindow(path, component, report, topologyConf);

  const reads = component['reads'];
  if (reads !== undefined && (!Array.isArray(reads) || !reads.every((f) => typeof f === 'string'))) {
    report(`${path}.reads`, `expected a list of field names, got ${describe(reads)}`);
  }

  const inputs = component['inputs'];
  if (!Array.isArray(inputs)) {
    report(`${path}.inputs`, `expected a list of inputs, got ${describe(inputs)}`);
    return;
  }
  if (role === 'spout' && inputs.length > 0) {
    report(`${path}.inputs`, `spout ${JSON.stringify(id)} has ${inputs.length} input(s); spouts take no input (make it a bolt)`);
    return;
  }
  if (role === 'bolt' && inputs.length === 0) {
    report(`${path}.inputs`, `bolt ${JSON.stringify(id)} subscribes to nothing; follow .bolt(...) with a grouping such as .shuffle("<source id>")`);
  }
  const subscribed = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    checkInput(`${path}.inputs[${i}]`, String(id), input, Array.isArray(reads) ? (reads as string[]) : [], earlier, subscribed, report);
  }
}

function checkImpl(path: string, impl: unknown, report: Report): void {
  if (!isPlainObject(impl)) {
    report(path, `expected { kind: "typescript" | "shell" | "java", ... }, got ${describe(impl)}`);
    return;
  }
  const nonEmpty = (key: string, what: string): void => {
    const value = impl[key];
    if (typeof value !== 'string' || value.trim() === '') report(`${path}.${key}`, `${what} must be a non-empty string, got ${describe(value)}`);
  };
  switch (impl['kind']) {
    case 'typescript':
      nonEmpty('className', 'the class name');
      return;
    case 'shell': {
      nonEmpty('command', 'the command');
      nonEmpty('script', 'the script');
      const command = impl['command'];
      if (typeof command === 'string' && /\s/.test(command.trim())) {
        report(`${path}.command`, `${JSON.stringify(command)} contains a space; Storm runs exactly [command, script] without a shell, so give one executable and put other arguments in a bootstrap script`);
      }
      const script = impl['script'];
      if (typeof script === 'string' && (script.startsWith('/') || script.split(/[\\/]/).includes('..'))) {
        report(`${path}.script`, `${JSON.stringify(script)} must be a path inside the project's resources/ folder, relative to it (e.g. "split.py")`);
      }
      return;
    }
    case 'java': {
      nonEmpty('className', 'the Java class name');
      checkJavaArgs(`${path}.args`, impl['args'], report);
      return;
    }
    default:
      report(`${path}.kind`, `expected "typescript", "shell" or "java", got ${describe(impl['kind'])}`);
  }
}

function checkJavaArgs(path: string, args: unknown, report: Report): void {
  if (!Array.isArray(args)) {
    report(path, `expected a list of Java arguments, got ${describe(args)}`);
    return;
  }
  for (const [i, arg] of args.entries()) {
    const problem = javaArgProblem(arg);
    if (problem !== undefined) report(`${path}[${i}]`, problem);
  }
}

function checkStreams(path: string, streams: unknown, report: Report): void {
  if (!isPlainObject(streams)) {
    report(path, `expected an object of streams by id, got ${describe(streams)}`);
    return;
  }
  for (const [streamId, stream] of Object.entries(streams)) {
    const at = `${path}[${JSON.stringify(streamId)}]`;
    if (streamId === '') report(at, 'a stream id cannot be empty');
    if (streamId.startsWith('__')) report(at, `stream id ${JSON.stringify(streamId)} is reserved by Storm (ids starting with "__"); rename it`);
    if (!isPlainObject(stream)) {
      report(at, `expected { fields, direct }, got ${describe(stream)}`);
      continue;
    }
    const fields = stream['fields'];
    if (!Array.isArray(fields)) {
      report(`${at}.fields`, `expected a list of field names, got ${describe(fields)}`);
    } else {
      const names = new Set<string>();
      for (const [i, name] of fields.entries()) {
        if (typeof name !== 'string' || name === '') report(`${at}.fields[${i}]`, `a field name must be a non-empty string, got ${describe(name)}`);
        else if (names.has(name)) report(`${at}.fields[${i}]`, `field ${JSON.stringify(name)} is declared twice on stream ${JSON.stringify(streamId)}`);
        else names.add(name);
      }
    }
    if (typeof stream['direct'] !== 'boolean') report(`${at}.direct`, `expected true or false, got ${describe(stream['direct'])}`);
  }
}

function checkParallelism(path: string, parallelism: unknown, tasks: unknown, report: Report): void {
  const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 2 ** 31 - 1;
  if (!isCount(parallelism)) report(`${path}.parallelism`, `p must be a whole number >= 1, got ${describe(parallelism)}`);
  if (tasks === undefined) return;
  if (!isCount(tasks)) report(`${path}.tasks`, `tasks must be a whole number >= 1, got ${describe(tasks)}`);
  else if (isCount(parallelism) && tasks < parallelism) {
    report(`${path}.tasks`, `tasks (${tasks}) is fewer than p (${parallelism}); Storm would run only ${tasks} executor(s). Raise tasks or lower p`);
  }
}

const GROUPINGS = ['shuffle', 'localOrShuffle', 'fields', 'all', 'global', 'none', 'direct', 'custom'];

function checkInput(
  path: string,
  boltId: string,
  input: unknown,
  reads: readonly string[],
  earlier: ReadonlyMap<string, ComponentSpec>,
  subscribed: Set<string>,
  report: Report,
): void {
  if (!isPlainObject(input)) {
    report(path, `expected { source, stream, grouping }, got ${describe(input)}`);
    return;
  }
  const { source, stream, grouping } = input as Partial<Record<keyof InputSpec, unknown>>;
  if (typeof stream !== 'string' || stream === '') {
    report(`${path}.stream`, `expected a stream id, got ${describe(stream)}`);
    return;
  }
  if (typeof source !== 'string') {
    report(`${path}.source`, `expected a component id, got ${describe(source)}`);
    return;
  }
  if (!isPlainObject(grouping) || !GROUPINGS.includes(String(grouping['type']))) {
    report(`${path}.grouping`, `expected { type: ${GROUPINGS.map((g) => JSON.stringify(g)).join(' | ')} }, got ${describe(grouping)}`);
    return;
  }
  const key = `${source}\u0000${stream}`;
  if (subscribed.has(key)) {
    report(path, `bolt ${JSON.stringify(boltId)} subscribes to stream ${JSON.stringify(stream)} of ${JSON.stringify(source)} twice; Storm keeps one grouping per stream, so remove one`);
  }
  subscribed.add(key);

  const from = earlier.get(source);
  if (source === boltId) {
    report(`${path}.source`, `bolt ${JSON.stringify(boltId)} cannot subscribe to itself; name a component declared before it`);
    return;
  }
  if (from === undefined) {
    const known = [...earlier.keys()];
    report(
      `${path}.source`,
      `${JSON.stringify(source)} is not a component declared before bolt ${JSON.stringify(boltId)}; ` +
        (known.length > 0 ? `known: ${known.map((k) => JSON.stringify(k)).join(', ')}` : 'declare a spout first'),
    );
    return;
  }
  const streams = isPlainObject(from.streams) ? from.streams : {};
  const declared = streams[stream];
  if (declared === undefined || !isPlainObject(declared)) {
    const ids = Object.keys(streams);
    report(
      `${path}.stream`,
      `${JSON.stringify(source)} does not declare stream ${JSON.stringify(stream)}; it declares ${ids.length > 0 ? ids.map((s) => JSON.stringify(s)).join(', ') : 'no streams'}`,
    );
    return;
  }
  const fields = Array.isArray(declared.fields) ? declared.fields : [];
  const carries = fields.length > 0 ? fields.map((f) => JSON.stringify(f)).join(', ') : 'no fields';

  if (grouping['type'] === 'direct' && declared.direct !== true) {
    report(`${path}.grouping`, `a direct grouping needs a direct stream, and stream ${JSON.stringify(stream)} of ${JSON.stringify(source)} is not; declare it { fields: [...], direct: true }`);
  } else if (grouping['type'] !== 'direct' && declared.direct === true) {
    report(`${path}.grouping`, `stream ${JSON.stringify(stream)} of ${JSON.stringify(source)} is direct; subscribe to it with direct()`);
  }
  if (grouping['type'] === 'fields') {
    const names = grouping['fields'];
    if (!Array.isArray(names) || names.length === 0) {
      report(`${path}.grouping.fields`, `name at least one field of ${JSON.stringify(source)} (it declares ${carries}); an empty list would be a global grouping`);
    } else {
      for (const [i, name] of names.entries()) {
        if (!fields.includes(name)) {
          report(`${path}.grouping.fields[${i}]`, `field ${describe(name)} is not declared by ${JSON.stringify(source)} on stream ${JSON.stringify(stream)}; it declares ${carries}`);
        }
      }
    }
  }
  if (grouping['type'] === 'custom') {
    const className = grouping['className'];
    if (typeof className !== 'string' || className.trim() === '') {
      report(`${path}.grouping.className`, `a custom grouping needs the Java class name of a CustomStreamGrouping, got ${describe(className)}`);
    }
    checkJavaArgs(`${path}.grouping.args`, grouping['args'] ?? [], report);
  }
  // The checkpoint stream carries [txid, action] to every bolt; the runtime handles it before `reads` applies.
  const missing = stream === CHECKPOINT_STREAM ? [] : reads.filter((f) => !fields.includes(f));
  if (missing.length > 0) {
    report(
      path,
      `bolt ${JSON.stringify(boltId)} reads ${missing.map((f) => JSON.stringify(f)).join(', ')}, which stream ${JSON.stringify(stream)} of ${JSON.stringify(source)} does not carry; it carries ${carries}`,
    );
  }
}

/** A windowed bolt (Storm's window keys in its conf) whose duration window outlasts the message timeout is refused, as Storm does. */
function checkWindow(path: string, component: Record<string, unknown>, report: Report, topologyConf: unknown): void {
  const conf = component['conf'];
  if (!isPlainObject(conf)) return;
  const sizes = windowSizesInConf(conf);
  if (sizes === undefined) return;
  const impl = component['impl'];
  const className = isPlainObject(impl) && typeof impl['className'] === 'string' ? ` (${impl['className']})` : '';
  const merged = { ...(isPlainObject(topologyConf) ? topologyConf : {}), ...conf };
  for (const error of windowConfProblems(sizes, merged, `bolt '${String(component['id'])}'${className}`).errors) report(`${path}.conf`, error);
}
