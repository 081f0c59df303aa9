// Run a whole topology on the embedded engine in a test until N tuples have reached one component, and collect
// them: the same bundles, processes and routing as `stp run`.
import path from 'node:path';
import { runTopology } from '../local/engine.js';
import { formatFault } from '../local/errors.js';
import type { RunResult } from '../local/events.js';
import { prepareLocalRun, startPrepared } from '../local/prepare.js';

export interface CollectOptions {
  /** The component whose input is collected. */
  readonly component: string;
  /** Stop once this many tuples reached it (and `until` holds, when given). */
  readonly count: number;
  /** Keep collecting past `count` until this holds of what was received (e.g. both streams of a bolt seen). */
  readonly until?: (received: readonly ReceivedTuple[]) => boolean;
  /** Project directory (where topologies/ is); default the working directory. */
  readonly cwd?: string;
  /** Conf overrides, as `stp run -o` gives them. */
  readonly conf?: Readonly<Record<string, unknown>>;
  /** Give up after this long; default 30 s. */
  readonly timeoutMs?: number;
}

export interface ReceivedTuple {
  /** The emitting component and task. */
  readonly from: { readonly component: string; readonly task: number };
  readonly stream: string;
  readonly values: readonly unknown[];
  /** The receiving task of the collected component. */
  readonly task: number;
}

export interface Collected {
  readonly received: readonly ReceivedTuple[];
  readonly result: RunResult;
}

export async function collectFromTopology(topology: string | undefined, options: CollectOptions): Promise<Collected> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  // Bundled into a folder of its own: test files running this topology in parallel workers keep their bundles.
  const prepared = await prepareLocalRun(topology, { cwd, ownFolder: true });
  if (!prepared.spec.components.some((c) => c.id === options.component)) {
    const known = prepared.spec.components.map((c) => c.id).join(', ');
    prepared.dispose();
    throw new Error(`collectFromTopology: topology '${prepared.spec.name}' has no component '${options.component}'; it has: ${known}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const handle = startPrepared(prepared, () =>
    runTopology(prepared.spec, {
      componentsDir: prepared.componentsDir,
      logDir: path.join(prepared.projectDir, 'logs'),
      keepLogRuns: prepared.keepLogRuns,
      graceMs: 500,
      // A crash in a test is a failure to report, not something to ride out.
      onFault: 'stop',
      ...(options.conf && { conf: options.conf }),
    }),
  );
  const received: ReceivedTuple[] = [];
  let stopping = false;
  const stopOnce = (): void => {
    if (stopping) return;
    stopping = true;
    void handle.stop({ graceMs: 500 });
  };
  let enough = false;
  handle.events.on('tuple', (event) => {
    for (const to of event.to) {
      if (to.component !== options.component || enough) continue;
      received.push({ from: { component: event.component, task: event.task }, stream: event.stream, values: event.values, task: to.task });
      enough = received.length >= options.count && (options.until?.(received) ?? true);
    }
    if (enough) stopOnce();
  });
  const timer = setTimeout(stopOnce, timeoutMs);
  try {
    const result = await handle.done;
    if (result.fault) throw new Error(`collectFromTopology: the topology stopped on a fault:\n${formatFault(result.fault)}`);
    if (!enough) {
      const wanted = options.until ? `${options.count} tuples and the until() condition` : `${options.count} tuples`;
      throw new Error(`collectFromTopology: only ${received.length} tuples reached '${options.component}' of ${wanted} within ${timeoutMs} ms (stopped: ${result.reason})`);
    }
    return { received, result };
  } finally {
    clearTimeout(timer);
    // Whichever way this ends, every child is stopped and reaped before the test goes on (a no-op once done).
    await handle.stop({ graceMs: 0 });
    prepared.dispose();
  }
}
