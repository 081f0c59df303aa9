#!/usr/bin/env node
// The stp command in a clone of the repository (the installed package's bin is dist/cli/stp.js itself): the
// compiled CLI that `npm run build` (and `npm test`, which runs it) builds.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/stp.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('stp: dist/ is missing; build it with "npm run build"\n');
  process.exit(1);
}
await import(main.href);
