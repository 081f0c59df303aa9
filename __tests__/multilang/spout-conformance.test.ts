// Spouts, as Storm's ShellSpout drives them: strict turns, each answered by its emits and exactly one sync.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellDriver, stopAllDrivers, type Message } from '../helpers/shell-driver.js';
import { bundleTestTopology, type Bundled } from './bundled-topology.js';

let bundled: Bundled;
let logDir: string;

beforeAll(async () => {
  bundled = await bundleTestTopology(['words', 'asyncwords', 'needids']);
});
afterAll(() => bundled.remove());
beforeEach(() => {
  logDir = mkdtempSync(join(tmpdir(), 'stp-logs-'));
});
afterEach(async () => {
  await stopAllDrivers();
  rmSync(logDir, { recursive: true, force: true });
});

const start = (componentId: string): Promise<ShellDriver> =>
  ShellDriver.start({ script: bundled.script(componentId), componentId, taskId: 2, conf: { 'stp.log.path': logDir } });
const logOf = (d: ShellDriver): string => readFileSync(join(logDir, `stp.wordcount.${d.options.componentId}.2.${d.child.pid}.log`), 'utf8');
const syncs = (messages: Message[]): number => messages.filter((m) => m.command === 'sync').length;

describe('spout conformance', () => {
  it('activate, then next turns: reliable emits with ids on the default stream, one sync per command', async () => {
    const d = await start('words');
    expect(await d.spoutTurn('activate')).toEqual([{ command: 'sync' }]);
    for (let i = 1; i <= 3; i++) {
      const turn = await d.spoutTurn('next');
      expect(turn).toHaveLength(2);
      expect(turn[0]).toEqual({ command: 'emit', tuple: [expect.any(String)], stream: 'default', id: `2-${i}`, need_task_ids: false });
      expect(turn[1]).toEqual({ command: 'sync' });
    }
    expect(await d.spoutTurn('ack', '2-1')).toEqual([{ command: 'sync' }]);
    expect(await d.spoutTurn('deactivate')).toEqual([{ command: 'sync' }]);
    expect(d.violations).toEqual([]);
  });

  it('ReliableSpout: a failed tuple is emitted again with the same id and values, up to maxFails', async () => {
    const d = await start('words');
    const [first] = await d.spoutTurn('next');
    const again = await d.spoutTurn('fail', '2-1');
    expect(again).toEqual([{ ...first, need_task_ids: false }, { command: 'sync' }]);
    expect(await d.spoutTurn('fail', '2-1')).toEqual([first, { command: 'sync' }]);
    // Third failure: given up (logged as a warning), not emitted again.
    const last = await d.spoutTurn('fail', '2-1');
    expect(last.map((m) => m.command)).toEqual(['log', 'sync']);
    expect(last[0]).toMatchObject({ level: 3, msg: expect.stringMatching(/giving up on tuple "2-1" after 3 failures/) });
    expect(d.violations).toEqual([]);
  });

  it('an async nextTuple: the emit made after its await still comes before the one sync', async () => {
    const d = await start('asyncwords');
    const turn = await d.spoutTurn('next');
    expect(turn).toEqual([{ command: 'emit', tuple: ['w1'], stream: 'default', id: 1, need_task_ids: false }, { command: 'sync' }]);
    expect(syncs(d.received)).toBe(1);
    expect(d.violations).toEqual([]);
  });

  it('need_task_ids inside a turn: the ids come back before the sync', async () => {
    const d = await ShellDriver.start({ script: bundled.script('needids'), componentId: 'needids', taskIdsFor: () => [7, 8] });
    const turn = await d.spoutTurn('next');
    expect(turn).toEqual([
      { command: 'emit', tuple: ['x'], stream: 'default', need_task_ids: true },
      { command: 'emit', tuple: [[7, 8]], stream: 'ids', need_task_ids: false },
      { command: 'sync' },
    ]);
    expect(d.violations).toEqual([]);
  });

  it('an unknown command: names it on stderr and exits 2', async () => {
    const d = await start('words');
    d.send({ command: 'launch' });
    expect((await d.exited).code).toBe(2);
    expect(d.stderr).toMatch(/unknown spout command "launch" .*expected one of next, ack, fail, activate, deactivate/);
    expect(logOf(d)).toMatch(/ERROR words:2 unknown spout command "launch"/);
  });

  it('a non-object message: exits 2 naming it', async () => {
    const d = await start('words');
    d.sendRaw('"next"\nend\n');
    expect((await d.exited).code).toBe(2);
    expect(d.stderr).toMatch(/unexpected message on stdin "\\"next\\"": expected a JSON object or a task-id array/);
    expect(logOf(d)).toMatch(/ERROR words:2 unexpected message on stdin/);
  });

  it('closed stdin between turns: exits 0, no zombie', async () => {
    const d = await start('words');
    await d.spoutTurn('next');
    d.closeStdin();
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(d.stderr).toBe(''); // a clean stop is logged to the file only
    expect(logOf(d)).toMatch(/INFO  words:2 stdin closed: Storm went away; exiting/);
  });

  it('SIGTERM in the middle of an async turn: exits 143, says so on stderr and in the log', async () => {
    const d = await start('asyncwords');
    d.send({ command: 'next' });
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 143, signal: null });
    expect(d.stderr).toMatch(/stp asyncwords:2: received SIGTERM; exiting/);
    expect(logOf(d)).toMatch(/WARN  asyncwords:2 received SIGTERM; exiting/);
  });

  it('closed stdin before the handshake: exits 2', async () => {
    const d = await ShellDriver.start({ script: bundled.script('words'), componentId: 'words', noHandshake: true });
    d.closeStdin();
    expect((await d.exited).code).toBe(2);
    expect(d.stderr).toMatch(/stdin closed before the handshake arrived/);
  });
});
