// stats, slot-usage and worker-uptime served by Nimbus over Thrift (no Storm UI): executor stats in the shapes
// of storm-reference §4 read into the same report tables and JSON, the choice of source, and the real CLI.
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveEnv } from '../../lib/config/env.js';
import { parseConfig } from '../../lib/config/load.js';
import { NimbusClient } from '../../lib/nimbus/client.js';
import { nimbusStatsSource } from '../../lib/remote/nimbus-stats.js';
import { reportFromCluster } from '../../lib/remote/stats-source.js';
import { slotUsage, stats, workerUptime } from '../../lib/remote/storm-ui/reports.js';
import { formatTable } from '../../lib/remote/storm-ui/table.js';
import { startFakeCluster, type FakeCluster } from '../top/fake-cluster.js';
import { startFakeStormUi } from './fake-storm-ui.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stp.js');

let cluster: FakeCluster;
let client: NimbusClient;

// The fake's clock stands still: its workers, up 3725 s, last reported at 3720 s (they report once a minute).
const NOW = 1_700_000_200_000;

beforeEach(async () => {
  cluster = await startFakeCluster({ clock: () => NOW, reportIntervalMs: 60_000 });
  cluster.topology.errors['count'] = [
    { error: 'java.lang.RuntimeException: first', timeSecs: 1_700_000_000, host: 'worker2', port: 6700 },
    { error: 'java.lang.IllegalStateException: full\n\tat Count.execute', timeSecs: 1_700_000_100, host: 'worker1', port: 6700 },
  ];
  cluster.nimbus.addRunning('pixels', 'INACTIVE');
  client = await NimbusClient.connect({ host: '127.0.0.1', port: cluster.nimbus.port });
});
afterEach(async () => {
  client.close();
  await cluster.close();
});

describe('reports from Nimbus', () => {
  it('stats: the topologies, then spouts and bolts summed as the Storm UI sums them', async () => {
    const all = await stats(nimbusStatsSource(client));
    expect(formatTable(all.tables[0]!)).toBe(
      [
        'Topologies',
        'Name       Id                      Status      Uptime  Workers  Executors  Tasks',
        '---------  ----------------------  --------  --------  -------  ---------  -----',
        'wordcount  wordcount-1-1700000000  ACTIVE    1h 2m 5s        2          6      6',
        'pixels     pixels-2-1700000000     INACTIVE       42s        1          0      0',
      ].join('\n'),
    );
    const report = await stats(nimbusStatsSource(client), 'wordcount');
    expect(report.tables.map((t) => t.title)).toEqual(['Topologies', 'Spouts of wordcount (all time)', 'Bolts of wordcount (all time)']);
    // All time, per executor and second over the 3720 s the report covers: sentences emits 1000 (+ a system
    // stream, left out) and acks 995 in 14 ms.
    expect(report.tables[1]!.rows).toEqual([['sentences', '1', '1', '3720000', '3720000', '14.000', '3701400', '0', '']]);
    // count: 2 executors × 750 executed a second in 1.2 ms; capacity as the UI's, over the last 10 minutes:
    // the busiest executor's 450,000 × 1.2 ms of 600 s.
    expect(report.tables[2]!.rows).toEqual([
      ['count', '2', '2', '5580000', '5580000', '0.900', '1.200', '5580000', '1.300', '5580000', '0', 'java.lang.IllegalStateException: full (worker1:6700)'],
      ['split', '2', '2', '5580000', '5580000', '0.200', '0.400', '3720000', '0.500', '3720000', '0', ''],
    ]);
    expect(report.data.kind).toBe('topology');
  });

  it('stats of one component: its executors and errors, newest first', async () => {
    const report = await stats(nimbusStatsSource(client, () => 1_700_000_160_000), 'wordcount', 'count');
    expect(report.tables[0]!.rows).toEqual([
      ['[4-4]', 'worker2', '6700', '1h 2m 0s', '2790000', '2790000', '2790000', '0.900', '1.200', '1.300', '2790000', '0'],
      ['[5-5]', 'worker1', '6700', '1h 2m 0s', '2790000', '2790000', '2790000', '0.900', '1.200', '1.300', '2790000', '0'],
    ]);
    expect(report.tables[1]!.rows).toEqual([
      ['2023-11-14T22:15:00.000Z', 'worker1:6700', 'java.lang.IllegalStateException: full'],
      ['2023-11-14T22:13:20.000Z', 'worker2:6700', 'java.lang.RuntimeException: first'],
    ]);
    await expect(stats(nimbusStatsSource(client), 'wordcount', 'cuont')).rejects.toThrow('topology "wordcount" has no component "cuont"; its components: count, sentences, split');
    await expect(stats(nimbusStatsSource(client), 'wordcont')).rejects.toThrow('no running topology named "wordcont"; running: pixels, wordcount');
  });

  it('slot-usage and worker-uptime from the executors Nimbus reports', async () => {
    const slots = await slotUsage(nimbusStatsSource(client));
    expect(slots.data).toEqual({
      topologies: ['pixels', 'wordcount'],
      hosts: [
        { host: 'worker1', topologies: { wordcount: { slots: 1, executors: 3 } } },
        { host: 'worker2', topologies: { wordcount: { slots: 1, executors: 2 } } },
      ],
    });
    const uptime = await workerUptime(nimbusStatsSource(client));
    expect(uptime.tables[0]!.rows).toEqual([
      ['worker1', '6700', 'wordcount', '1h 2m 0s', ''],
      ['worker2', '6700', 'wordcount', '1h 2m 0s', ''],
    ]);
  });
});

describe('the source that answers', () => {
  const env = (ui?: string) => resolveEnv(parseConfig({ envs: { test: { nimbus: `127.0.0.1:${cluster.nimbus.port}`, ...(ui ? { ui } : {}) } } }), 'test');

  it('is Nimbus when the env names no UI, or when the UI does not answer; the UI when it answers', async () => {
    const noUi = await reportFromCluster(env(), {}, (source) => slotUsage(source));
    expect(noUi.source).toEqual({ kind: 'nimbus', address: `127.0.0.1:${cluster.nimbus.port}`, reason: 'env "test" names no Storm UI ("ui")' });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await reportFromCluster(env(`127.0.0.1:${deadPort}`), {}, (source) => slotUsage(source));
    expect(down.source).toEqual({ kind: 'nimbus', address: `127.0.0.1:${cluster.nimbus.port}`, reason: `the Storm UI at 127.0.0.1:${deadPort} did not answer` });
    expect(down.data.hosts.map((h) => h.host)).toEqual(['worker1', 'worker2']);

    const ui = await startFakeStormUi();
    try {
      const up = await reportFromCluster(env(`127.0.0.1:${ui.port}`), {}, (source) => slotUsage(source));
      expect(up.source).toEqual({ kind: 'storm-ui', address: `127.0.0.1:${ui.port}` });
      expect(up.data.hosts.map((h) => h.host)).toEqual(['w1.example.com', 'w2.example.com']);
    } finally {
      await ui.close();
    }
  });
});

describe('the CLI without a Storm UI', () => {
  const stp = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: cluster.project, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });

  it('stp stats, slot-usage --json and worker-uptime say that Nimbus answered', async () => {
    const statsRun = await stp('stats', 'wordcount');
    expect(statsRun.stderr).toBe('');
    expect(statsRun.code).toBe(0);
    expect(statsRun.stdout).toContain('Bolts of wordcount (all time)');
    expect(statsRun.stdout).toMatch(/^split\s+2\s+2\s+5580000\s+5580000\s+0\.200\s+0\.400\s+3720000\s+0\.500\s+3720000\s+0$/m);
    expect(statsRun.stdout.trimEnd().split('\n').at(-1)).toBe(`Source: Nimbus (Thrift) at 127.0.0.1:${cluster.nimbus.port} (env "test" names no Storm UI ("ui"))`);

    const slots = await stp('slot-usage', '--json');
    expect(slots.code).toBe(0);
    expect(JSON.parse(slots.stdout)).toMatchObject({
      topologies: ['pixels', 'wordcount'],
      source: { kind: 'nimbus', address: `127.0.0.1:${cluster.nimbus.port}` },
    });

    const uptime = await stp('worker-uptime');
    expect(uptime.code).toBe(0);
    expect(uptime.stdout).toMatch(/^worker1\s+6700\s+wordcount\s+1h 2m 0s$/m);
  });
});
