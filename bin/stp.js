#!/usr/bin/env node
// The stp command in a clone of the repository (the installed package's bin is dist/cli/main.js itself): the
// compiled CLI that `npm ci` (prepare) and `npm test` build.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('stp: dist/ is missing; build it with "npm run build" (npm ci does this too)\n');
  process.exit(1);
}
await import(main.href);
