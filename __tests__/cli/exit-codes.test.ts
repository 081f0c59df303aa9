// Usage errors exit 2 on every command, cac's own included (an unknown option, a missing argument), as docs/cli.md's
// exit status table says; the real bundled CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTree } from '../helpers/process-tree.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stp-exit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  [['list', '--bogus'], 'stp: Unknown option `--bogus`'],
  [['kill', '--bogus', 'x'], 'stp: Unknown option `--bogus`'],
  [['nope'], 'stp: unknown command "nope"'],
])('stp %j is a usage error: exit 2', async (args, line) => {
  const result = await runTree(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 30_000 });
  expect(result.status).toBe(2);
  expect(result.stderr.split('\n')[0]).toContain(line);
});

// Every command the help lists, so a new one is covered without editing this file: an unknown option, and the
// command with no arguments at all in a folder that is not a project (a missing name, config.json or topology).
it('every command gives exit 2 for an unknown option and for missing arguments or project files', async () => {
  const help = await runTree(process.execPath, [bin, '--help'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 30_000 });
  const commands = [...help.stdout.split('Commands:')[1]!.split('\n\n')[0]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
  expect(commands).toEqual(expect.arrayContaining(['run', 'submit', 'kill', 'list', 'top', 'quickstart', 'tail']));
  const wrong: string[] = [];
  for (const command of [...commands, 'deploy']) {
    for (const args of [[command, '--bogus'], [command]]) {
      const result = await runTree(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 30_000 });
      const first = result.stderr.split('\n')[0] ?? '';
      if (result.status !== 2 || !first.startsWith('stp: ')) wrong.push(`stp ${args.join(' ')}: exit ${result.status}, ${JSON.stringify(first)}`);
    }
  }
  expect(wrong).toEqual([]);
}, 240_000);
