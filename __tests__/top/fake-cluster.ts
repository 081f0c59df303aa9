// A word count "running" on the Thrift server playing Nimbus, with stats that move at every getTopologyInfo, and
// a project folder whose config.json points at it: what the `stp top` tests, the bench and the docs' frame use.
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

/** Starts the fake Nimbus with "wordcount": spout "sentences", bolts "split" and "count". */
export async function startFakeCluster(): Promise<FakeCluster> {
  const nimbus = await FakeNimbus.start();
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
  nimbus.flows.set('sentences', { emitted: 2000, acked: 1990, failed: 0, completeMs: 14 });
  // Per executor and call; at a 2 s interval "count" runs at 0.86 capacity, over Storm UI's 0.8 mark.
  nimbus.flows.set('split', { emitted: 1500, executed: 1000, acked: 1000, executeMs: 0.4, processMs: 0.5 });
  nimbus.flows.set('count', { emitted: 1500, executed: 1500, acked: 1500, executeMs: 1.15, processMs: 1.3 });
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
