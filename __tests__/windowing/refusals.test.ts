// Storm's refusals of a window against the topology conf, at each place stp can say it first: the spec (what the
// builder writes: Storm's window keys in the bolt's conf), validation on load and submit, and `stp run -o`.
import { fileURLToPath } from 'node:url';
import { topology, validateTopology, WindowedBolt } from 'storm-ts';
import { runTreeSync } from '../helpers/process-tree.js';
import { TopWords } from '../../examples/windowing/src/bolts/top-words.js';
import { TimedWordSpout } from '../../examples/windowing/src/spouts/timed-words.js';

const example = fileURLToPath(new URL('../../examples/windowing', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

class CountWords extends WindowedBolt.define({ reads: ['word'], window: { length: { count: 3 }, slide: { count: 2 } } }) {
  override processWindow(): void {}
}

const build = (conf: Record<string, number>) =>
  topology('top', conf).spout('words', TimedWordSpout).bolt('top', TopWords).global('words').bolt('count', CountWords).shuffle('words');

describe('window refusals', () => {
  it("writes the window into the bolt's conf in Storm's keys, as BaseWindowedBolt does", () => {
    const spec = build({ 'topology.message.timeout.secs': 60 }).spec;
    expect(spec.components.find((c) => c.id === 'top')!.conf).toEqual({
      'topology.bolts.window.length.duration.ms': 30000,
      'topology.bolts.window.sliding.interval.duration.ms': 5000,
      'topology.bolts.tuple.timestamp.max.lag.ms': 2000,
      'topology.bolts.watermark.event.interval.ms': 1000,
      'topology.bolts.late.tuple.stream': 'late',
    });
    expect(spec.components.find((c) => c.id === 'count')!.conf).toEqual({
      'topology.bolts.window.length.count': 3,
      'topology.bolts.window.sliding.interval.count': 2,
    });
  });

  it('refuses a spec whose duration window outlasts topology.message.timeout.secs, naming the bolt', () => {
    expect(() => validateTopology(build({ 'topology.message.timeout.secs': 30 }).spec)).toThrow(
      `topology "top" is invalid (1 problem):\n  components["top"].conf: bolt 'top' (TopWords): window length + slide is 35000 ms, more than topology.message.timeout.secs (30 s): its tuples would time out and replay while the window holds them; shorten the window or raise topology.message.timeout.secs above 35`,
    );
    expect(() => validateTopology(build({ 'topology.message.timeout.secs': 35 }).spec)).not.toThrow();
  });

  it('stp run refuses it under a -o override before any process starts', () => {
    const run = runTreeSync('node', [bin, 'run', 'top-words', '-t', '5', '-o', 'topology.message.timeout.secs=20'], {
      cwd: example,
      env: { ...process.env, CI: 'true' },
      timeoutMs: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      "bolt 'top' (TopWords): window length + slide is 35000 ms, more than topology.message.timeout.secs (20 s): its tuples would time out and replay while the window holds them; shorten the window or raise topology.message.timeout.secs above 35",
    );
  });
});
