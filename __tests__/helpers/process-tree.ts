// Child processes for tests that start npm, npx or the stp CLI. Each one leads a process group of its own, so that
// a timeout kills the whole tree it grew (npm → sh → node → component processes), never just its top: a killed
// `npm install` must not go on as an orphan. Trees still running when a test file ends are killed too (see
// process-tree-cleanup.ts, which jest runs around every test file).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns } from 'node:child_process';

/** Group leaders started here whose process has not exited yet. */
const running = new Set<ChildProcess>();

/** Starts `command` as the leader of a new process group; kill it (and all it started) with killTree. */
export function startTree(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Sends `signal` to the child's whole process group (no-op when the group is gone). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Kills every tree started by startTree/runTree whose leader is still running. */
export function killAllTrees(): void {
  for (const child of running) killTree(child);
  running.clear();
}

export interface TreeResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The deadline passed and the tree was killed. */
  readonly timedOut: boolean;
}

export interface RunTreeOptions extends Omit<SpawnOptions, 'detached' | 'stdio' | 'timeout'> {
  /** After this long the whole tree is killed (SIGKILL) and the result says timedOut. */
  readonly timeoutMs: number;
  /** Called with all stdout so far at each chunk (to act on output, e.g. send a signal). */
  readonly onStdout?: (stdout: string, child: ChildProcess) => void;
}

/** Runs `command` to its end in a process group of its own; stdout and stderr are collected as text. */
export function runTree(command: string, args: readonly string[], options: RunTreeOptions): Promise<TreeResult> {
  const { timeoutMs, onStdout, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = startTree(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, child);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[${command} ${args.join(' ')}: killed with its process group after ${timeoutMs} ms]\n`;
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * The synchronous form, for short commands in synchronous tests: GNU timeout runs the command in a process group
 * of its own and, at the deadline, kills that group (TERM, then KILL 5 s later). Exit status 124 means timed out.
 */
export function runTreeSync(
  command: string,
  args: readonly string[],
  options: Omit<SpawnSyncOptionsWithStringEncoding, 'timeout' | 'encoding'> & { readonly timeoutMs: number },
): SpawnSyncReturns<string> {
  const { timeoutMs, ...spawnOptions } = options;
  // spawnSync's default 1 MiB buffer ends a chatty command with ENOBUFS; a test wants its whole output.
  const result = spawnSync('timeout', ['--kill-after=5', `${timeoutMs / 1000}`, command, ...args], { maxBuffer: 64 * 1024 * 1024, ...spawnOptions, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status === 124) result.stderr += `\n[${command} ${args.join(' ')}: killed with its process group after ${timeoutMs} ms]\n`;
  return result;
}
