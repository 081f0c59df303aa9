// The engine survives crashes as Storm does: a dead task is reported and restarted with a fresh handshake,
// the trees it held time out and the spout's fail runs; a task that cannot start stops the run; chaos kills
// random tasks reproducibly, and the spout tuple accounting (replayed, gave up, lost) adds up.
import { Chaos, chaosTargets, mulberry32 } from '../../lib/local/chaos.js';
import { layoutTopology } from '../../lib/local/layout.js';
import { crashLine, crashReport } from '../../lib/local/report.js';
import { restartDelay, type CrashHistory } from '../../lib/local/restart.js';
import { bolt, cleanUp, messages, spout, start, survivors, topology, until } from './harness.js';

afterEach(cleanUp);

const spoutStats = (r: ReturnType<typeof start>, id = 'src') => r.handle.stats().components.find((c) => c.component === id)!;

describe('local engine: restarts', () => {
  it('a bolt that dies is reported (error, stack, stderr) and restarted with a fresh handshake; its trees time out and the spout replays them', async () => {
    const spec = topology(
      'restart',
      [spout('src', { 'fixture.count': 6, 'fixture.replayNow': 3 }), bolt('sink', [{ source: 'src' }], { 'fixture.crashAfter': 2 })],
      { 'topology.message.timeout.secs': 1 },
    );
    const r = start(spec, { onFault: 'restart' });
    await until(() => r.restarts.length >= 1, 20000, 'the bolt to be restarted');
    const crash = r.crashes[0]!;
    expect(crash).toMatchObject({ component: 'sink', task: 1, reason: 'exited with code 1', cause: 'crash', restarts: 0 });
    expect(crash.error).toMatch(/^Error: boom after 2 tuples\n\s+at /);
    expect(crash.restartInMs).toBeGreaterThan(0);
    const restart = r.restarts[0]!;
    expect(restart).toMatchObject({ component: 'sink', task: 1, restarts: 1 });
    expect(restart.pid).not.toBe(crash.pid);
    // The new process answered a fresh handshake and took tuples (then broke on its second one, as the first did).
    await until(() => r.crashes.length >= 2, 20000, 'the restarted bolt to take tuples');
    expect(r.crashes[1]!.pid).toBe(restart.pid);
    // The tuples the dead bolt held were not acked: they time out, the spout's fail runs and it replays them.
    await until(() => r.trees.some((t) => t.outcome === 'timed out'), 10000, 'a held tree to time out');
    await until(() => spoutStats(r).replayed > 0, 10000, 'a replay');
    expect(messages(r, 'src', 'fail ').length).toBeGreaterThan(0);
    const result = await r.handle.stop({ graceMs: 0 });
    expect(result.reason).toBe('stopped');
    expect(result.fault).toBeUndefined();
    expect(result.stats.crashes).toBe(r.crashes.length);
    expect(result.stats.components.find((c) => c.component === 'sink')!.restarts).toBe(r.restarts.length);
    expect(survivors([...r.crashes.map((c) => c.pid), ...r.restarts.map((c) => c.pid)])).toEqual([]);
  });

  it('a task that dies while the run is stopping is reported as not restarted, and nothing is restarted', async () => {
    // The sink never acks: the stop's grace period waits for its trees, and the sink dies inside it.
    const spec = topology('dies-stopping', [spout('src', { 'fixture.count': 5 }), bolt('sink', [{ source: 'src' }], { 'fixture.ackNever': true })]);
    const r = start(spec, { onFault: 'restart' });
    await r.handle.started;
    await until(() => messages(r, 'sink', 'got ').length === 5, 10000, 'the sink to hold five tuples');
    let stopping = false;
    r.handle.events.on('stopping', () => (stopping = true));
    const done = r.handle.stop({ graceMs: 2000 });
    expect(stopping).toBe(true);
    const sink = r.tasks.find((t) => t.component === 'sink')!;
    process.kill(sink.pid, 'SIGKILL');
    await until(() => r.crashes.length === 1, 10000, 'the crash report');
    const result = await done;
    expect(r.crashes[0]).toMatchObject({ component: 'sink', pid: sink.pid, reason: 'was killed by signal SIGKILL', cause: 'crash', restartInMs: null });
    expect(crashLine(r.crashes[0]!)).toMatch(/; not restarted$/);
    expect(crashReport(r.crashes[0]!)).toMatch(/\nIt is not restarted\.$/);
    expect(r.restarts).toEqual([]);
    expect(result.stats.components.find((c) => c.component === 'sink')!.restarts).toBe(0);
    expect(result.reason).toBe('stopped');
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });

  it('a protocol violation kills and restarts the task instead of stopping the run', async () => {
    const spec = topology('violation', [spout('src', { 'fixture.count': 3 }), bolt('bad', [{ source: 'src' }], { 'fixture.ackHeartbeat': true })], {
      'topology.message.timeout.secs': 1,
    });
    const r = start(spec, { onFault: 'restart' });
    await until(() => r.restarts.length >= 1, 20000, 'a restart');
    expect(r.crashes[0]!.reason).toContain('that is a heartbeat');
    expect(survivors([r.crashes[0]!.pid])).toEqual([]);
  });

  it('a bolt that hangs past the subprocess timeout is killed and restarted', async () => {
    const spec = topology('hang', [spout('src', { 'fixture.count': 5 }), bolt('stuck', [{ source: 'src' }], { 'fixture.hangAfter': 1 })], {
      'topology.subprocess.timeout.secs': 1,
      'topology.message.timeout.secs': 1,
    });
    const r = start(spec, { onFault: 'restart' });
    await until(() => r.restarts.length >= 1, 20000, 'the hung bolt to be restarted');
    expect(r.crashes[0]!.reason).toMatch(/sent nothing for \d+ s, not even a heartbeat sync/);
    expect(survivors([r.crashes[0]!.pid])).toEqual([]);
  });

  it('a task that dies at start-up again and again stops the run with a clear fault instead of looping', async () => {
    const spec = topology('cannot-start', [spout('src', { 'fixture.count': 1 }), bolt('broken', [{ source: 'src' }], { 'fixture.dieAtStart': true })]);
    const r = start(spec, { onFault: 'restart' });
    const result = await r.result;
    expect(result.reason).toBe('fault');
    expect(result.fault).toMatchObject({ component: 'broken', task: 1 });
    expect(result.fault!.reason).toBe('exited with code 4; it died 5 times in a row before answering its handshake, so it is not restarted again');
    expect(result.fault!.stderr).toContain('cannot start: fixture.dieAtStart');
    expect(r.crashes).toHaveLength(5);
    expect(r.crashes.at(-1)!.restartInMs).toBeNull();
    // The back-off grew between the attempts.
    expect(r.crashes.slice(0, 4).map((c) => c.restartInMs)).toEqual([100, 200, 400, 800]);
  });

  it('the back-off doubles while a task keeps dying soon after it started, and starts over once it ran for a while', () => {
    const history: CrashHistory = { crashes: 0, startupCrashes: 0, readyAt: null, crashedAt: 0, recent: 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => restartDelay(history, 0))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    history.readyAt = 0;
    expect(restartDelay(history, 10_000)).toBe(100);
  });
});

describe('local engine: chaos', () => {
  it('the same seed draws the same victims and pauses; another seed others', () => {
    const draw = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({ length: 8 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('targets every bolt by default, or the named components; refuses unknown ones and bad pauses', () => {
    const spec = topology('targets', [spout('src'), bolt('a', [{ source: 'src' }], {}, { parallelism: 2 }), bolt('b', [{ source: 'a' }])]);
    const tasks = layoutTopology(spec).componentTasks;
    expect(chaosTargets(spec, { minMs: 100, maxMs: 200, seed: 1 })).toEqual([...tasks.get('a')!, ...tasks.get('b')!].sort((x, y) => x - y));
    expect(chaosTargets(spec, { minMs: 100, maxMs: 200, seed: 1, components: ['src'] })).toEqual(tasks.get('src'));
    expect(() => chaosTargets(spec, { minMs: 100, maxMs: 200, seed: 1, components: ['nope'] })).toThrow("chaos: topology 'targets' has no component 'nope'; it has: src, a, b");
    expect(() => chaosTargets(spec, { minMs: 0, maxMs: 200, seed: 1 })).toThrow('chaos: the pause between kills must be > 0');
  });

  it('a chaos run records the same victims for the same seed', async () => {
    const victims = async (seed: number) => {
      const seen: number[] = [];
      const chaos = new Chaos({ minMs: 1, maxMs: 3, seed }, [2, 3, 4, 5], (task) => {
        seen.push(task);
        return true;
      });
      await until(() => seen.length >= 10, 5000, 'ten kills');
      chaos.stop();
      return seen.slice(0, 10);
    };
    expect(await victims(5)).toEqual(await victims(5));
    expect(await victims(5)).not.toEqual(await victims(6));
  });

  it('kills random bolt tasks; every kill is reported and restarted; every spout tuple ends acked or given up, none lost', async () => {
    const spec = topology(
      'chaos',
      [spout('src', { 'fixture.count': 400, 'fixture.replayNow': 5 }), bolt('mid', [{ source: 'src' }], { 'fixture.forward': true }, { parallelism: 2 }), bolt('end', [{ source: 'mid' }])],
      { 'topology.message.timeout.secs': 1 },
    );
    const r = start(spec, { onFault: 'restart', chaos: { minMs: 200, maxMs: 400, seed: 11 } });
    await until(() => spoutStats(r).acked + spoutStats(r).gaveUp >= 400 && r.crashes.length >= 3, 60000, '400 tuples settled and 3 kills');
    const result = await r.handle.stop({ graceMs: 5000 });
    const src = result.stats.components.find((c) => c.component === 'src')!;
    expect(src.reliable).toBe(400);
    expect(src.lost).toBe(0);
    expect(src.open).toBe(0);
    expect(src.acked + src.gaveUp).toBe(400);
    expect(result.stats.chaosKills).toBe(r.crashes.filter((c) => c.cause === 'chaos').length);
    expect(r.crashes.every((c) => c.cause === 'chaos' && c.component !== 'src')).toBe(true);
    // Every kill was followed by a restart of that task, except each task's last kill, which the stop may have cut short.
    for (const kill of r.crashes) {
      const later = r.crashes.some((c) => c.task === kill.task && c.restarts > kill.restarts);
      if (later) expect(r.restarts.some((x) => x.task === kill.task && x.restarts === kill.restarts + 1)).toBe(true);
    }
    expect(result.stats.crashes).toBe(0);
  });
});
