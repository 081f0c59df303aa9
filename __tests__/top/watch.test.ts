// The watcher behind `stp top`, against the Thrift server playing Nimbus (whose workers report their stats once
// a reporting interval, as Storm's do): frames whose rates stay steady between reports,
// one clear error for an unknown name or an unreachable Nimbus, the topology killed mid-view, and Nimbus dying
// and coming back (retried, with the time of the next attempt announced).
import { resolveEnv } from '../../lib/config/env.js';
import { parseConfig } from '../../lib/config/load.js';
import { NimbusError } from '../../lib/nimbus/errors.js';
import { openNimbusSession } from '../../lib/nimbus/session.js';
import type { TopFrame } from '../../lib/top/frame.js';
import { TopError, watchTopology, type TopEvents, type TopWatch } from '../../lib/top/watch.js';
import { startFakeCluster, WORDCOUNT_FLOWS, type FakeCluster } from './fake-cluster.js';

let cluster: FakeCluster;
let watch: TopWatch | undefined;

beforeEach(async () => {
  cluster = await startFakeCluster();
});
afterEach(async () => {
  watch?.stop();
  await watch?.done.catch(() => undefined);
  watch = undefined;
  await cluster.close();
});

const connectTo = (port: number) => {
  const env = resolveEnv(parseConfig({ envs: { test: { nimbus: `127.0.0.1:${port}` } } }), 'test');
  return () => openNimbusSession(env, { connectTimeoutMs: 5000, callTimeoutMs: 10_000 });
};

/** Resolves with the first event of that kind that passes `check`. */
function next<K extends keyof TopEvents>(w: TopWatch, event: K, check: (...args: Parameters<TopEvents[K]>) => boolean = () => true, ms = 20_000): Promise<Parameters<TopEvents[K]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} event within ${ms} ms`)), ms);
    const listener = ((...args: Parameters<TopEvents[K]>) => {
      if (!check(...args)) return;
      clearTimeout(timer);
      w.events.off(event, listener as never);
      resolve(args);
    }) as TopEvents[K];
    w.events.on(event, listener as never);
  });
}

it('emits steady rates between the workers\' reports, within 10% of what the topology counts, never 0/s', async () => {
  // Workers report every 1.5 s, the watch asks every 0.1 s: most answers repeat the last report, as a real
  // cluster's do (reports once a minute, answers every 5 s). Rates from the time between answers would be 0/s,
  // then a spike.
  cluster.nimbus.reportIntervalMs = 1500;
  watch = await watchTopology({ name: 'wordcount', intervalMs: 100, connect: connectTo(cluster.nimbus.port) });
  expect(watch.name).toBe('wordcount');
  expect(watch.first.intervalSecs).toBeNull();
  expect(watch.first.window).toBe('600');
  const frames: TopFrame[] = [watch.first];
  watch.events.on('frame', (frame) => frames.push(frame));
  // Three reports seen: the last seen after the watch started, and the interval between them known.
  await next(watch, 'frame', (frame) => frame.components[0]!.history.length >= 3, 60_000);
  expect(frames.length).toBeGreaterThanOrEqual(4);
  const counted = { sentences: WORDCOUNT_FLOWS.sentences.emitted, split: 2 * WORDCOUNT_FLOWS.split.executed, count: 2 * WORDCOUNT_FLOWS.count.executed };
  for (const frame of frames) {
    const rows = Object.fromEntries(frame.components.map((c) => [c.id, c]));
    expect(Math.abs(rows['sentences']!.emittedPerSec! / counted.sentences - 1)).toBeLessThan(0.1);
    expect(Math.abs(rows['split']!.executedPerSec! / counted.split - 1)).toBeLessThan(0.1);
    expect(Math.abs(rows['count']!.executedPerSec! / counted.count - 1)).toBeLessThan(0.1);
    // Capacity and latency over the same window, as Storm's UI: 750 × 1.2 ms a second.
    expect(rows['count']!.capacity).toBeCloseTo(0.9, 6);
    expect(rows['count']!.executeLatencyMs).toBeCloseTo(1.2, 6);
    expect(rows['count']!.busy).toBe(true);
    expect(rows['sentences']!.completeLatencyMs).toBeCloseTo(14, 6);
  }
  // The sparkline: the throughput between reports (over whole-second uptimes, so only roughly the rate).
  const last = frames.at(-1)!;
  for (const bar of last.components[0]!.history) expect(bar).toBeGreaterThan(0);
  expect(last.reports.lastSeenAtMs).not.toBeNull();
  expect(last.reports.everySecs).toBeGreaterThanOrEqual(1);
  expect(last.components.map((c) => c.id)).toEqual(['sentences', 'count', 'split']);
});

it('says which topologies run when the name is unknown, and picks the only one when none is named', async () => {
  await expect(watchTopology({ name: 'nope', intervalMs: 100, connect: connectTo(cluster.nimbus.port) })).rejects.toThrow(
    new TopError(`no topology named "nope" is running on Nimbus (127.0.0.1:${cluster.nimbus.port}); running: wordcount`),
  );
  watch = await watchTopology({ name: undefined, intervalMs: 100, connect: connectTo(cluster.nimbus.port) });
  expect(watch.name).toBe('wordcount');
  cluster.nimbus.addRunning('other');
  await expect(watchTopology({ name: undefined, intervalMs: 100, connect: connectTo(cluster.nimbus.port) })).rejects.toThrow(/2 topologies run on Nimbus .*: other, wordcount; name one: stp top NAME/);
});

it('fails with one clear line when Nimbus cannot be reached', async () => {
  const port = cluster.nimbus.port;
  await cluster.nimbus.stopListening();
  const failure = watchTopology({ name: 'wordcount', intervalMs: 100, connect: connectTo(port) });
  await expect(failure).rejects.toBeInstanceOf(NimbusError);
  await expect(failure).rejects.toThrow(`cannot connect to Nimbus at 127.0.0.1:${port}: connection refused`);
});

it('ends when the topology is killed mid-view', async () => {
  watch = await watchTopology({ name: 'wordcount', intervalMs: 100, connect: connectTo(cluster.nimbus.port) });
  await next(watch, 'frame');
  cluster.topology.status = 'KILLED';
  await expect(watch.done).resolves.toEqual({ reason: 'killed', message: 'topology "wordcount" was killed (Nimbus is removing it)' });
});

it('ends when the topology is gone from Nimbus', async () => {
  watch = await watchTopology({ name: 'wordcount', intervalMs: 100, connect: connectTo(cluster.nimbus.port) });
  cluster.nimbus.topologies.delete('wordcount');
  await expect(watch.done).resolves.toEqual({ reason: 'killed', message: `topology "wordcount" is gone from Nimbus (127.0.0.1:${cluster.nimbus.port}): it was killed` });
});

it('retries while Nimbus is down and carries on when it is back', async () => {
  watch = await watchTopology({ name: 'wordcount', intervalMs: 100, retryDelaysMs: [100, 200], connect: connectTo(cluster.nimbus.port) });
  await next(watch, 'frame');
  const retries: Parameters<TopEvents['retrying']>[0][] = [];
  watch.events.on('retrying', (retry) => retries.push(retry));
  await cluster.nimbus.stopListening();
  // At least two failed attempts: the lost connection, then a refused reconnection.
  await next(watch, 'retrying', (retry) => retry.attempt >= 2);
  expect(retries[0]!.message).toMatch(/Nimbus at 127\.0\.0\.1:\d+ closed the connection|connection to Nimbus .* failed|cannot connect to Nimbus/);
  expect(retries.at(-1)!.message).toMatch(/cannot connect to Nimbus at 127\.0\.0\.1:\d+: connection refused/);
  expect(retries[0]!.retryAt).toBeGreaterThan(Date.now() - 60_000);
  const back = next(watch, 'reconnected');
  const frameAfter = next(watch, 'frame');
  await cluster.nimbus.listenAgain();
  await back;
  const [frame] = (await frameAfter) as [TopFrame];
  // The rates span the outage: still the same topology, so the counters keep counting on.
  expect(frame.intervalSecs).toBeGreaterThan(0);
  expect(frame.components[0]!.emittedPerSec).toBeGreaterThan(0);
});
