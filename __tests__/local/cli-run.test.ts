// `stp run` end to end: the real CLI loads, validates and bundles a small project (stp components and a Python
// shell bolt) and runs it; flags, output modes, faults, and Ctrl-C without orphans.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree, runTreeSync, startTree } from '../helpers/process-tree.js';
import { killMarked, markedProcesses, processMark, type MarkedProcess } from '../helpers/marked-processes.js';
import { survivors, until } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../bin/stp.js');
const project = path.join(here, 'fixtures/project');
const env = { ...process.env, NO_COLOR: '1' };
const running: ChildProcess[] = [];

function stp(...args: string[]) {
  return runTreeSync(process.execPath, [bin, 'run', ...args], { cwd: project, env, timeoutMs: 60000 });
}

afterAll(() => {
  for (const child of running) killTree(child);
  rmSync(path.join(project, '_build'), { recursive: true, force: true });
  rmSync(path.join(project, 'logs'), { recursive: true, force: true });
});

beforeAll(() => rmSync(path.join(project, 'logs'), { recursive: true, force: true }));

describe('stp run', () => {
  it('-t and -o: runs the topology for a while, logs with component:task, and prints the summary', () => {
    const result = stp('lines', '-t', '1.5', '-o', 'fixture.lines=5');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("stp run: topology 'lines' started with 4 task(s)");
    expect(result.stdout).toMatch(/\[split:2\] python split the quick fox 5/);
    expect(result.stdout).toMatch(/\[tally:\d\] fox 5/);
    expect(result.stdout).toMatch(/topology 'lines' stopped \(time is up\) after \d+s/);
    expect(result.stdout).toMatch(/lines\s+spout\s+1\s+5\s+5\s+5\s+0/);
    expect(result.stdout).toMatch(/tally\s+bolt\s+2\s+0\s+0\s+20\s+0/);
    expect(result.stdout).toContain(`Component logs: ${path.join(project, 'logs')}`);
    // The components' own rotating log files, one per task, under the project's logs/ (stp.log.path).
    const files = readdirSync(path.join(project, 'logs'));
    expect(files.filter((f) => /^stp\.lines\.tally\.\d+\.\d+\.log$/.test(f))).toHaveLength(2);
    const tallyLog = files.filter((f) => f.startsWith('stp.lines.tally.')).map((f) => readFileSync(path.join(project, 'logs', f), 'utf8')).join('');
    expect(tallyLog).toContain('fox 5');
  });

  it('-d prints every emitted tuple with where it went', () => {
    const result = stp('lines', '-t', '1', '-o', 'fixture.lines=2', '-d');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('emit lines:1 default ["the quick fox 1"] -> split:2 (id 1)');
    expect(result.stdout).toMatch(/emit split:2 default \["fox"\] -> tally:\d \(anchored to \d+\)/);
  });

  it('--json prints one JSON record per line, ending with the result', () => {
    const result = stp('lines', '-t', '1', '-o', 'fixture.lines=3', '--json');
    expect(result.status).toBe(0);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason?: string });
    expect(records[0]!.type).toBe('started');
    expect(records.at(-1)).toMatchObject({ type: 'stopped', reason: 'duration' });
    expect(records.some((r) => r.type === 'log')).toBe(true);
  });

  it('by default a component that throws is reported (error, .ts stack line) and restarted, the run goes on; exit 1 at the end', () => {
    // 2,000 lines: enough for crashes and restarts, and the python bolt's line per tuple stays far below 1 MiB.
    const result = stp('fragile', '-t', '4', '-o', 'fixture.lines=2000');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/stp run: component 'fragile' task 1 \(pid \d+\) exited with code 1\./);
    expect(result.stdout).toContain('Error: fragile bolt broke on its third tuple');
    expect(result.stdout).toMatch(/at Fragile.process \(.*fixtures\/project\/src\/components.ts:\d+:\d+\)/);
    expect(result.stdout).toMatch(/Restarting it in \d+ ms \(restart 1\)\./);
    expect(result.stdout).toMatch(/\[fragile:1\] up again as pid \d+, \d+ ms after it died \(restart 1\)/);
    expect(result.stdout).toMatch(/topology 'fragile' stopped \(time is up\)/);
    expect(result.stdout).toMatch(/\d+ crash(es)?, 0 chaos kills, \d+ restarts?/);
    expect(result.stderr).toMatch(/stp: \d+ task crash\(es\) during the run \(see the reports above\)/);
    // Each crash's stack is printed once (the runtime used to send its report both as a log and as an error).
    const output = result.stdout + result.stderr;
    const crashes = output.match(/exited with code 1\./g)!.length;
    expect(crashes).toBeGreaterThan(0);
    expect(output.match(/at Fragile\.process \(/g)).toHaveLength(crashes);
  });

  it('--fail-fast: a component that throws stops the run: one message with component, task, error, .ts stack line and logs; exit 1', () => {
    const result = stp('fragile', '-t', '20', '--fail-fast');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("stp: component 'fragile' task 1 exited with code 1; the topology was stopped.");
    expect(result.stderr).toContain('Error: fragile bolt broke on its third tuple');
    expect(result.stderr).toMatch(/at Fragile.process \(.*fixtures\/project\/src\/components.ts:\d+:\d+\)/);
    expect(result.stderr).toContain(`Component logs: ${path.join(project, 'logs')}`);
    expect(result.stdout).toContain("topology 'fragile' stopped by a fault");
    expect((result.stdout + result.stderr).match(/at Fragile\.process \(/g)).toHaveLength(1);
  });

  it('refuses a Java component before anything starts, and bad flags, as usage errors', () => {
    const jvm = stp('jvm');
    expect(jvm.status).toBe(2);
    expect(jvm.stderr).toContain("stp: topology 'jvm' has Java component 'kafka' (org.apache.storm.kafka.bolt.KafkaBolt), which need a JVM and cannot run locally");
    expect(jvm.stdout).toBe('');
    const option = stp('lines', '-o', 'fixture.lines');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('stp: -o "fixture.lines" is not key=value');
    const time = stp('lines', '-t', 'soon');
    expect(time.status).toBe(2);
    expect(time.stderr).toContain('stp: -t/--time expects a number of seconds greater than 0, got "soon"; e.g. -t 10');
  });

  it('a second Ctrl-C stops at once: exit 130, still no orphans', async () => {
    // The bolt never finishes a tuple, so the first Ctrl-C's grace period (3 s) waits for trees that stay open.
    const child = startTree(process.execPath, [bin, 'run', 'lines', '--json', '-o', 'fixture.stall=true'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => (out += text));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => out.includes('python split'), 30000, 'the first split line (trees are open from then on)');
    const started = JSON.parse(out.split('\n').find((l) => l.startsWith('{"type":"started"'))!) as { tasks: { pid: number }[] };
    child.kill('SIGINT');
    await until(() => out.includes('{"type":"stopping"'), 10000, 'the stopping record');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // stp reaps the children it SIGKILLed before it exits; the wait only covers /proc catching up.
    const pids = started.tasks.map((t) => t.pid);
    await until(() => survivors(pids).length === 0, 5000, 'every task process to be gone').catch(() => undefined);
    expect(survivors(pids)).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s deactivates the spouts, stops every child and leaves no orphan or zombie', async (signal) => {
    const child = startTree(process.execPath, [bin, 'run', 'lines', '--json'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => (out += text));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = await new Promise<{ tasks: { pid: number }[] }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no started record; output so far: ${out}`)), 30000);
      child.stdout!.on('data', () => {
        const line = out.split('\n').find((l) => l.startsWith('{"type":"started"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { tasks: { pid: number }[] });
        }
      });
    });
    const pids = started.tasks.map((t) => t.pid);
    expect(pids).toHaveLength(4);
    expect(survivors(pids)).toHaveLength(4);
    // Let tuples flow so the stop has trees in flight to wait for.
    await until(() => out.includes('{"type":"log"'), 10000, 'a log record');
    child.kill(signal);
    expect(await exited).toBe(0);
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; reason?: string; stats?: { pendingTrees: number } });
    expect(records.find((r) => r.type === 'stopping')).toMatchObject({ reason: 'stopped' });
    expect(records.at(-1)).toMatchObject({ type: 'stopped', reason: 'stopped', stats: { pendingTrees: 0 } });
    expect(survivors(pids)).toEqual([]);
  });

  it('Ctrl-C while 400 tasks are still starting stops the start at once, ends every process of every tree started, and says so', async () => {
    // Every process stp starts inherits this mark, so /proc finds the whole tree, reparented orphans included.
    const mark = processMark('STP_TEST_CROWD');
    const marked = (): MarkedProcess[] => markedProcesses(mark);
    const child = startTree(process.execPath, [bin, 'run', 'crowd', '--no-memory-check'], { cwd: project, env: { ...env, ...mark.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => (out += text));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const seen = new Map<number, MarkedProcess>();
    // A task is `sh never-ready.sh` started by stp, which execs cat; the component spout is node. The script's
    // `sleep 600 &` is a forked sh for a moment too, but its parent is the task, not stp.
    const isTask = (p: MarkedProcess): boolean => (p.comm === 'sh' || p.comm === 'cat') && p.ppid === child.pid;
    const look = (): number => {
      const now = marked().filter((p) => p.pid !== child.pid);
      for (const p of now) seen.set(p.pid, p);
      return now.filter(isTask).length;
    };
    try {
      // The bolt's scripts never answer their handshake: the run stays in its start (400 task processes to spawn).
      await until(() => look() >= 10, 60000, 'ten task processes of the bolt');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      const cut = /stopping during the start: (\d+) of 401 task processes had been started; no more are started/.exec(out);
      expect(cut).not.toBeNull();
      const started = Number(cut![1]);
      expect(started).toBeLessThan(401);
      // No task was spawned after the stop began: the summary counts as many, and they have all exited.
      expect(out).toContain(`topology 'crowd' stopped (stopped) after`);
      expect(out).toContain(`during its start: ${started} of 401 task processes had been started, and all of them have exited`);
      expect([...seen.values()].filter(isTask).length).toBeLessThanOrEqual(started);
      // The scripts' own children (sleep) were in the trees, and went with them.
      expect([...seen.values()].map((p) => p.comm)).toContain('sleep');
      await until(() => marked().length === 0, 10000, 'every process of the run to be gone').catch(() => undefined);
      expect(marked()).toEqual([]);
    } finally {
      // Task processes lead groups of their own: were stp killed, they would outlive its group.
      killMarked(mark);
    }
  });

  it.each([1, 2])('Ctrl-C (%i times) during chaos leaves no task process, restarted ones included', async (times) => {
    const child = startTree(process.execPath, [bin, 'run', 'lines', '--json', '--chaos', '0.2-0.4', '--chaos-seed', '3', '--chaos-components', 'split,tally'], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => (out += text));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const records = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; pid?: number; tasks?: { pid: number }[]; cause?: string });
    await until(() => records().filter((r) => r.type === 'taskRestarted').length >= 2, 60000, 'two restarts after chaos kills');
    expect(records().filter((r) => r.type === 'taskCrashed').every((r) => r.cause === 'chaos')).toBe(true);
    expect(records()[0]).toMatchObject({ type: 'started', chaos: { minMs: 200, maxMs: 400, seed: 3, components: ['split', 'tally'] } });
    for (let i = 0; i < times; i++) {
      child.kill('SIGINT');
      if (i + 1 < times) await until(() => out.includes('{"type":"stopping"'), 10000, 'the stopping record');
    }
    expect(await exited).toBe(times === 1 ? 0 : 130);
    const pids = records().flatMap((r) => (r.type === 'started' ? r.tasks!.map((t) => t.pid) : r.type === 'taskRestarted' ? [r.pid!] : []));
    await until(() => survivors(pids).length === 0, 5000, 'every task process to be gone').catch(() => undefined);
    expect(survivors(pids)).toEqual([]);
  });
});
