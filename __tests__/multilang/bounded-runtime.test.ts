// The component runtime's memory is bounded both ways (issues 23 and 27): real `node <id>.js` processes over real
// pipes. While Storm does not read its stdout, a bolt waits in its emits (the protocol's writes are synchronous)
// and reads no more stdin; while its tuples wait (a slow bolt), it stops reading stdin past a bounded queue; a
// constructor that throws sends nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellDriver, stopAllDrivers } from '../helpers/shell-driver.js';
import { ioCounterSteady } from '../helpers/proc-io.js';
import { RssSampler } from '../helpers/rss.js';
import { until } from '../helpers/until.js';
import { bundleTestTopology, type Bundled } from './bundled-topology.js';

let bundled: Bundled;
let logDir: string;

beforeAll(async () => {
  bundled = await bundleTestTopology(['fanout', 'slow', 'throwctor']);
});
afterAll(() => bundled.remove());
beforeEach(() => {
  logDir = mkdtempSync(join(tmpdir(), 'stp-logs-'));
});
afterEach(async () => {
  await stopAllDrivers();
  rmSync(logDir, { recursive: true, force: true });
});

const start = (componentId: string, conf: Record<string, unknown> = {}): Promise<ShellDriver> =>
  ShellDriver.start({ script: bundled.script(componentId), componentId, taskId: 3, conf: { 'stp.log.path': logDir, ...conf } });

/** Writes `count` tuples, one write each (so that what the pipe took shows in writableLength); returns the bytes. */
function flood(d: ShellDriver, count: number): number {
  for (let i = 0; i < count; i++) d.sendTuple({ id: `t${i}`, tuple: [`word-${i}`] });
  return d.child.stdin.writableLength;
}

// Generous: an idle component is about 50 MB; unbounded, this case reached 875 MB and then V8's string limit.
const RSS_BOUND_MB = 250;

describe('bounded component runtime', () => {
  it('a bolt emitting 20,000 tuples per input stops while its stdout is not read, in bounded memory, and goes on when it is', async () => {
    const d = await start('fanout', { 'test.fanout': 20_000 });
    const sampler = new RssSampler(() => [d.child.pid!]);
    try {
      d.child.stdout.pause();
      const written = flood(d, 5000);
      expect(written).toBeGreaterThan(300_000);
      // It takes its first input and waits inside that input's 20,000 emits for the full pipe, reading no more
      // stdin: once it has stopped reading (its read count in /proc stays put), what we wrote is still mostly in our
      // buffer (5,000 tuples are several pipes' worth; an eager reader would have taken them all).
      await until(ioCounterSteady(d.child.pid!, 'rchar'), 20_000, 'the bolt to stop reading its stdin');
      expect(d.child.stdin.writableLength).toBeGreaterThan(written / 2);
      d.child.stdout.resume();
      await d.readUntil((m) => m.command === 'ack' && m['id'] === 't3', 60_000);
      expect(d.violations).toEqual([]);
    } finally {
      sampler.stop();
    }
    expect(sampler.maxMb).toBeLessThan(RSS_BOUND_MB);
  }, 90_000);

  it('a slow bolt stops reading stdin past a bounded number of queued tuples', async () => {
    const d = await start('slow', { 'test.delay_ms': 20 });
    const written = flood(d, 5000);
    await d.readUntil((m) => m.command === 'ack' && m['id'] === 't20', 30_000);
    // 20 tuples done, 20 ms each: an eager reader would long have taken all 5,000 (425 kB) off the pipe.
    expect(d.child.stdin.writableLength).toBeGreaterThan(written / 3);
    expect(d.violations).toEqual([]);
  }, 60_000);

  it('a constructor that throws sends nothing on stdout (not even a log before the pid) and says why on stderr with its stack', async () => {
    const d = await ShellDriver.start({ script: bundled.script('throwctor'), componentId: 'throwctor', taskId: 3, conf: { 'stp.log.path': logDir }, noHandshake: true });
    await expect(d.handshake()).rejects.toThrow(/expected \{"pid": N\} after the handshake, got undefined/);
    expect(await d.exited).toEqual({ code: 1, signal: null });
    expect(d.received).toEqual([]);
    expect(d.stderr).toMatch(/^stp throwctor:3: constructing ThrowingConstructorBolt failed: Error: ctor boom\n\s+at new ThrowingConstructorBolt \(.*__tests__\/bundle\/topology\/test-components\.ts:\d+:\d+\)/);
    expect(d.stderr.match(/ctor boom/g)).toHaveLength(1);
  });
});
