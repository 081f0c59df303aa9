// A word count "running" on the Thrift server playing Nimbus, whose workers have run for an hour at a steady rate
// and report their stats once a reporting interval (Storm: once a minute), and a project folder whose config.json
// points at it: what the `stp top` and stats tests, the bench and the docs' frame use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeNimbus, type RunningTopology } from '../nimbus/fake-nimbus.js';

export interface FakeCluster {
  readonly nimbus: FakeNimbus;
  readonly topology: RunningTopology;
  /** A project folder with config.json (env "test") pointing at the fake Nimbus. */
  readonly project: string;
  close(): Promise<void>;
}

export interface FakeClusterOptions {
  /** How often the workers report their stats (default 1 s, so tests see reports; Storm's is 60 s). */
  readonly reportIntervalMs?: number;
  /** The fake's clock (default: the real one). */
  readonly clock?: () => number;
}

/** Per executor and second: "sentences" emits 1000 lines; "count" runs at 0.9 capacity, over the UI's 0.8 mark. */
export const WORDCOUNT_FLOWS = {
  sentences: { emitted: 1000, acked: 995, failed: 0, completeMs: 14 },
  split: { emitted: 750, executed: 500, acked: 500, executeMs: 0.4, processMs: 0.5 },
  count: { emitted: 750, executed: 750, acked: 750, executeMs: 1.2, processMs: 1.3 },
} as const;

/** Starts the fake Nimbus with "wordcount": spout "sentences", bolts "split" and "count" (2 executors each). */
export async function startFakeCluster(options: FakeClusterOptions = {}): Promise<FakeCluster> {
  const nimbus = await FakeNimbus.start();
  nimbus.reportIntervalMs = options.reportIntervalMs ?? 1000;
  if (options.clock) nimbus.clock = options.clock;
  nimbus.supervisors = [
    { host: 'worker1', slots: 4, usedSlots: 2, uptimeSecs: 86_400 },
    { host: 'worker2', slots: 4, usedSlots: 1, uptimeSecs: 86_400 },
  ];
  const topology = nimbus.addRunning('wordcount');
  topology.uptimeSecs = 3725;
  nimbus.withStats(
    topology,
    [
      { id: 'sentences', kind: 'spout', executors: 1 },
      { id: 'split', kind: 'bolt', executors: 2, input: 'sentences' },
      { id: 'count', kind: 'bolt', executors: 2, input: 'split' },
      { id: '__acker', kind: 'bolt', executors: 1, input: 'sentences' },
    ],
    [
      { host: 'worker1', port: 6700 },
      { host: 'worker2', port: 6700 },
    ],
  );
  for (const [component, flow] of Object.entries(WORDCOUNT_FLOWS)) nimbus.flows.set(component, flow);
  const project = mkdtempSync(path.join(tmpdir(), 'stp-top-'));
  writeFileSync(path.join(project, 'config.json'), JSON.stringify({ envs: { test: { nimbus: `127.0.0.1:${nimbus.port}` } } }));
  return {
    nimbus,
    topology,
    project,
    close: async () => {
      await nimbus.close();
      rmSync(project, { recursive: true, force: true });
    },
  };
}
