// A new project's install, as a newcomer gets it: `npm pack` stands in for the registry, `npx --yes --package
// ./<tarball> stp quickstart demo` scaffolds, and `npm install ../<tarball>` in demo/ is timed (wall clock: most of
// it is npm's own work and the file system). Also: how big node_modules is, and whether ssh2's optional native
// build (node-gyp) ran; stp never needs it (ssh2 falls back to Node's own crypto).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newcomerEnv, removeNpxInstalls } from '../__tests__/helpers/newcomer.js';
import type { Bench, BenchRow } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: newcomerEnv(), encoding: 'utf8', timeout: 900_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

function diskMiB(dir: string): number {
  return Number(/^(\d+)/.exec(run('du', ['-sk', dir], dir))![1]) / 1024;
}

const bench: Bench = {
  id: 'install',
  title: 'Installing stp in a new project',
  method:
    "`npm pack`, then in an empty directory `npx --yes --package ./<tarball> stp quickstart demo`, then `npm install ../<tarball>` in demo/ timed once (wall clock), with npm's cache as the repository's `npm ci` left it (`--prefer-offline`); node_modules measured with `du -sk`. The npm version and whether ssh2's optional native crypto binding was built are noted in the rows.",
  async run() {
    const work = mkdtempSync(path.join(os.tmpdir(), 'stp-install-bench-'));
    try {
      run('npm', ['pack', '--pack-destination', work, '--silent'], root);
      const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
      const tarballKiB = Number(/^(\d+)/.exec(run('du', ['-k', path.join(work, tarball)], work))![1]);
      run('npx', ['--yes', '--package', `./${tarball}`, 'stp', 'quickstart', 'demo'], work);
      const project = path.join(work, 'demo');
      const started = performance.now();
      run('npm', ['install', `../${tarball}`], project);
      const seconds = (performance.now() - started) / 1000;
      const modules = path.join(project, 'node_modules');
      const packages = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)) : name.startsWith('.') ? [] : [name])).length;
      const binding = existsSync(path.join(modules, 'ssh2/lib/protocol/crypto/build/Release/sshcrypto.node'));
      const npm = run('npm', ['--version'], work).trim();
      const stpMiB = diskMiB(path.join(modules, 'storm-ts'));
      // npx left an install of its own under npm's cache; remove it with the rest.
      removeNpxInstalls(work);
      const rows: BenchRow[] = [
        { name: `npm install of the tarball in a new project (npm ${npm})`, value: seconds, unit: 's' },
        { name: `node_modules of the new project (${packages} top-level packages)`, value: diskMiB(modules), unit: 'MiB' },
        { name: 'of which storm-ts itself', value: stpMiB, unit: 'MiB' },
        { name: 'the packed tarball', value: tarballKiB, unit: 'KiB' },
        { name: "ssh2's optional native crypto binding built by node-gyp during the install (1 = yes, 0 = no)", value: binding ? 1 : 0, unit: '' },
      ];
      return rows;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default bench;
