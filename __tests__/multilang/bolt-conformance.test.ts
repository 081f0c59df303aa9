// Bolts, as Storm's ShellBolt drives them: real `node <id>.js` processes over real pipes (../helpers/shell-driver.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellDriver, stopAllDrivers, type Message } from '../helpers/shell-driver.js';
import { bundleTestTopology, type Bundled } from './bundled-topology.js';

let bundled: Bundled;
let logDir: string;

beforeAll(async () => {
  bundled = await bundleTestTopology(['count', 'failing', 'loud', 'slow', 'taskids', 'ticks', 'batches']);
});
afterAll(() => bundled.remove());
beforeEach(() => {
  logDir = mkdtempSync(join(tmpdir(), 'stp-logs-'));
});
afterEach(async () => {
  await stopAllDrivers();
  rmSync(logDir, { recursive: true, force: true });
});

const start = (componentId: string, conf: Record<string, unknown> = {}, context: Record<string, unknown> = {}): Promise<ShellDriver> =>
  ShellDriver.start({ script: bundled.script(componentId), componentId, taskId: 3, conf: { 'stp.log.path': logDir, ...conf }, context });

/** The single log file of the component's task, named stp.<topology>.<component>.<task>.<pid>.log. */
function logOf(driver: ShellDriver): string {
  const name = `stp.wordcount.${driver.options.componentId}.3.${driver.child.pid}.log`;
  expect(readdirSync(logDir)).toContain(name);
  return readFileSync(join(logDir, name), 'utf8');
}

const withoutLogs = (messages: Message[]): Message[] => messages.filter((m) => m.command !== 'log');

describe('bolt conformance', () => {
  it('counts words: anchored emit, then ack, with need_task_ids false', async () => {
    const d = await start('count');
    d.sendTuple({ id: '100', tuple: ['storm'] });
    d.sendTuple({ id: '101', tuple: ['storm'] });
    const out = await d.readUntil((m) => m.command === 'ack' && m['id'] === '101');
    expect(withoutLogs(out)).toEqual([
      { command: 'emit', tuple: ['storm', 1], stream: 'default', anchors: ['100'], need_task_ids: false },
      { command: 'ack', id: '100' },
      { command: 'emit', tuple: ['storm', 2], stream: 'default', anchors: ['101'], need_task_ids: false },
      { command: 'ack', id: '101' },
    ]);
    d.closeStdin();
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(d.violations).toEqual([]);
    expect(logOf(d)).toMatch(/stdin closed: Storm went away/);
  });

  it('reads fields by name when the source sends more fields than the bolt reads', async () => {
    const d = await start('count', {}, { 'source->stream->fields': { words: { default: ['n', 'word'] } } });
    d.sendTuple({ id: '1', tuple: [7, 'fig'] });
    const [emit] = withoutLogs(await d.readUntil((m) => m.command === 'ack'));
    expect(emit).toMatchObject({ command: 'emit', tuple: ['fig', 1] });
  });

  it('answers a heartbeat with sync, and never acks its id', async () => {
    const d = await start('count');
    d.sendHeartbeat('hb-1');
    expect(await d.next()).toEqual({ command: 'sync' });
    d.sendTuple({ id: '5', tuple: ['a'] });
    await d.readUntil((m) => m.command === 'ack');
    expect(d.violations).toEqual([]);
  });

  it('answers heartbeats on time while process() awaits slow I/O, in order', async () => {
    const d = await start('slow', { 'test.delay_ms': 1500 });
    d.sendTuple({ id: 't1', tuple: ['w'] });
    d.sendHeartbeat('hb-a');
    // The sync comes before the tuple's emit and ack: it did not wait for the slow process() (1.5 s).
    expect(await d.next()).toEqual({ command: 'sync' });
    const out = withoutLogs(await d.readUntil((m) => m.command === 'ack'));
    expect(out).toEqual([
      { command: 'emit', tuple: ['w'], stream: 'default', anchors: ['t1'], need_task_ids: false },
      { command: 'ack', id: 't1' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('acks tick tuples and calls processTick', async () => {
    const d = await start('ticks');
    d.sendTick('tick-1', 5);
    const out = withoutLogs(await d.readUntil((m) => m.command === 'ack'));
    expect(out).toEqual([
      { command: 'emit', tuple: [1], stream: 'default', anchors: ['tick-1'], need_task_ids: false },
      { command: 'ack', id: 'tick-1' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('need_task_ids: returns the ids Storm sends, even when they arrive between tuples already in flight', async () => {
    let n = 0;
    const d = await ShellDriver.start({
      script: bundled.script('taskids'),
      componentId: 'taskids',
      taskId: 3,
      taskIdsFor: () => [10 + n, 20 + n++],
    });
    // Two tuples pipelined: the task-id answer to the first emit arrives after the second tuple was written.
    d.sendTuple({ id: 'a', tuple: ['x'] });
    d.sendTuple({ id: 'b', tuple: ['y'] });
    const out = withoutLogs(await d.readUntil((m) => m.command === 'ack' && m['id'] === 'b'));
    expect(out).toEqual([
      { command: 'emit', tuple: ['x'], stream: 'default', anchors: ['a'], need_task_ids: true },
      { command: 'emit', tuple: [[10, 20]], stream: 'ids', anchors: ['a'], need_task_ids: false },
      { command: 'ack', id: 'a' },
      { command: 'emit', tuple: ['y'], stream: 'default', anchors: ['b'], need_task_ids: true },
      { command: 'emit', tuple: [[11, 21]], stream: 'ids', anchors: ['b'], need_task_ids: false },
      { command: 'ack', id: 'b' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('BatchingBolt: groups by key, flushes on ticks every secsBetweenBatches, acks the whole batch', async () => {
    const d = await start('batches', { 'topology.tick.tuple.freq.secs': 1 });
    d.sendTuple({ id: '1', tuple: ['a', 1] });
    d.sendTuple({ id: '2', tuple: ['b', 10] });
    d.sendTuple({ id: '3', tuple: ['a', 2] });
    d.sendTick('tick-1', 1);
    const first = withoutLogs(await d.readUntil((m) => m.command === 'ack' && m['id'] === 'tick-1'));
    expect(first).toEqual([{ command: 'ack', id: 'tick-1' }]); // 1 s of 2: no flush yet
    d.sendTick('tick-2', 1);
    const out = withoutLogs(await d.readUntil((m) => m.command === 'ack' && m['id'] === 'tick-2'));
    expect(out).toEqual([
      { command: 'emit', tuple: ['a', 3], stream: 'default', anchors: ['1', '3'], need_task_ids: false },
      { command: 'ack', id: '1' },
      { command: 'ack', id: '3' },
      { command: 'emit', tuple: ['b', 10], stream: 'default', anchors: ['2'], need_task_ids: false },
      { command: 'ack', id: '2' },
      { command: 'ack', id: 'tick-2' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('BatchingBolt: a batch that throws is failed as a whole and the process exits 1', async () => {
    const d = await start('batches', { 'topology.tick.tuple.freq.secs': 2 });
    d.sendTuple({ id: '1', tuple: ['bad', 1] });
    d.sendTuple({ id: '2', tuple: ['bad', 2] });
    d.sendTick('tick-1', 2);
    const out = await d.readUntil((m) => m.command === 'error');
    expect(withoutLogs(out).slice(0, 2)).toEqual([
      { command: 'fail', id: '1' },
      { command: 'fail', id: '2' },
    ]);
    expect(String(out.at(-1)!['msg'])).toMatch(/processBatch\(bad\) failed for 2 tuples: Error: bad batch/);
    expect((await d.exited).code).toBe(1);
  });

  it('warns in the log when a BatchingBolt has no tick frequency', async () => {
    const d = await start('batches');
    d.closeStdin();
    await d.exited;
    expect(logOf(d)).toMatch(/WARN .*'topology.tick.tuple.freq.secs' is not set/);
  });

  it('console.log and stdout writes go to the log, never onto the protocol', async () => {
    const d = await start('loud');
    d.sendTuple({ id: '1', tuple: ['hi'] });
    const out = await d.readUntil((m) => m.command === 'ack');
    expect(out.filter((m) => m.command === 'log').map((m) => m['msg'])).toEqual(['loud says hi', 'raw stdout write']);
    d.closeStdin();
    expect((await d.exited).code).toBe(0);
    expect(d.violations).toEqual([]);
    expect(logOf(d)).toMatch(/INFO  loud:3 loud says hi\n.*INFO  loud:3 raw stdout write/);
  });

  describe('errors and crashes', () => {
    it('an exception in process fails the tuple, reports the stack (pointing at the .ts line) and exits 1', async () => {
      const d = await start('failing');
      d.sendTuple({ id: '9', tuple: ['boom'] });
      const out = await d.readUntil((m) => m.command === 'error');
      expect(withoutLogs(out)[0]).toEqual({ command: 'fail', id: '9' });
      const report = String(out.at(-1)!['msg']);
      expect(report).toMatch(/process\(\) failed for tuple 9 from words:default \(task 1\): Error: boom in process/);
      expect(report).toMatch(/at FailingBolt\.process \(.*__tests__\/bundle\/topology\/test-components\.ts:7:\d+\)/);
      expect(await d.exited).toEqual({ code: 1, signal: null });
      expect(d.stderr).toMatch(/exiting after process\(\) failed for tuple 9 .*set keepAliveOnError = true/);
      expect(logOf(d)).toMatch(/ERROR failing:3 .*boom in process\n\s+at FailingBolt\.process \(.*test-components\.ts:7/);
      expect(d.violations).toEqual([]);
    });

    it('with keepAliveOnError the tuple is failed and reported, and the bolt goes on', async () => {
      const d = await start('failing', { 'test.keep_alive': true });
      d.sendTuple({ id: '1', tuple: ['boom'] });
      d.sendTuple({ id: '2', tuple: ['fine'] });
      const out = withoutLogs(await d.readUntil((m) => m.command === 'ack'));
      expect(out.map((m) => m.command)).toEqual(['fail', 'error', 'emit', 'ack']);
      d.closeStdin();
      expect((await d.exited).code).toBe(0);
      expect(d.violations).toEqual([]);
    });

    it('malformed JSON: names what arrived on stderr and in the log, exits 2', async () => {
      const d = await start('count');
      d.sendRaw('{"id": "1", "tuple": [oops\nend\n');
      expect(await d.exited).toEqual({ code: 2, signal: null });
      expect(d.stderr).toMatch(/malformed multilang message \(not JSON: .*\): "\{\\"id\\": \\"1\\", \\"tuple\\": \[oops" on stdin; exiting/);
      expect(logOf(d)).toMatch(/ERROR count:3 malformed multilang message/);
    });

    it('an unknown command: names it, exits 2', async () => {
      const d = await start('count');
      d.send({ command: 'explode' });
      expect((await d.exited).code).toBe(2);
      expect(d.stderr).toMatch(/unknown bolt command "explode"/);
      expect(logOf(d)).toMatch(/unknown bolt command "explode"/);
    });

    it('stdin closed in the middle of a message: exits 2 naming the partial message', async () => {
      const d = await start('count');
      d.sendRaw('{"id": "1", "comp"');
      d.closeStdin();
      expect((await d.exited).code).toBe(2);
      expect(d.stderr).toMatch(/stdin closed in the middle of a message \(18 bytes without "end": "\{\\"id\\": \\"1\\", \\"comp\\""\)/);
    });

    it('SIGTERM: exits 143 with a message in the log', async () => {
      const d = await start('slow', { 'test.delay_ms': 10_000 });
      d.sendTuple({ id: '1', tuple: ['w'] });
      d.child.kill('SIGTERM');
      expect(await d.exited).toEqual({ code: 143, signal: null });
      expect(d.stderr).toMatch(/received SIGTERM; exiting/);
      expect(logOf(d)).toMatch(/WARN  slow:3 received SIGTERM; exiting/);
    });

    it('EPIPE: when Storm stops reading stdout, the component exits instead of hanging', async () => {
      const d = await start('count');
      d.child.stdout.destroy();
      d.sendTuple({ id: '1', tuple: ['a'] });
      const exit = await d.exited;
      expect(exit.code).toBe(3);
      expect(d.stderr).toMatch(/stdout closed \(EPIPE\): Storm is gone; exiting/);
    });

    it('a bad handshake: says what is wrong and exits 2 without answering', async () => {
      const d = await ShellDriver.start({ script: bundled.script('count'), componentId: 'count', noHandshake: true });
      d.send({ pidDir: 42, conf: {}, context: {} });
      expect((await d.exited).code).toBe(2);
      expect(d.received).toEqual([]);
      expect(d.stderr).toMatch(/bad handshake .*"pidDir" must be a string/);
    });

    it('a bad stp.log.level names the key and the allowed values', async () => {
      const d = await ShellDriver.start({ script: bundled.script('count'), componentId: 'count', noHandshake: true, conf: { 'stp.log.level': 'loud' } });
      await expect(d.handshake()).rejects.toThrow(/expected \{"pid": N\}/);
      expect((await d.exited).code).toBe(2);
      expect(d.stderr).toMatch(/conf 'stp.log.level' is "loud"; use one of trace, debug, info, warn, error/);
    });
  });
});
