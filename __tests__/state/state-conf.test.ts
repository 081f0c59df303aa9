// Bad state config stops `stp run` before anything starts, with one line naming what and where.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTreeSync } from '../helpers/process-tree.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(path.join(root, '_build'), { recursive: true });
// A copy of the example: its _build/ must not be replaced under the chaos proof, which runs the same project.
// Inside the repository (its _build/, ignored by git) so that `storm-ts` resolves to this package.
const project = mkdtempSync(path.join(root, '_build', 'state-conf-'));
cpSync(path.join(root, 'examples/stateful'), project, { recursive: true, filter: (f) => !/[\\/](_build|logs)$/.test(f) });
afterAll(() => rmSync(project, { recursive: true, force: true }));
const topology = path.join(project, 'topologies/wordcount.ts');

function run(...options: string[]) {
  return runTreeSync(process.execPath, [path.join(root, 'bin/stp.js'), 'run', topology, '-t', '1', ...options.flatMap((o) => ['-o', o])], { cwd: project, timeoutMs: 60_000 });
}

it('an unknown provider is one line naming the key and the value', () => {
  const result = run('topology.state.provider=bogus');
  expect(result.status).not.toBe(0);
  expect(result.stderr.trim()).toBe(
    `stp: conf "topology.state.provider" (from -o topology.state.provider="bogus") is "bogus", which is not a state provider stp has; use "file" (the default, no server), "redis" or "memory" (or Storm's class name for Redis or memory)`,
  );
  expect(result.stdout).not.toContain('started');
});

it('an unreachable Redis is one line naming where', () => {
  const result = run('topology.state.provider=redis', 'topology.state.provider.config={"jedisPoolConfig":{"host":"127.0.0.1","port":1}}');
  expect(result.status).not.toBe(0);
  expect(result.stderr.trim()).toMatch(/^stp: stateful bolt 'count': the Redis state store at 127\.0\.0\.1:1 \(topology\.state\.provider\.config\) does not answer: .*ECONNREFUSED/);
});
