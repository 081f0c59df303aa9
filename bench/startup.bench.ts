// CLI start-up: the CPU time (user + sys, the process and every child it waited for) of `stp --help`, of `stp list`
// against a Thrift server playing Nimbus on 127.0.0.1, and of `stp run -t 1` on a topology whose spout emits
// nothing (so the figure is start-up and shutdown), each against `node -e 0` measured in the same rounds. Then all
// of it again beside two busy loops (both cores taken, as when a local topology runs). The CLI is the installed
// one: dist/cli/main.js, what package.json's bin names.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeNimbus } from '../__tests__/nimbus/fake-nimbus.js';
import { median, type Bench, type BenchRow } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: { stp: string } }).bin.stp);
const work = path.join(root, '_build', 'bench-startup');
const ROUNDS = 15;
const RUN_ROUNDS = 5;
/** Tasks of the idle topology: `stp run` starts one process per task. */
const RUN_TASKS = 2;

/** CPU of this process's waited-for children so far, in ms (/proc/self/stat cutime + cstime, 10 ms ticks). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Subject {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

interface Measured {
  /** Mean CPU per run, ms (means: one run is a few 10 ms ticks). */
  readonly cpuMs: number;
  /** Median wall time per run, ms. */
  readonly wallMs: number;
}

/** Runs a subject once; async, so that the fake Nimbus in this process can answer meanwhile. */
function runOnce(subject: Subject): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, subject.args, { cwd: subject.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${subject.name} exited ${code ?? signal}: ${stderr}`))));
  });
}

/** Runs each subject `rounds` times, interleaved round by round so that load changes hit all of them alike. */
async function measure(subjects: readonly Subject[], rounds: number): Promise<Map<string, Measured>> {
  const cpu = new Map<string, number>(subjects.map((s) => [s.name, 0]));
  const walls = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const subject of subjects) {
      const cpu0 = childrenCpuMs();
      const started = performance.now();
      await runOnce(subject);
      const wall = performance.now() - started;
      if (round === 0) continue; // warm-up: file cache, esbuild's service binary
      cpu.set(subject.name, cpu.get(subject.name)! + childrenCpuMs() - cpu0);
      walls.get(subject.name)!.push(wall);
    }
  }
  return new Map(subjects.map((s) => [s.name, { cpuMs: cpu.get(s.name)! / rounds, wallMs: median(walls.get(s.name)!) }]));
}

/** A project whose topology does nothing: one spout that never emits and one bolt. */
function idleProject(): string {
  const dir = path.join(work, 'idle');
  mkdirSync(path.join(dir, 'topologies'), { recursive: true });
  writeFileSync(
    path.join(dir, 'topologies', 'idle.ts'),
    `import { Bolt, Spout, topology, type Tuple } from 'storm-ts';\n\n` +
      `export class Quiet extends Spout.define({ outputs: { default: ['n'] } }) {\n  override nextTuple(): void {}\n}\n\n` +
      `export class Sink extends Bolt.define({ reads: ['n'] }) {\n  override process(_tuple: Tuple<[unknown]>): void {}\n}\n\n` +
      `export default topology('idle').spout('quiet', Quiet).bolt('sink', Sink).shuffle('quiet');\n`,
  );
  return dir;
}

function clusterProject(port: number): string {
  const dir = path.join(work, 'cluster');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ envs: { test: { nimbus: `127.0.0.1:${port}` } } }));
  return dir;
}

function rows(label: string, figures: Map<string, Measured>): BenchRow[] {
  const bare = figures.get('node -e 0')!.cpuMs;
  const figure = (name: string) => figures.get(name)!.cpuMs;
  return [
    { name: `node -e 0${label}`, value: bare, unit: 'ms CPU' },
    { name: `stp --help${label}`, value: figure('stp --help'), unit: 'ms CPU', ratio: { value: figure('stp --help') / bare, of: 'node -e 0', goal: '≤ 1.5x' } },
    { name: `stp list (fake Nimbus, 3 topologies)${label}`, value: figure('stp list'), unit: 'ms CPU', ratio: { value: figure('stp list') / bare, of: 'node -e 0', goal: '≤ 2.5x' } },
    { name: `stp list, wall time${label}`, value: figures.get('stp list')!.wallMs, unit: 'ms' },
    {
      name: `stp run -t 1, idle topology (CLI + ${RUN_TASKS} component processes)${label}`,
      value: figure('stp run -t 1'),
      unit: 'ms CPU',
      ratio: { value: figure('stp run -t 1') / (bare * (1 + RUN_TASKS)), of: `node -e 0 × ${1 + RUN_TASKS} (one per process)` },
    },
  ];
}

function startHogs(): ChildProcess[] {
  return [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }));
}

const bench: Bench = {
  id: 'startup',
  title: 'CLI start-up',
  method:
    `CPU time (user + sys of the CLI and every process it waited for, from /proc/self/stat's children times) of the compiled CLI, mean of ${ROUNDS} runs (\`stp run -t 1\`: ${RUN_ROUNDS}) after one warm-up, each subject run in turn within every round beside \`node -e 0\`; wall time as a median. \`stp list\` asks a Thrift server playing Nimbus on 127.0.0.1 (in the benchmark's process, not counted); \`stp run -t 1\` runs a topology whose spout never emits, so its figure is start-up (loading the topology through tsx, bundling, ${RUN_TASKS} component processes and their handshakes) and shutdown. "busy" rows: measured again while two \`node -e 'for(;;);'\` loops keep both cores busy.`,
  async run() {
    rmSync(work, { recursive: true, force: true });
    const nimbus = await FakeNimbus.start();
    let hogs: ChildProcess[] = [];
    try {
      for (const name of ['wordcount', 'clicks', 'sessions']) nimbus.addRunning(name);
      const cluster = clusterProject(nimbus.port);
      const idle = idleProject();
      const quick: Subject[] = [
        { name: 'node -e 0', args: ['-e', '0'], cwd: root },
        { name: 'stp --help', args: [bin, '--help'], cwd: root },
        { name: 'stp list', args: [bin, 'list'], cwd: cluster },
      ];
      const run: Subject[] = [{ name: 'stp run -t 1', args: [bin, 'run', '-t', '1'], cwd: idle }];
      const phase = async (): Promise<Map<string, Measured>> => {
        const figures = await measure(quick, ROUNDS);
        for (const [name, measured] of await measure(run, RUN_ROUNDS)) figures.set(name, measured);
        return figures;
      };
      const quiet = await phase();
      hogs = startHogs();
      const busy = await phase();
      return [...rows('', quiet), ...rows(', 2 busy loops beside', busy)];
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
      await nimbus.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default bench;
