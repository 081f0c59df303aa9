// The process-tree helpers kill what a command started, not only the command: a shell whose children outlive it
// stands in for npm → node.
import { survivors, until } from '../local/harness.js';

/** Waits (up to 15 s: zombies wait for init) until none of `pids` is alive; returns the ones still there. */
async function survivorsAfter(pids: readonly number[]): Promise<string[]> {
  await until(() => survivors(pids).length === 0, 15_000, 'the tree to be gone').catch(() => undefined);
  return survivors(pids);
}
import { runTree, runTreeSync, startTree, killAllTrees } from './process-tree.js';

// Two grandchildren in the background, their pids printed, then a wait that outlives any deadline here.
const TREE = 'sleep 300 & echo $!; sleep 300 & echo $!; wait';

describe('process trees', () => {
  it('runTree kills the whole group at its deadline', async () => {
    const result = await runTree('sh', ['-c', TREE], { timeoutMs: 1000 });
    expect(result.timedOut).toBe(true);
    expect(result.stderr).toContain('killed with its process group after 1000 ms');
    const pids = result.stdout.trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    expect(await survivorsAfter(pids)).toEqual([]);
  });

  it('runTree returns output and status of a command that ends in time', async () => {
    const result = await runTree('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 30_000 });
    expect(result).toEqual({ status: 3, signal: null, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('runTreeSync kills the whole group at its deadline (exit 124)', async () => {
    const result = runTreeSync('sh', ['-c', TREE], { timeoutMs: 1000 });
    expect(result.status).toBe(124);
    const pids = result.stdout.trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    expect(await survivorsAfter(pids)).toEqual([]);
  });

  it('killAllTrees (run after every test file) kills trees left running', async () => {
    const child = startTree('sh', ['-c', TREE], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (out += text));
    const end = Date.now() + 10_000;
    while (out.trim().split('\n').length < 2 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    const pids = out.trim().split('\n').map(Number);
    expect(survivors(pids)).toHaveLength(2);
    killAllTrees();
    expect(await survivorsAfter([child.pid!, ...pids])).toEqual([]);
  });
});
