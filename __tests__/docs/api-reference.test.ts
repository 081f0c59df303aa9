// docs/api is the API reference TypeDoc writes from the .d.ts files the package ships (`npm run docs:api`). It is
// committed, so it goes stale as soon as an export changes; this regenerates it into a temporary directory from the
// build `npm test` has just made and requires every page to be the same, none missing, none left over.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTreeSync } from '../helpers/process-tree.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const committed = join(root, 'docs', 'api');

function pages(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return found;
}

describe('docs/api', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'stp-api-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is what `npm run docs:api` writes from the current exports', () => {
    const typedoc = runTreeSync(join(root, 'node_modules', '.bin', 'typedoc'), ['--out', out, '--logLevel', 'Error'], { cwd: root, timeoutMs: 240_000 });
    expect({ status: typedoc.status, stderr: typedoc.stderr }).toEqual({ status: 0, stderr: '' });
    const fresh = pages(out);
    const current = pages(committed);
    const missing = [...fresh.keys()].filter((page) => !current.has(page));
    const leftOver = [...current.keys()].filter((page) => !fresh.has(page));
    const stale = [...fresh.keys()].filter((page) => current.has(page) && current.get(page) !== fresh.get(page));
    // What is wrong and what to run, rather than a diff of generated Markdown.
    const problems = [
      ...missing.map((page) => `docs/api/${page} is missing`),
      ...leftOver.map((page) => `docs/api/${page} documents nothing the package exports`),
      ...stale.map((page) => `docs/api/${page} is out of date`),
    ];
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\nRun \`npm run docs:api\` and commit docs/api.`);
  });
});
