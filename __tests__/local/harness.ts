// Test harness for the engine: specs written by hand over the raw multilang fixtures in ./fixtures, a temp
// components dir per run, and a cleanup that stops every run and removes every dir, even when a test fails.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTopology, type RunHandle, type RunOptions } from '../../lib/local/index.js';
import type { LogEvent, RunResult, TaskCrash, TaskInfo, TaskRestart, TreeEvent, TupleEvent } from '../../lib/local/index.js';
import type { ComponentSpec, GroupingSpec, StreamSpec, TopologySpec } from '../../lib/topology/spec.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const dirs: string[] = [];
const handles: RunHandle[] = [];

/** Call from afterEach: stops every run still going and removes every temp dir. */
export async function cleanUp(): Promise<void> {
  await Promise.all(handles.splice(0).map((h) => h.stop({ graceMs: 0 })));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = 'stp-local-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function streams(spec: Record<string, readonly string[]> | undefined, direct: readonly string[] = []): Record<string, StreamSpec> {
  const out: Record<string, StreamSpec> = {};
  for (const [id, fields] of Object.entries(spec ?? { default: ['word', 'n'] })) out[id] = { fields, direct: direct.includes(id) };
  return out;
}

/** A spout running fixtures/spout.js. */
export function spout(id: string, conf: Record<string, unknown> = {}, opts: { streams?: Record<string, readonly string[]>; parallelism?: number } = {}): ComponentSpec {
  return {
    id,
    role: 'spout',
    impl: { kind: 'typescript', className: 'spout' },
    streams: streams(opts.streams),
    inputs: [],
    parallelism: opts.parallelism ?? 1,
    conf,
  };
}

export interface BoltOptions {
  streams?: Record<string, readonly string[]>;
  direct?: readonly string[];
  parallelism?: number;
  tasks?: number;
  fixture?: 'bolt' | 'python';
}

/** A bolt running fixtures/bolt.js (or the Python splitter), subscribed as `inputs` say. */
export function bolt(
  id: string,
  inputs: readonly { source: string; stream?: string; grouping?: GroupingSpec }[],
  conf: Record<string, unknown> = {},
  opts: BoltOptions = {},
): ComponentSpec {
  return {
    id,
    role: 'bolt',
    impl: opts.fixture === 'python' ? { kind: 'shell', command: 'python3', script: 'splitter.py' } : { kind: 'typescript', className: 'bolt' },
    streams: streams(opts.streams ?? { default: ['word', 'n'] }, opts.direct),
    inputs: inputs.map((i) => ({ source: i.source, stream: i.stream ?? 'default', grouping: i.grouping ?? { type: 'shuffle' } })),
    parallelism: opts.parallelism ?? 1,
    ...(opts.tasks !== undefined ? { tasks: opts.tasks } : {}),
    conf,
  };
}

export function topology(name: string, components: ComponentSpec[], conf: Record<string, unknown> = {}): TopologySpec {
  return { name, components, conf };
}

/** A components dir holding `<id>.js` for each TypeScript component, plus the helpers and scripts. */
export function componentsDir(spec: TopologySpec): string {
  const dir = tempDir();
  copyFileSync(path.join(FIXTURES, 'proto.js'), path.join(dir, 'proto.js'));
  copyFileSync(path.join(FIXTURES, 'project', 'resources', 'splitter.py'), path.join(dir, 'splitter.py'));
  for (const c of spec.components) {
    if (c.impl.kind === 'typescript') copyFileSync(path.join(FIXTURES, `${c.impl.className}.js`), path.join(dir, `${c.id}.js`));
  }
  return dir;
}

export interface Recorded {
  handle: RunHandle;
  logs: LogEvent[];
  tuples: TupleEvent[];
  trees: TreeEvent[];
  tasks: TaskInfo[];
  errors: string[];
  crashes: TaskCrash[];
  restarts: TaskRestart[];
  result: Promise<RunResult>;
  logDir: string;
}

/** Starts a run over the fixtures and records everything it reports. */
export function start(spec: TopologySpec, options: Partial<RunOptions> = {}): Recorded {
  const dir = options.componentsDir ?? componentsDir(spec);
  const logDir = options.logDir ?? tempDir('stp-local-logs-');
  // Faults stop the run unless a test asks for restarts (the engine's default).
  const handle = runTopology(spec, { componentsDir: dir, logDir, graceMs: 500, statsIntervalMs: 100, onFault: 'stop', ...options });
  handles.push(handle);
  const recorded: Recorded = { handle, logs: [], tuples: [], trees: [], tasks: [], errors: [], crashes: [], restarts: [], result: handle.done, logDir };
  handle.events.on('log', (e) => recorded.logs.push(e));
  handle.events.on('tuple', (e) => recorded.tuples.push(e));
  handle.events.on('tree', (e) => recorded.trees.push(e));
  handle.events.on('started', (e) => recorded.tasks.push(...e.tasks));
  handle.events.on('componentError', (e) => recorded.errors.push(e.message));
  handle.events.on('taskCrashed', (e) => recorded.crashes.push(e));
  handle.events.on('taskRestarted', (e) => recorded.restarts.push(e));
  return recorded;
}

import { until } from '../helpers/until.js';

export { until };

/** Log messages of one component, in order. */
export function messages(recorded: Recorded, component: string, prefix = ''): string[] {
  return recorded.logs.filter((l) => l.component === component && l.message.startsWith(prefix)).map((l) => l.message);
}

/** Pids that are still alive (or zombies) among the given ones. */
export function survivors(pids: readonly number[]): string[] {
  const alive: string[] = [];
  for (const pid of pids) {
    const status = `/proc/${pid}/status`;
    if (!existsSync(status)) continue;
    try {
      const state = /State:\s+(\S+)/.exec(readFileSync(status, 'utf8'))?.[1] ?? '?';
      alive.push(`${pid} (${state})`);
    } catch {
      // Gone between the two calls.
    }
  }
  return alive;
}
