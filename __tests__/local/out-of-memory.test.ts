// A component that dies of memory is reported with its name and the likely cause, not only V8's stack (issue 23
// item 4): real bundled components on the engine: one under a small V8 heap limit that hoards its own data (V8
// aborts: the engine reads its last words on stderr), one that builds a string past V8's largest (a RangeError its
// runtime catches); and one whose output is held back by a stuck receiver, which waits in bounded memory.
import path from 'node:path';
import { prepareLocalRun } from '../../lib/local/prepare.js';
import { ioCounterSteady } from '../helpers/proc-io.js';
import { RssSampler } from '../helpers/rss.js';
import { cleanUp, FIXTURES, start, survivors, tempDir, until } from './harness.js';

const project = path.join(FIXTURES, 'memory');

afterEach(() => cleanUp());

async function run(topology: string, env: NodeJS.ProcessEnv = process.env) {
  const prepared = await prepareLocalRun(path.join(project, 'topologies', `${topology}.ts`), { cwd: project, componentsDir: tempDir('stp-oom-') });
  return start(prepared.spec, { componentsDir: prepared.componentsDir, env, graceMs: 0 });
}

describe('out of memory', () => {
  /** Runs `topology` under a 48 MB heap: the run must stop on `component`'s death of V8's heap limit with `cause`. */
  async function heapLimitFault(topology: string, component: string, cause: RegExp): Promise<void> {
    const recorded = await run(topology, { ...process.env, NODE_OPTIONS: '--max-old-space-size=48' });
    const result = await recorded.result;
    expect(result.reason).toBe('fault');
    expect(result.fault?.component).toBe(component);
    expect(result.fault?.reason).toMatch(/^(was killed by signal SIGABRT|exited with code \d+): it ran out of memory \(V8's heap limit; node's --max-old-space-size raises it\); the likely cause is /);
    expect(result.fault?.reason).toMatch(cause);
  }

  it('a bolt that keeps what it reads, under a small heap limit: the fault names it and its own data as the likely cause', () =>
    heapLimitFault('hoard', 'hoarder', /the likely cause is its own data: what it keeps in memory between tuples \(a growing map, cache or list; it held \d+ tuple\(s\) not yet acked\)$/), 120_000);

  // Before the protocol's writes were synchronous, this bolt's emits piled up in its stdout stream while the engine
  // held it back, until V8's heap limit killed it ("the likely cause is its output"). Now it waits in its emits.
  it('a bolt that emits without end into a stuck receiver, under a small heap limit, waits in its emits in bounded memory', async () => {
    const recorded = await run('flood', { ...process.env, NODE_OPTIONS: '--max-old-space-size=48' });
    await until(() => recorded.tasks.some((t) => t.component === 'flood'), 30_000, 'the flood task to start');
    const pid = recorded.tasks.find((t) => t.component === 'flood')!.pid;
    const sampler = new RssSampler(() => [pid]);
    try {
      // Held back: the engine stops reading it once the stuck bolt's queue is full, so its bytes written stay put.
      await until(ioCounterSteady(pid, 'wchar'), 60_000, 'the flood bolt to wait in its emits');
      expect(recorded.crashes).toEqual([]);
      expect(survivors([pid])).toHaveLength(1);
      const flood = recorded.handle.stats().components.find((c) => c.component === 'flood')!;
      expect(flood.emitted).toBeGreaterThan(1000);
      expect(flood.emitted).toBeLessThan(2_000_000);
    } finally {
      sampler.stop();
    }
    expect(sampler.maxMb).toBeLessThan(150);
    await recorded.handle.stop({ graceMs: 0 });
  }, 120_000);

  it('a bolt that builds a string past V8\'s largest: its error names it and its own data as the likely cause', async () => {
    const recorded = await run('double');
    const result = await recorded.result;
    expect(result.reason).toBe('fault');
    expect(result.fault).toMatchObject({ component: 'doubler', reason: 'exited with code 1' });
    const report = recorded.errors.find((e) => e.includes('ran out of memory'));
    expect(report).toMatch(/^doubler:\d+: process\(\) failed for tuple \d+ from numbers:default \(task \d+\): RangeError: Invalid string length/);
    expect(report).toMatch(
      /doubler:\d+: it ran out of memory with \d+\.\d MB of its output waiting for Storm to read it and \d+ tuple\(s\) queued; the likely cause is its own data: what it keeps in memory between tuples \(a growing map, cache or list\)/,
    );
  }, 60_000);
});
