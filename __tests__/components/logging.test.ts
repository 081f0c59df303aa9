// Per-task log files: name, level filter, rotation by size with a backup count (rotating-file-stream), settings errors.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentLogger } from '../../lib/logging/component-logger.js';
import { logFileName, parseLogName } from '../../lib/logging/log-name.js';
import { logSettings } from '../../lib/logging/settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stp-log-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const logger = (conf: Record<string, unknown>, toStorm?: (m: string, l: number) => void): ComponentLogger =>
  new ComponentLogger({ settings: logSettings({ 'stp.log.path': dir, ...conf }), topology: 'wc', component: 'count', task: 4, pid: 99, ...(toStorm && { toStorm }) });

describe('component logs', () => {
  it('names the file stp.<topology>.<component>.<task>.<pid>.log and filters by level', async () => {
    const sent: [string, number][] = [];
    const log = logger({ 'stp.log.level': 'info' }, (m, l) => sent.push([m, l]));
    log.log('debug', 'hidden');
    log.log('info', 'shown');
    log.log('error', 'bad');
    await log.close();
    expect(readdirSync(dir)).toEqual(['stp.wc.count.4.99.log']);
    const text = readFileSync(join(dir, 'stp.wc.count.4.99.log'), 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO  count:4 shown\n\S+ ERROR count:4 bad\n$/);
    expect(sent).toEqual([
      ['shown', 2],
      ['bad', 4],
    ]);
  });

  it('rotates at max_bytes and keeps backup_count old files', async () => {
    const log = logger({ 'stp.log.max_bytes': 1000, 'stp.log.backup_count': 2 });
    for (let i = 0; i < 100; i++) {
      log.log('info', `line ${i} ${'x'.repeat(60)}`);
      await new Promise((r) => setImmediate(r));
    }
    await log.close();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['stp.wc.count.4.99.log', 'stp.wc.count.4.99.log.1', 'stp.wc.count.4.99.log.2']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1100);
    // The newest lines are in the current file or, right after a rotation, in .1; the oldest ones are gone.
    const newest = files.slice(0, 2).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(newest).toMatch(/line 99 /);
    expect(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('')).not.toMatch(/line 0 /);
  });

  it('without stp.log.path nothing is written to disk: only the protocol gets the lines', async () => {
    const sent: string[] = [];
    const log = new ComponentLogger({ settings: logSettings({}), topology: 'wc', component: 'c', task: 1, pid: 1, toStorm: (m) => sent.push(m) });
    log.log('info', 'only to storm');
    await log.close();
    expect(log.file).toBeUndefined();
    expect(sent).toEqual(['only to storm']);
  });

  it('a log directory that cannot be created names the conf key', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => logger({ 'stp.log.path': join(file, 'logs') })).toThrow(
      /cannot create the log directory ".*a-file\/logs" \(conf 'stp.log.path'\): ENOTDIR.*; point it at a writable directory/,
    );
  });

  it('escapes every character but letters, digits, "_" and "-", so "." only separates fields and names read back', () => {
    const name = logFileName({ topology: 'my topo', component: 'a/b.c%_é', task: 1, pid: 2 });
    expect(name).toBe('stp.my%20topo.a%2Fb%2Ec%25_%C3%A9.1.2.log');
    expect(parseLogName(name)).toEqual({ scheme: 'current', topology: 'my topo', component: 'a/b.c%_é', task: 1, pid: 2, rotated: false });
    // Names sharing a prefix stay apart: the first "." ends the topology.
    expect(parseLogName(logFileName({ topology: 'wordcount_x', component: 'count', task: 1, pid: 1 }))).toMatchObject({ topology: 'wordcount_x', component: 'count' });
    expect(parseLogName(logFileName({ topology: 'wordcount', component: 'x_count', task: 1, pid: 1 }))).toMatchObject({ topology: 'wordcount', component: 'x_count' });
  });

  it.each([
    [{ 'stp.log.max_bytes': 0 }, "conf 'stp.log.max_bytes' must be a positive integer, got 0"],
    [{ 'stp.log.backup_count': 'ten' }, "conf 'stp.log.backup_count' must be a positive integer, got \"ten\""],
    [{ 'stp.log.path': 5 }, "conf 'stp.log.path' must be a directory path, got 5"],
    [{ 'stp.log.level': 'verbose' }, "conf 'stp.log.level' is \"verbose\"; use one of trace, debug, info, warn, error"],
  ])('rejects %j with a clear message', (conf, message) => {
    expect(() => logSettings(conf)).toThrow(message);
  });

  it('reads streamparse-style values: level names in any case, warning/critical, numbers as strings', () => {
    expect(logSettings({ 'stp.log.level': 'WARNING', 'stp.log.max_bytes': '2048' })).toEqual({ path: undefined, maxBytes: 2048, backupCount: 10, level: 'warn' });
    expect(logSettings({ 'stp.log.level': 'critical' }).level).toBe('error');
  });
});
