// What the compiled CLI loads at start-up: `stp --help` only its own bundle, and a cluster command none of the
// heavy packages (Ink/React, esbuild, SSH, Graphviz, tsx), which load only in the commands that need them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTree } from '../helpers/process-tree.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(repo, (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { bin: { stp: string } }).bin.stp);
const HEAVY = /\/node_modules\/(ink|react|esbuild|ssh2|node-ssh|@viz-js|tsx)\//;
let scratch: string;
let nimbus: FakeNimbus;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'stp-startup-'));
  // An ES module resolve hook that appends every module URL the CLI loads to $STP_TEST_LOADED.
  const hook = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith('node:')) appendFileSync(process.env.STP_TEST_LOADED, resolved.url + '\\n');
  return resolved;
}`;
  writeFileSync(path.join(scratch, 'hook.mjs'), hook);
  // Node 26 deprecates module.register() (DEP0205, a warning on stderr): the synchronous registerHooks() where it
  // exists (Node 22.15 and later), else register() with the async hook.
  const register = `import * as mod from 'node:module';
import { appendFileSync } from 'node:fs';
if (mod.registerHooks) {
  mod.registerHooks({ resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    if (!resolved.url.startsWith('node:')) appendFileSync(process.env.STP_TEST_LOADED, resolved.url + '\\n');
    return resolved;
  } });
} else mod.register(${JSON.stringify(`file://${path.join(scratch, 'hook.mjs')}`)});
`;
  writeFileSync(path.join(scratch, 'register.mjs'), register);
  nimbus = await FakeNimbus.start();
  nimbus.addRunning('wordcount');
  writeFileSync(path.join(scratch, 'config.json'), JSON.stringify({ envs: { test: { nimbus: `127.0.0.1:${nimbus.port}` } } }));
});

afterAll(async () => {
  await nimbus?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function loaded(args: string[]): Promise<string[]> {
  const list = path.join(scratch, `loaded-${args[0]}.txt`);
  writeFileSync(list, '');
  const result = await runTree(process.execPath, ['--import', path.join(scratch, 'register.mjs'), bin, ...args], {
    cwd: scratch,
    env: { ...process.env, STP_TEST_LOADED: list, NO_COLOR: '1' },
    timeoutMs: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return readFileSync(list, 'utf8').split('\n').filter(Boolean);
}

describe('CLI start-up', () => {
  it('stp --help loads the compiled CLI bundle and nothing from node_modules', async () => {
    const urls = await loaded(['--help']);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.includes('/dist/cli/'))).toEqual([]);
  });

  it('stp list talks to Nimbus without loading Ink, esbuild, SSH, Graphviz or tsx', async () => {
    const urls = await loaded(['list']);
    expect(urls.some((url) => url.includes('/dist/cli/'))).toBe(true);
    expect(urls.filter((url) => HEAVY.test(url))).toEqual([]);
  });
});
