// Reliability as Storm defines it, over real processes: tuple trees, fail and replay, timeouts, max spout
// pending, ackers off, ticks.
import { bolt, cleanUp, messages, spout, start, topology, until } from './harness.js';

afterEach(cleanUp);

describe('local engine: reliability', () => {
  it('fails trees a bolt fails anywhere in the tree; the spout replays them; every tuple ends acked or failed', async () => {
    const spec = topology('replay', [
      spout('src', { 'fixture.count': 30, 'fixture.replay': true, 'fixture.words': ['one two three'] }),
      bolt('split', [{ source: 'src' }], { 'fixture.split': true }, { streams: { default: ['word'] }, parallelism: 2 }),
      bolt('flaky', [{ source: 'split' }], { 'fixture.failEvery': 7 }, { parallelism: 2 }),
    ]);
    const r = start(spec);
    await until(() => messages(r, 'src', 'ack ').length === 30, 15000, 'all 30 ids acked');
    const result = await r.handle.stop();
    const acks = messages(r, 'src', 'ack ');
    const fails = messages(r, 'src', 'fail ');
    expect(new Set(acks).size).toBe(30);
    expect(fails.length).toBeGreaterThan(0);
    const spoutStats = result.stats.components.find((c) => c.component === 'src')!;
    // Every emit (first tries and replays) ended exactly once: acked or failed.
    expect(spoutStats.emitted).toBe(30 + fails.length);
    expect(spoutStats.acked + spoutStats.failed).toBe(spoutStats.emitted);
    expect(spoutStats.failed).toBe(fails.length);
    expect(result.stats.pendingTrees).toBe(0);
    expect(r.trees.filter((t) => t.outcome === 'failed')).toHaveLength(fails.length);
  });

  it('times out trees after topology.message.timeout.secs and calls fail', async () => {
    const spec = topology('timeout', [spout('src', { 'fixture.count': 3 }), bolt('blackhole', [{ source: 'src' }], { 'fixture.ackNever': true })], {
      'topology.message.timeout.secs': 0.5,
    });
    const r = start(spec);
    await until(() => r.trees.length === 3, 5000, '3 timeouts');
    await until(() => messages(r, 'src', 'fail ').length === 3, 2000, 'the spout to be told');
    const started = r.trees.map((t) => t.latencyMs);
    await r.handle.stop({ graceMs: 0 });
    expect(r.trees.map((t) => t.outcome)).toEqual(['timed out', 'timed out', 'timed out']);
    expect(Math.min(...started)).toBeGreaterThanOrEqual(500);
    expect(messages(r, 'src', 'fail ').sort()).toEqual(['fail 0', 'fail 1', 'fail 2']);
    expect(r.handle.stats().components.find((c) => c.component === 'src')).toMatchObject({ failed: 3, timedOut: 3 });
  });

  it('reset_timeout keeps a slow tree alive past the message timeout; without it the tree times out', async () => {
    const conf = { 'topology.message.timeout.secs': 0.5 };
    const kept = start(topology('reset', [spout('src', { 'fixture.count': 2 }), bolt('slow', [{ source: 'src' }], { 'fixture.holdMs': 1200, 'fixture.resetEveryMs': 200 })], conf));
    const lost = start(topology('noreset', [spout('src', { 'fixture.count': 2 }), bolt('slow', [{ source: 'src' }], { 'fixture.holdMs': 1200 })], conf));
    await until(() => kept.trees.length === 2 && lost.trees.length === 2, 5000, 'both runs to finish their trees');
    expect(kept.trees.map((t) => t.outcome)).toEqual(['acked', 'acked']);
    expect(Math.min(...kept.trees.map((t) => t.latencyMs))).toBeGreaterThanOrEqual(1200);
    expect(lost.trees.map((t) => t.outcome)).toEqual(['timed out', 'timed out']);
  });

  it('writes the fails waiting for a spout together, each answered by its own sync; a replay in one still counts as that tuple\'s replay', async () => {
    const spec = topology(
      'pipelined',
      [spout('src', { 'fixture.count': 20, 'fixture.replayNow': 1, 'fixture.logBehind': true }), bolt('blackhole', [{ source: 'src' }], { 'fixture.ackNever': true })],
      { 'topology.message.timeout.secs': 0.5 },
    );
    const r = start(spec);
    // Every tuple times out twice: once as emitted, once as replayed in its first fail turn.
    await until(() => messages(r, 'src', 'fail ').length === 40, 15000, 'every tuple to fail twice');
    const result = await r.handle.stop({ graceMs: 0 });
    const behind = messages(r, 'src', 'fail ').map((m) => Number(m.split(' behind ')[1]));
    // Trees that time out in the same tick fail together: written at once, not one per round trip as ShellSpout does.
    expect(Math.max(...behind)).toBeGreaterThan(0);
    expect(result.stats.components.find((c) => c.component === 'src')).toMatchObject({ reliable: 20, replayed: 20, gaveUp: 20, failed: 40, timedOut: 40 });
  });

  it('sends no next while topology.max.spout.pending trees are open', async () => {
    const spec = topology(
      'pending',
      [spout('src', { 'fixture.count': 50 }), bolt('blackhole', [{ source: 'src' }], { 'fixture.ackNever': true })],
      { 'topology.max.spout.pending': 3, 'topology.message.timeout.secs': 1 },
    );
    const r = start(spec);
    const emitted = () => r.handle.stats().components.find((c) => c.component === 'src')!.emitted;
    // What the spout had emitted when each tree timed out: the next batch may only start after a timeout.
    const emittedAtTimeout: number[] = [];
    r.handle.events.on('tree', () => emittedAtTimeout.push(emitted()));
    await r.handle.started;
    await until(() => r.trees.length >= 1, 5000, 'the first tree to time out');
    expect(emittedAtTimeout[0]).toBe(3);
    await until(() => r.trees.length >= 4, 5000, 'a tree of the second batch to time out');
    expect(emittedAtTimeout[3]).toBeLessThanOrEqual(6);
  });

  it('with topology.acker.executors = 0 acks spout tuples at emit, even when a bolt fails them', async () => {
    const spec = topology('noackers', [spout('src', { 'fixture.count': 5 }), bolt('flaky', [{ source: 'src' }], { 'fixture.failEvery': 1 })], {
      'topology.acker.executors': 0,
    });
    const r = start(spec);
    await until(() => messages(r, 'src', 'ack ').length === 5, 5000, '5 acks');
    await until(() => messages(r, 'flaky', 'got ').length === 5, 5000, '5 tuples at the bolt');
    await r.handle.stop();
    expect(messages(r, 'src', 'fail ')).toEqual([]);
  });

  it('acks a reliable spout tuple at once when no task receives it', async () => {
    const r = start(topology('nobody', [spout('src', { 'fixture.count': 3 })]));
    await until(() => messages(r, 'src', 'ack ').length === 3, 5000, '3 acks');
    await r.handle.stop();
    expect(r.trees.map((t) => [t.messageId, t.outcome])).toEqual([[0, 'acked'], [1, 'acked'], [2, 'acked']]);
  });

  it('sends tick tuples at the component frequency, else the topology-wide one; -o style overrides win', async () => {
    const spec = topology(
      'ticks',
      [
        spout('src', { 'fixture.count': 0 }),
        bolt('fast', [{ source: 'src' }], { 'topology.tick.tuple.freq.secs': 0.2 }),
        bolt('slow', [{ source: 'src' }]),
        bolt('none', [{ source: 'src' }], { 'topology.tick.tuple.freq.secs': null }),
      ],
      { 'topology.tick.tuple.freq.secs': 0.5 },
    );
    const r = start(spec);
    await r.handle.started;
    // Wait for the ticks rather than for a fixed time: on a loaded machine log lines may lag.
    await until(() => messages(r, 'slow', 'tick').length >= 2 && messages(r, 'fast', 'tick').length >= 4, 10000, 'ticks at both bolts');
    await r.handle.stop();
    const fast = messages(r, 'fast', 'tick');
    const slow = messages(r, 'slow', 'tick');
    expect(fast.length).toBeGreaterThanOrEqual(4);
    expect(new Set(fast)).toEqual(new Set(['tick 0.2']));
    expect(slow.length).toBeGreaterThanOrEqual(2);
    expect(slow.length).toBeLessThan(fast.length);
    expect(new Set(slow)).toEqual(new Set(['tick 0.5']));
    expect(messages(r, 'none', 'tick')).toEqual([]);

    const overridden = start(spec, { conf: { 'topology.tick.tuple.freq.secs': 0.25 } });
    await overridden.handle.started;
    await until(() => messages(overridden, 'slow', 'tick').length >= 1 && messages(overridden, 'fast', 'tick').length >= 1, 10000, 'ticks at both bolts');
    await overridden.handle.stop();
    expect(new Set(messages(overridden, 'slow', 'tick'))).toEqual(new Set(['tick 0.25']));
    expect(new Set(messages(overridden, 'fast', 'tick'))).toEqual(new Set(['tick 0.25']));
  });

  it('topology.shellbolt.max.pending: a bolt that stops reading makes the engine stop asking the spout for tuples', async () => {
    const spec = topology(
      'backpressure',
      [spout('src', { 'fixture.count': 1000000 }), bolt('slow', [{ source: 'src' }], { 'fixture.pauseAfter': 50, 'fixture.pauseMs': 4000 })],
      { 'topology.shellbolt.max.pending': 5, 'topology.subprocess.timeout.secs': 10 },
    );
    const r = start(spec);
    const emitted = () => r.handle.stats().components.find((c) => c.component === 'src')!.emitted;
    const queued = () => r.handle.stats().components.find((c) => c.component === 'slow')!.queued;
    await until(() => messages(r, 'slow', 'got ').length >= 50, 5000, 'the bolt to pause');
    await until(() => queued() >= 5, 5000, 'tuples to queue up in front of the bolt');
    // A next already sent when the queue filled may still be answered: wait until the count settles.
    for (let last = -1, end = Date.now() + 3000; emitted() !== last && Date.now() < end; ) {
      last = emitted();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stalledAt = emitted();
    expect(queued()).toBeGreaterThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The pipe holds some tuples the bolt has not read yet; beyond that the spout got no next.
    expect(emitted()).toBe(stalledAt);
    await until(() => emitted() > stalledAt + 100, 10000, 'the spout to resume after the bolt reads again');
    await r.handle.stop();
  });
});
