// A copy of examples/wordcount in a temp dir, as a user's project: package.json (ESM), node_modules/storm-ts linked
// to this repository (its dist/, built by jest's global setup), and the config.json a test writes. Tests that
// write config.json need their own copy: the examples and fixtures are shared by test files running side by side.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface TempProject {
  readonly dir: string;
  /** Writes config.json: an object as JSON, a string as it is. */
  writeConfig(config: unknown): void;
  remove(): void;
}

export function copyWordcount(): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'stp-project-'));
  cpSync(join(repo, 'examples/wordcount/topologies'), join(dir, 'topologies'), { recursive: true });
  cpSync(join(repo, 'examples/wordcount/src'), join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'wordcount', version: '0.1.0', type: 'module' }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'storm-ts'));
  return {
    dir,
    writeConfig: (config) => writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
