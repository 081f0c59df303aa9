// How much the typed builder costs the compiler: `tsc --noEmit` on generated topologies of 50, 200 and 500
// components (one spout in ten, every bolt on a fields grouping of the component before it), side by side with
// the same graph and the same component classes written as a plain, untyped object literal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Bench, type BenchRow } from './harness.js';

const SIZES = [50, 200, 500];
const RUNS = 3;
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const builder = join(root, 'lib', 'topology', 'builder.js');
const spec = join(root, 'lib', 'topology', 'spec.js');

const isSpout = (i: number): boolean => i % 10 === 0;

function classes(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const reads = isSpout(i) ? '' : ` reads: ['f${i - 1}'],`;
    lines.push(`class C${i} { static readonly declaration = {${reads} outputs: { default: ['f${i}', 'n'] } } as const; }`);
  }
  return lines.join('\n');
}

/**
 * The topology through the typed builder, as chains of 50 components held in consts: a single fluent chain of
 * ~900 calls overflows tsc's binder stack (a parser limit, not a type-checking one), so large generated
 * topologies are written in steps.
 */
export function typedSource(n: number): string {
  const steps: string[] = [];
  let chain = [`const t0 = topology('generated')`];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 50 === 0) {
      steps.push(`${chain.join('\n')};`);
      chain = [`const t${i / 50} = t${i / 50 - 1}`];
    }
    if (isSpout(i)) chain.push(`  .spout('c${i}', C${i})`);
    else chain.push(`  .bolt('c${i}', C${i}, { p: 2 })`, `  .fields('c${i - 1}', ['f${i - 1}'])`);
  }
  steps.push(`${chain.join('\n')};`);
  const last = `t${Math.floor((n - 1) / 50)}`;
  return `import { topology } from ${JSON.stringify(builder)};\n${classes(n)}\n${steps.join('\n')}\nexport default ${last};\n`;
}

/** The same graph as a plain object literal (no builder types), importing the same library for equal footing. */
export function plainSource(n: number, annotated = false): string {
  const components: string[] = [];
  for (let i = 0; i < n; i++) {
    const inputs = isSpout(i) ? '[]' : `[{ source: 'c${i - 1}', stream: 'default', grouping: { type: 'fields', fields: ['f${i - 1}'] } }]`;
    components.push(
      `    { id: 'c${i}', role: '${isSpout(i) ? 'spout' : 'bolt'}', impl: { kind: 'typescript', className: C${i}.name }, ` +
        `streams: { default: { fields: ['f${i}', 'n'], direct: false } }, inputs: ${inputs}, parallelism: ${isSpout(i) ? 1 : 2}, conf: {} },`,
    );
  }
  const head = annotated
    ? `import type { TopologySpec } from ${JSON.stringify(spec)};\n${classes(n)}\nconst spec: TopologySpec = {`
    : `import ${JSON.stringify(builder)};\n${classes(n)}\nconst spec = {`;
  return `${head}\n  name: 'generated',\n  conf: {},\n  components: [\n${components.join('\n')}\n  ],\n};\nexport default spec;\n`;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: false,
  },
  files: ['topology.ts'],
};

/** Wall time and tsc's own "Check time" of `tsc --noEmit` over one file, median of RUNS. */
function measure(dir: string, source: string): { wallMs: number; checkMs: number } {
  writeFileSync(join(dir, 'topology.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  const walls: number[] = [];
  const checks: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const out = execFileSync('node', [tsc, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' });
    walls.push(performance.now() - started);
    const check = /Check time:\s+([\d.]+)s/.exec(out);
    if (!check) throw new Error(`no Check time in tsc output:\n${out}`);
    checks.push(Number(check[1]) * 1000);
  }
  return { wallMs: median(walls), checkMs: median(checks) };
}

const bench: Bench = {
  id: 'typecheck',
  title: 'Type-checking cost of the typed builder',
  method:
    '`tsc --noEmit --extendedDiagnostics` (TypeScript 5.9, strict) on a generated topology file of N components (one spout in ten, ' +
    'each bolt reading the previous component through a fields grouping), against the same graph and classes as a plain untyped ' +
    'object literal (the goal\'s baseline) and as a literal annotated `TopologySpec`. Median of 3 runs; wall time includes tsc start-up, "check" is tsc\'s own Check time.',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'stp-typecheck-'));
    const rows: BenchRow[] = [];
    try {
      for (const n of SIZES) {
        const plain = measure(dir, plainSource(n));
        const annotated = measure(dir, plainSource(n, true));
        const typed = measure(dir, typedSource(n));
        const goal = n === 200 ? '<= 2x' : undefined;
        rows.push({ name: `${n} components, plain untyped literal: tsc wall`, value: plain.wallMs, unit: 'ms' });
        rows.push({
          name: `${n} components, typed builder: tsc wall`,
          value: typed.wallMs,
          unit: 'ms',
          ratio: { value: typed.wallMs / plain.wallMs, of: 'plain untyped literal', ...(goal ? { goal } : {}) },
        });
        rows.push({ name: `${n} components, plain untyped literal: check`, value: plain.checkMs, unit: 'ms' });
        rows.push({ name: `${n} components, literal annotated as TopologySpec: check`, value: annotated.checkMs, unit: 'ms' });
        rows.push({
          name: `${n} components, typed builder: check`,
          value: typed.checkMs,
          unit: 'ms',
          ratio: { value: typed.checkMs / plain.checkMs, of: 'plain untyped literal' },
        });
        rows.push({
          name: `${n} components, typed builder vs annotated literal: check`,
          value: typed.checkMs,
          unit: 'ms',
          ratio: { value: typed.checkMs / annotated.checkMs, of: 'annotated literal' },
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
