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
