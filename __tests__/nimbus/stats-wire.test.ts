// Executor stats (storm-reference §4, Storm's storm.thrift) cross the wire intact: spout maps keyed by stream,
// bolt maps keyed by GlobalStreamId (which Thrift's JavaScript generator cannot do by itself), i64 counts; and the
// fake Nimbus serves them as Storm does, as of each worker's last report, per window.
import thrift from 'thrift';
import { NimbusClient } from '../../lib/nimbus/client.js';
import { boltStats, boltStatsOf, storm, wire } from '../../lib/nimbus/generated.js';
import { FakeNimbus } from './fake-nimbus.js';

describe('executor stats over Thrift', () => {
  let nimbus: FakeNimbus;
  let client: NimbusClient;

  beforeEach(async () => {
    nimbus = await FakeNimbus.start();
    client = await NimbusClient.connect({ host: '127.0.0.1', port: nimbus.port });
  });
  afterEach(async () => {
    client.close();
    await nimbus.close();
  });

  it("serves each worker's last report, in Storm's windows, moving once a reporting interval", async () => {
    let now = 1_700_000_000_000;
    nimbus.clock = () => now;
    nimbus.reportIntervalMs = 10_000;
    // Up 42 s: its workers reported at 0, 10, ... 40 s.
    const running = nimbus.addRunning('wc');
    nimbus.withStats(running, [
      { id: 'words', kind: 'spout', executors: 1 },
      { id: 'count', kind: 'bolt', executors: 2, input: 'words' },
    ]);
    nimbus.flows.set('words', { emitted: 100, acked: 90, failed: 1, completeMs: 12 });
    nimbus.flows.set('count', { emitted: 50, executed: 100, acked: 100, executeMs: 2, processMs: 3 });
    running.errors['count'] = [{ error: 'java.lang.RuntimeException: boom', timeSecs: 1_700_000_000, host: 'w1', port: 6700 }];

    const first = await client.getTopologyInfo(running.id);
    expect(first.storm_version).toBe('2.8.1');
    expect(first.executors.map((e) => [e.component_id, e.executor_info.task_start, e.host, e.port, e.uptime_secs])).toEqual([
      ['words', 1, '127.0.0.1', 6700, 40],
      ['count', 2, '127.0.0.1', 6700, 40],
      ['count', 3, '127.0.0.1', 6700, 40],
    ]);
    const spout = first.executors[0]!.stats!;
    expect(spout.emitted[':all-time']!['default']!.toNumber()).toBe(4000);
    expect(spout.emitted['600']!['default']!.toNumber()).toBe(4000);
    expect(spout.specific.spout!.acked[':all-time']!['default']!.toNumber()).toBe(3600);
    expect(spout.specific.spout!.complete_ms_avg[':all-time']!['default']).toBe(12);
    const bolt = boltStatsOf(first.executors[1]!.stats!.specific.bolt!);
    const executed = [...bolt.executed.get(':all-time')!];
    expect(executed.map(([stream, count]) => [stream.componentId, stream.streamId, count])).toEqual([['words', 'default', 4000]]);
    expect([...bolt.execute_ms_avg.get('600')!.values()]).toEqual([2]);
    expect(first.errors['count']![0]).toMatchObject({ error: 'java.lang.RuntimeException: boom', error_time_secs: 1_700_000_000, host: 'w1', port: 6700 });

    // 5 s on, no report yet: the same stats. 5 s more, the report of 50 s.
    now += 5000;
    const same = await client.getTopologyInfo(running.id);
    expect([same.executors[0]!.uptime_secs, same.executors[0]!.stats!.emitted[':all-time']!['default']!.toNumber()]).toEqual([40, 4000]);
    now += 5000;
    const next = await client.getTopologyInfo(running.id);
    expect([next.executors[0]!.uptime_secs, next.executors[0]!.stats!.emitted[':all-time']!['default']!.toNumber()]).toEqual([50, 5000]);

    // Up 700 s: the 10-minute window holds the last 600 s, the 3-hour one all 700.
    now += 650_000;
    const later = (await client.getTopologyInfo(running.id)).executors[0]!.stats!;
    expect(Object.fromEntries(Object.entries(later.emitted).map(([window, streams]) => [window, streams['default']!.toNumber()]))).toEqual({
      ':all-time': 70_000,
      '600': 60_000,
      '10800': 70_000,
      '86400': 70_000,
    });
  });

  it('reads and writes BoltStats with struct keys through the binary protocol', () => {
    const key = new storm.GlobalStreamId({ componentId: 'split', streamId: 'words' });
    const written = boltStats({
      acked: new Map([[':all-time', new Map([[key, 2 ** 40]])]]),
      failed: new Map([[':all-time', new Map([[key, 3]])]]),
      process_ms_avg: new Map([[':all-time', new Map([[key, 0.25]])]]),
      executed: new Map([[':all-time', new Map([[key, 7]])]]),
      execute_ms_avg: new Map(),
    });
    let bytes = Buffer.alloc(0);
    const out = new thrift.TFramedTransport(undefined, (frame?: Buffer) => {
      if (frame) bytes = Buffer.concat([bytes, frame]);
    });
    wire(written).write(new thrift.TBinaryProtocol(out));
    out.flush();
    const read = new storm.BoltStats();
    // Skip the 4-byte frame length the framed transport puts first.
    wire(read).read(new thrift.TBinaryProtocol(new thrift.TFramedTransport(bytes.subarray(4))));
    const fields = boltStatsOf(read);
    const [stream, acked] = [...fields.acked.get(':all-time')!][0]!;
    expect([stream.componentId, stream.streamId, acked]).toEqual(['split', 'words', 2 ** 40]);
    expect([...fields.process_ms_avg.get(':all-time')!.values()]).toEqual([0.25]);
    expect(fields.execute_ms_avg.size).toBe(0);
  });
});
