// `stp top` end to end: the real CLI (bin/stp.js) off a terminal, against the Thrift server playing Nimbus in
// this process (its workers report once a reporting interval, as Storm's): JSON records with steady rates over a
// window, and plain lines, the topology killed mid-view, Nimbus dying and coming back, and one
// clear line for an unknown name or an unreachable Nimbus.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeCluster, WORDCOUNT_FLOWS, type FakeCluster } from './fake-cluster.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stp.js');

interface Running {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number>;
}

const children = new Set<ChildProcess>();

function stp(cwd: string, ...args: string[]): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const running: Running = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('close', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    })),
  };
  child.stdout!.on('data', (chunk: Buffer) => (running.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (running.stderr += chunk.toString()));
  return running;
}

async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const records = (run: Running): Record<string, unknown>[] =>
  run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let cluster: FakeCluster;

beforeEach(async () => {
  cluster = await startFakeCluster();
});
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  await cluster.close();
});

it('--json prints a topology record and one per component every interval, with steady rates over the window', async () => {
  // Workers report every 1.5 s; stp asks every 0.5 s.
  cluster.nimbus.reportIntervalMs = 1500;
  const run = stp(cluster.project, 'top', 'wordcount', '-e', 'test', '--interval', '0.5', '--json');
  await waitFor(() => records(run).filter((r) => r['type'] === 'topology' && r['reported_secs_ago'] !== null && r['report_interval_secs'] !== null).length >= 2, 'two frames after a report seen twice');
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
  expect(run.stderr).toBe('');
  const all = records(run);
  expect(all[0]).toMatchObject({ type: 'topology', topology: 'wordcount', status: 'ACTIVE', uptime_secs: 3725, workers: 2, slots_used: 3, slots_total: 8, storm_version: '2.8.1', interval_secs: null, window: '600', reported_secs_ago: null, report_interval_secs: null });
  expect(all.filter((r) => r['type'] === 'topology').at(-1)).toMatchObject({ reported_secs_ago: expect.any(Number), report_interval_secs: expect.any(Number) });
  // Every record, the first one too: the counted rate within 10%, never 0/s; capacity and latencies of the same window.
  const counts = all.filter((r) => r['component'] === 'count');
  expect(counts.length).toBeGreaterThanOrEqual(3);
  for (const count of counts) {
    expect(count).toMatchObject({ type: 'component', kind: 'bolt', executors: 2, tasks: 2, window: '600', last_error: null, busy: true });
    expect(Math.abs((count['executed_per_sec'] as number) / (2 * WORDCOUNT_FLOWS.count.executed) - 1)).toBeLessThan(0.1);
    expect(count['capacity']).toBeCloseTo(0.9, 6);
    expect(count['execute_latency_ms']).toBeCloseTo(1.2, 6);
    expect(count['process_latency_ms']).toBeCloseTo(1.3, 6);
  }
  for (const spout of all.filter((r) => r['component'] === 'sentences')) {
    expect(Math.abs((spout['acked_per_sec'] as number) / WORDCOUNT_FLOWS.sentences.acked - 1)).toBeLessThan(0.1);
  }
  // Storm's own executors (__acker) are not listed.
  expect(new Set(all.map((r) => r['component']))).toEqual(new Set([undefined, 'sentences', 'split', 'count']));
});

it('--window all gives the rates over all time', async () => {
  const run = stp(cluster.project, 'top', 'wordcount', '--window', 'all', '--interval', '0.5', '--json');
  await waitFor(() => records(run).some((r) => r['component'] === 'count'), 'a frame');
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
  expect(records(run).find((r) => r['component'] === 'count')).toMatchObject({ window: ':all-time' });
  const bad = stp(cluster.project, 'top', 'wordcount', '--window', '5m');
  expect(await bad.exit).toBe(2);
  expect(bad.stderr).toBe('stp: --window must be one of 10m, 3h, 1d, all (found "5m")\n');
});

it('prints plain lines off a terminal and ends with one line when the topology is killed', async () => {
  cluster.topology.errors['split'] = [{ error: 'java.lang.RuntimeException: bad line\n\tat Split', timeSecs: Math.floor(Date.now() / 1000) - 5 }];
  const run = stp(cluster.project, 'top', '--interval', '0.5');
  await waitFor(() => /executed \d+\/s/.test(run.stdout), 'a frame with rates');
  expect(run.stdout).toMatch(/^wordcount \(wordcount-1-1700000000\) {2}ACTIVE {2}up 1h 2m 5s {2}workers 2 {2}slots 3\/8 {2}Storm 2\.8\.1 {2}rates over the last 10 min {2}workers reported (>)?\d+s ago(, every ~\d+s)?$/m);
  expect(run.stdout).toMatch(/ {2}wordcount {2}count {2}bolt {2}executors 2 {2}tasks 2 {2}emitted 1500\/s {2}transferred 1500\/s {2}acked 1500\/s {2}failed 0\/s {2}executed 1500\/s {2}execute 1\.20 ms {2}process 1\.30 ms {2}capacity 0\.900 {2}BUSY$/m);
  expect(run.stdout).toMatch(/ {2}wordcount {2}split {2}bolt {2}executors 2 {2}tasks 2 {2}emitted .*error \d+s ago: java\.lang\.RuntimeException: bad line$/m);
  cluster.topology.status = 'KILLED';
  expect(await run.exit).toBe(1);
  expect(run.stderr).toBe('stp: topology "wordcount" was killed (Nimbus is removing it)\n');
});

it('retries with a countdown while Nimbus is down, and goes on when it is back', async () => {
  const run = stp(cluster.project, 'top', 'wordcount', '--interval', '0.5', '--json');
  await waitFor(() => records(run).some((r) => r['type'] === 'component'), 'the first frame');
  await cluster.nimbus.stopListening();
  await waitFor(() => records(run).some((r) => r['type'] === 'retrying'), 'a retry record');
  const retry = records(run).find((r) => r['type'] === 'retrying')!;
  expect(retry).toMatchObject({ attempt: 1, retry_in_secs: expect.any(Number) });
  await cluster.nimbus.listenAgain();
  await waitFor(() => records(run).some((r) => r['type'] === 'reconnected'), 'the reconnection');
  const after = records(run).length;
  await waitFor(() => records(run).slice(after).some((r) => r['type'] === 'component'), 'a frame after the reconnection');
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
});

it('says in one line that a name is unknown, or that Nimbus cannot be reached', async () => {
  const unknown = stp(cluster.project, 'top', 'nope');
  expect(await unknown.exit).toBe(1);
  expect(unknown.stderr).toBe(`stp: no topology named "nope" is running on Nimbus (127.0.0.1:${cluster.nimbus.port}); running: wordcount\n`);
  await cluster.nimbus.stopListening();
  const down = stp(cluster.project, 'top', 'wordcount');
  expect(await down.exit).toBe(1);
  expect(down.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^stp: cannot connect to Nimbus at 127\.0\.0\.1:\d+: connection refused/)]);
  const bad = stp(cluster.project, 'top', 'wordcount', '--interval', 'soon');
  expect(await bad.exit).toBe(2);
  expect(bad.stderr).toBe('stp: --interval must be a number >= 0.5 (found "soon")\n');
});
