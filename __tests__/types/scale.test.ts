// A large generated topology must type-check without "excessively deep" errors: a regression guard for the
// builder's type design (an accumulating alias used to make tsc give up near 100 components).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { typedSource } from '../../bench/typecheck.bench.js';

describe('a generated topology of 150 components', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stp-scale-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles with no diagnostics', () => {
    const file = join(dir, 'topology.ts');
    writeFileSync(file, typedSource(150));
    const program = ts.createProgram({
      rootNames: [file],
      options: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2023.d.ts'],
        types: [],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
