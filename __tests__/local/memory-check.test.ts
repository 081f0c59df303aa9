// More tasks than the machine's memory holds are refused before a single process starts (issue 27).
import { checkMemory, TASK_RSS_MB } from '../../lib/local/memory-check.js';
import { upstreamToHold } from '../../lib/local/backpressure.js';
import { LocalRunError, runTopology } from '../../lib/local/index.js';
import { bolt, cleanUp, componentsDir, spout, topology } from './harness.js';

afterEach(cleanUp);

describe('memory bound and backpressure plan', () => {
  it('refuses 10,000 tasks in one line naming the count, the memory and the flag; --no-memory-check lets them through', () => {
    expect(() => checkMemory('big', 10_000, 8 * 1024)).toThrow(
      new LocalRunError(`topology 'big' would start 10000 tasks, about ${((10_000 * TASK_RSS_MB) / 1024).toFixed(1)} GB at ${TASK_RSS_MB} MB each, more than the 8.0 GB this machine has available; lower the parallelism (p, tasks), or pass --no-memory-check to start them anyway`),
    );
    expect(() => checkMemory('small', 10, 8 * 1024)).not.toThrow();
    const spec = topology('big', [spout('src'), bolt('sink', [{ source: 'src' }], {}, { parallelism: 10_000 })]);
    expect(() => runTopology(spec, { componentsDir: componentsDir(spec) })).toThrow(/would start 10001 tasks.*--no-memory-check/);
  });

  it('holds back the bolts that feed a full bolt, never a spout nor a feeder in a cycle with it', () => {
    const spec = topology('plan', [
      spout('src'),
      bolt('fan', [{ source: 'src' }]),
      bolt('sink', [{ source: 'fan' }, { source: 'loop' }]),
      bolt('loop', [{ source: 'sink' }]),
    ]);
    expect(upstreamToHold(spec)).toEqual(new Map([['sink', ['fan']]]));
  });
});
