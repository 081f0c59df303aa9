// Run a whole topology on the embedded engine in a test until N tuples have reached one component, and collect
// them: the same bundles, processes and routing as `stp run`.
import path from 'node:path';
import { runTopology } from '../local/engine.js';
import { formatFault } from '../local/errors.js';
import type { RunResult } from '../local/events.js';
import { prepareLocalRun } from '../local/prepare.js';

export interface CollectOptions {
  /** The component whose input is collected. */
  readonly component: string;
  /** Stop once this many tuples reached it. */
  readonly count: number;
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
  const prepared = await prepareLocalRun(topology, { cwd });
  if (!prepared.spec.components.some((c) => c.id === options.component)) {
    const known = prepared.spec.components.map((c) => c.id).join(', ');
    throw new Error(`collectFromTopology: topology '${prepared.spec.name}' has no component '${options.component}'; it has: ${known}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const handle = runTopology(prepared.spec, {
    componentsDir: prepared.componentsDir,
    logDir: path.join(prepared.projectDir, 'logs'),
    graceMs: 500,
    // A crash in a test is a failure to report, not something to ride out.
    onFault: 'stop',
    ...(options.conf && { conf: options.conf }),
  });
  const received: ReceivedTuple[] = [];
  let stopping = false;
  const stopOnce = (): void => {
    if (stopping) return;
    stopping = true;
    void handle.stop({ graceMs: 500 });
  };
  handle.events.on('tuple', (event) => {
    for (const to of event.to) {
      if (to.component !== options.component || received.length >= options.count) continue;
      received.push({ from: { component: event.component, task: event.task }, stream: event.stream, values: event.values, task: to.task });
    }
    if (received.length >= options.count) stopOnce();
  });
  const timer = setTimeout(stopOnce, timeoutMs);
  try {
    const result = await handle.done;
    if (result.fault) throw new Error(`collectFromTopology: the topology stopped on a fault:\n${formatFault(result.fault)}`);
    if (received.length < options.count) {
      throw new Error(
        `collectFromTopology: only ${received.length} of ${options.count} tuples reached '${options.component}' within ${timeoutMs} ms (stopped: ${result.reason})`,
      );
    }
    return { received, result };
  } finally {
    clearTimeout(timer);
    // Whichever way this ends, every child is stopped and reaped before the test goes on (a no-op once done).
    await handle.stop({ graceMs: 0 });
  }
}
