// Run a whole topology under chaos in a test: random tasks are SIGKILLed and restarted while spout tuples flow,
// until enough of them are settled (acked or given up) and enough kills have happened (on a fast machine the
// tuples may settle before the first kill: a count alone would race the chaos timer); then the spouts are deactivated and the run drains
// (held trees time out, spouts replay) before it stops. What each spout's tuples became is returned, so a test
// can assert that nothing was lost.
import path from 'node:path';
import type { ChaosOptions } from '../local/chaos.js';
import { CONF } from '../local/conf.js';
import { runTopology } from '../local/engine.js';
import { formatFault } from '../local/errors.js';
import type { ComponentStats, RunResult, StatsSnapshot, TaskCrash, TaskRestart } from '../local/events.js';
import { prepareLocalRun, startPrepared } from '../local/prepare.js';
import { CHECKPOINT_COMPONENT } from '../state/checkpoint.js';

export interface ChaosRunOptions {
  /** Stop once this many spout tuples (with message ids, all spouts together) are acked or given up. */
  readonly settled: number;
  /** Also go on until this many chaos kills have happened; default 0 (stop on `settled` alone). */
  readonly kills?: number;
  /** Seconds between two kills: one number, or [min, max] drawn uniformly; default [1, 2]. */
  readonly every?: number | readonly [number, number];
  /** Only tasks of these components; default every bolt. */
  readonly components?: readonly string[];
  /** Same seed, same victims and pauses; default 1. */
  readonly seed?: number;
  /** Project directory (where topologies/ is); default the working directory. */
  readonly cwd?: string;
  /** Conf overrides, as `stp run -o` gives them (a short topology.message.timeout.secs makes runs quick). */
  readonly conf?: Readonly<Record<string, unknown>>;
  /** Give up after this long (ms); default 120 s. */
  readonly timeoutMs?: number;
  /** How long the drain may take (ms); default four message timeouts plus 2 s. */
  readonly drainMs?: number;
  /**
   * Called with the run's stats about every 250 ms while it goes: to break something outside the topology
   * mid-run (a store, a server) and record what the topology did meanwhile.
   */
  readonly onStats?: (stats: StatsSnapshot) => void;
}

/** What became of one spout's tuples (counted over all its tasks and their restarts). */
export interface SpoutReport {
  readonly component: string;
  /** Tuples emitted with a message id (a replay is not counted again). */
  readonly emitted: number;
  readonly acked: number;
  /** Tree failures, timeouts included (one tuple may fail several times). */
  readonly failed: number;
  readonly timedOut: number;
  /** Failed tuples the spout emitted again. */
  readonly replayed: number;
  /** Failed tuples the spout dropped (ReliableSpout: after maxFails). */
  readonly gaveUp: number;
  /** Tuples neither acked nor given up when the run ended. A ReliableSpout keeps this at 0. */
  readonly lost: number;
}

export interface ChaosRun {
  readonly result: RunResult;
  /** Spouts that emitted with message ids, by component id. */
  readonly spouts: Readonly<Record<string, SpoutReport>>;
  /** Every task death: chaos kills (cause 'chaos') and crashes of the components themselves (cause 'crash'). */
  readonly crashes: readonly TaskCrash[];
  /** Every restart, with the time from the death to the new process answering its handshake. */
  readonly restarts: readonly TaskRestart[];
  readonly seed: number;
}

export async function runUnderChaos(topology: string | undefined, options: ChaosRunOptions): Promise<ChaosRun> {
  if (!Number.isInteger(options.settled) || options.settled < 1) throw new Error(`runUnderChaos: settled must be a whole number >= 1, got ${options.settled}`);
  const kills = options.kills ?? 0;
  if (!Number.isInteger(kills) || kills < 0) throw new Error(`runUnderChaos: kills must be a whole number >= 0, got ${options.kills}`);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  // Bundled into a folder of its own: test files running this topology in parallel workers keep their bundles.
  const prepared = await prepareLocalRun(topology, { cwd, ownFolder: true });
  const [min, max] = typeof options.every === 'number' ? [options.every, options.every] : (options.every ?? [1, 2]);
  const seed = options.seed ?? 1;
  const chaos: ChaosOptions = { minMs: min * 1000, maxMs: max * 1000, seed, ...(options.components && { components: options.components }) };
  const timeoutSecs = Number(options.conf?.[CONF.messageTimeoutSecs] ?? prepared.spec.conf[CONF.messageTimeoutSecs] ?? 30);
  const handle = startPrepared(prepared, () =>
    runTopology(prepared.spec, {
      componentsDir: prepared.componentsDir,
      logDir: path.join(prepared.projectDir, 'logs'),
      keepLogRuns: prepared.keepLogRuns,
      onFault: 'restart',
      chaos,
      statsIntervalMs: 250,
      ...(options.conf && { conf: options.conf }),
    }),
  );
  const crashes: TaskCrash[] = [];
  const restarts: TaskRestart[] = [];
  handle.events.on('taskCrashed', (event) => crashes.push(event));
  handle.events.on('taskRestarted', (event) => restarts.push(event));
  const onStats = options.onStats;
  if (onStats) handle.events.on('stats', (stats) => onStats(stats));
  const drainMs = options.drainMs ?? timeoutSecs * 4000 + 2000;
  // The checkpoint spout's own tuples (a topology with stateful bolts) are not the data the test counts.
  const settled = (): number =>
    handle.stats().components.reduce((sum, c) => sum + (c.role === 'spout' && c.component !== CHECKPOINT_COMPONENT ? c.acked + c.gaveUp : 0), 0);
  const killed = (): number => crashes.filter((c) => c.cause === 'chaos').length;
  const done = (): boolean => settled() >= options.settled && killed() >= kills;
  let timedOut = false;
  try {
    await new Promise<void>((resolve) => {
      const end = Date.now() + (options.timeoutMs ?? 120_000);
      const poll = setInterval(() => {
        if (done() || Date.now() > end) {
          timedOut = !done();
          clearInterval(poll);
          resolve();
        }
      }, 50);
      void handle.done.then(() => {
        clearInterval(poll);
        resolve();
      });
    });
    const result = await handle.stop({ graceMs: drainMs });
    if (result.fault) throw new Error(`runUnderChaos: the topology stopped on a fault:\n${formatFault(result.fault)}`);
    if (timedOut) {
      throw new Error(
        `runUnderChaos: within ${options.timeoutMs ?? 120_000} ms, ${settled()} of ${options.settled} spout tuples were acked or given up and ${killed()} of ${kills} kills happened`,
      );
    }
    const spouts: Record<string, SpoutReport> = {};
    for (const c of result.stats.components) if (c.role === 'spout' && c.reliable > 0) spouts[c.component] = spoutReport(c);
    return { result, spouts, crashes, restarts, seed };
  } finally {
    // Whichever way this ends, every child is stopped and reaped before the test goes on.
    await handle.stop({ graceMs: 0 });
    prepared.dispose();
  }
}

function spoutReport(c: ComponentStats): SpoutReport {
  return {
    component: c.component,
    emitted: c.reliable,
    acked: c.acked,
    failed: c.failed,
    timedOut: c.timedOut,
    replayed: c.replayed,
    gaveUp: c.gaveUp,
    lost: c.reliable - c.acked - c.gaveUp,
  };
}
