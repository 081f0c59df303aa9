// The topology commands as a user runs them: the real bin/stp.js in a child process, output piped (plain mode).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTreeSync } from '../helpers/process-tree.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
const example = fileURLToPath(new URL('../../examples/wordcount', import.meta.url));
const windowingExample = fileURLToPath(new URL('../../examples/windowing', import.meta.url));

/** The stp library modules a bundle carries, by esbuild's `// path` line before each module (e.g. `windowing/windows`). */
function libraryModules(bundle: string): string[] {
  return [...readFileSync(bundle, 'utf8').matchAll(/^\/\/ \S*?\blib\/(\S+)\.[jt]s$/gm)].map((m) => m[1]!);
}

function stp(args: string[], cwd = example) {
  const { CI: _ci, ...env } = process.env;
  return runTreeSync('node', [bin, ...args], { cwd, env: { ...env, NO_COLOR: '1' }, timeoutMs: 30_000 });
}

describe('stp visualize / flux / bundle', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'stp-cli-'));
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('prints DOT and mermaid of the only topology', () => {
    const dot = stp(['visualize', '--format', 'dot']);
    expect(dot.status).toBe(0);
    expect(dot.stdout).toContain('"words" -> "count" [label="fields(word)"];');
    const mermaid = stp(['visualize', '-n', 'wordcount', '--format', 'mermaid']);
    expect(mermaid.stdout).toContain('n0 -->|"fields(word)"| n1');
  });

  it('writes an SVG, choosing the format from the file name', () => {
    const file = join(out, 'wc.svg');
    const result = stp(['visualize', '--output', file]);
    expect(result.stdout).toBe(`wrote svg of topology "wordcount" to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toContain('<svg');
    // -o means a conf override on every command that has it; here it is not a flag at all.
    const short = stp(['visualize', '-o', file]);
    expect(short.status).not.toBe(0);
    expect(short.stderr).toBe('stp: Unknown option `-o`\n');
  });

  it('refuses an unknown format and an unknown topology with usage errors', () => {
    const format = stp(['visualize', '--format', 'png']);
    expect(format.status).toBe(2);
    expect(format.stderr).toBe('stp: unknown --format "png"; use svg, dot, mermaid\n');
    const unknown = stp(['visualize', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('stp: unknown topology "nope": topologies/ has "wordcount"\n');
  });

  it('prints Flux YAML', () => {
    const result = stp(['flux']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('className: org.apache.storm.flux.wrappers.bolts.FluxShellBolt');
    expect(result.stdout).toMatch(/^name: "?wordcount"?$/m);
    const renamed = stp(['flux', '-N', 'wordcount-flux']);
    expect(renamed.stdout).toMatch(/^name: "?wordcount-flux"?$/m);
    const refused = stp(['flux', '-N', 'word.count']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('stp: -N "word.count": "word.count" contains "."; Storm refuses "/", ".", ":" and "\\" in topology names\n');
  });

  it('bundles every TypeScript component into --out', () => {
    const dir = join(out, 'resources');
    const result = stp(['bundle', '--out', dir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^bundled ${dir}/words\\.js \\([\\d.]+ kB\\)\\nbundled ${dir}/count\\.js`));
    expect(result.stdout).toMatch(/topology "wordcount": 2 TypeScript components in .* \(\d+ ms\)\n$/);
    expect(existsSync(join(dir, 'words.js'))).toBe(true);
    expect(existsSync(join(dir, 'count.js'))).toBe(true);
  });

  it('leaves the windowing and state code out of the bundles of a topology that uses neither', () => {
    const plain = join(out, 'plain');
    expect(stp(['bundle', '--out', plain]).status).toBe(0);
    const windowed = join(out, 'windowed');
    expect(stp(['bundle', '--out', windowed], windowingExample).status).toBe(0);
    // The marker is right: the windowed bolt's bundle carries these modules.
    expect(libraryModules(join(windowed, 'top.js'))).toEqual(expect.arrayContaining(['components/windowed-bolt', 'windowing/windows', 'windowing/window-manager']));
    for (const component of ['words', 'count']) {
      const modules = libraryModules(join(plain, `${component}.js`));
      expect(modules).toContain('components/bolt');
      // The builder keeps window-spec (it turns a window declaration into Storm's conf); nothing else of windowing.
      expect(modules.filter((m) => m === 'components/windowed-bolt' || (m.startsWith('windowing/') && m !== 'windowing/window-spec'))).toEqual([]);
      expect(modules.filter((m) => m === 'components/batching-bolt' || m === 'state/stateful-bolt' || m === 'state/checkpoint-spout')).toEqual([]);
    }
  });

  it('asks for --output (--out is the same flag)', () => {
    const result = stp(['bundle']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('stp bundle needs --output DIR');
  });
});
