#!/usr/bin/env node
// The stp command's entry (package.json's bin): it checks the Node.js version before the CLI loads, since on a
// Node older than engines allows, a module that Node cannot link would fail with a stack trace before any of
// stp's code ran. It then runs the CLI (main.ts).
import { readFileSync } from 'node:fs';
import { unsupportedNodeProblem } from '../lib/node-version.js';

// dist/cli/stp.js: the package root is two folders up.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
const problem = unsupportedNodeProblem(process.version, pkg.engines.node);
if (problem !== undefined) {
  process.stderr.write(`stp: ${problem}\n`);
  process.exit(1);
}
await import('./main.js');
