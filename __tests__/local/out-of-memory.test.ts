// A component that dies of memory is reported with its name and the likely cause, not only V8's stack (issue 23
// item 4): real bundled components on the engine, two under a small V8 heap limit (V8 aborts: the engine reads
// its last words on stderr; one hoards its own data, one's output is held back by a stuck receiver), one that
// builds a string past V8's largest (a RangeError its runtime catches).
import path from 'node:path';
import { prepareLocalRun } from '../../lib/local/prepare.js';
import { cleanUp, FIXTURES, start, tempDir } from './harness.js';

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

  it('a bolt that emits without end into a stuck receiver, under a small heap limit: the fault names it and its held-back output', () =>
    heapLimitFault('flood', 'flood', /the likely cause is its output: the engine was holding it back \(a bolt downstream was full\) while it kept emitting from one input$/), 120_000);

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
