// The bundled windowed bolts, as Storm's ShellBolt drives them (real `node <id>.js` processes over real pipes): to
// Storm a WindowedBolt is just a bolt, so it must speak the protocol as every bolt does (../helpers/shell-driver.ts
// checks what Storm would kill the worker for), with Storm's windowed acking on top.
import { ShellDriver, stopAllDrivers, type Message } from '../helpers/shell-driver.js';
import { bundleTestTopology, type Bundled } from './bundled-topology.js';

let bundled: Bundled;

beforeAll(async () => {
  bundled = await bundleTestTopology(['pairs', 'clock']);
});
afterAll(() => bundled.remove());
afterEach(() => stopAllDrivers());

const start = (componentId: string, conf: Record<string, unknown> = {}): Promise<ShellDriver> =>
  ShellDriver.start({ script: bundled.script(componentId), componentId, taskId: 3, conf });

const withoutLogs = (messages: Message[]): Message[] => messages.filter((m) => m.command !== 'log');

describe('windowed bolt conformance', () => {
  it('holds tuples until they leave their window: emits anchored to the window, acks on expiry, each id acked once', async () => {
    const d = await start('pairs');
    d.sendTuple({ id: '1', tuple: ['a'] });
    d.sendTuple({ id: '2', tuple: ['b'] });
    expect(withoutLogs(await d.readUntil((m) => m.command === 'emit'))).toEqual([
      { command: 'emit', tuple: ['a,b'], stream: 'default', anchors: ['1', '2'], need_task_ids: false },
    ]);
    d.sendTuple({ id: '3', tuple: ['c'] });
    d.sendTuple({ id: '4', tuple: ['d'] });
    // The second window expires the first one's tuples (acked) before it is handed over.
    expect(withoutLogs(await d.readUntil((m) => m.command === 'emit'))).toEqual([
      { command: 'ack', id: '1' },
      { command: 'ack', id: '2' },
      { command: 'emit', tuple: ['c,d'], stream: 'default', anchors: ['3', '4'], need_task_ids: false },
    ]);
    d.closeStdin();
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(d.violations).toEqual([]);
  });

  it('answers heartbeats while an async processWindow awaits', async () => {
    const d = await start('pairs', { 'test.delay_ms': 1500 });
    d.sendTuple({ id: '1', tuple: ['a'] });
    d.sendTuple({ id: '2', tuple: ['b'] });
    d.sendHeartbeat('hb-1');
    // The sync comes first: it did not wait for the window's 1.5 s processWindow.
    expect(await d.next()).toEqual({ command: 'sync' });
    expect(withoutLogs(await d.readUntil((m) => m.command === 'emit'))).toEqual([
      { command: 'emit', tuple: ['a,b'], stream: 'default', anchors: ['1', '2'], need_task_ids: false },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('fires a processing-time window on its own clock, with no tick tuple, and acks when the window has passed', async () => {
    const d = await start('clock');
    d.sendTuple({ id: '7', tuple: ['x'] });
    // Nothing else is sent: the component's own timer makes the window, then the next one expires the tuple.
    expect(withoutLogs(await d.readUntil((m) => m.command === 'ack'))).toEqual([
      { command: 'emit', tuple: ['x'], stream: 'default', anchors: ['7'], need_task_ids: false },
      { command: 'ack', id: '7' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it("refuses a duration window longer than the message timeout with one line naming the bolt, as Storm's prepare does", async () => {
    const d = await start('clock', { 'topology.message.timeout.secs': 0 });
    expect((await d.exited).code).not.toBe(0);
    const line =
      "bolt 'clock' (ClockWindows): window length + slide is 600 ms, more than topology.message.timeout.secs (0 s): its tuples would time out and replay while the window holds them; shorten the window or raise topology.message.timeout.secs above 1";
    expect(d.stderr).toBe(`stp clock:3: cannot start: ${line}; exiting\n`);
    expect(d.received).toContainEqual({ command: 'error', msg: `clock:3: cannot start: ${line}` });
  });
});
