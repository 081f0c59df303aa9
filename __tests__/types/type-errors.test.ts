// Compiles every __tests__/types/fail/*.ts with the TypeScript compiler API and checks that each
// `// @expect-error: <message>` comment is matched by a diagnostic on the next line whose text contains the
// message, and that no other diagnostic appears: this guards both that a bad topology fails and the wording a
// user reads. (tsc itself compiles __tests__/types/pass/** through the main tsconfig in `npm test`.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const failDir = join(root, '__tests__', 'types', 'fail');
const files = readdirSync(failDir)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join(failDir, f));

interface Expectation {
  readonly line: number; // 0-based line the error must start on
  readonly message: string;
}

function expectations(file: string): Expectation[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found: Expectation[] = [];
  lines.forEach((text, i) => {
    const match = /^\s*\/\/ @expect-error: (.*)$/.exec(text);
    if (match) found.push({ line: i + 1, message: match[1]! });
  });
  return found;
}

/** tsc prints string literal types with escapes; unescape so messages compare as a user reads them. */
function readable(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/\\(["\\])/g, '$1');
}

/** A branded stp message must match exactly; a plain tsc message must contain the expected text. */
function matches(text: string, message: string): boolean {
  const branded = /StpTypeError<"(.*)">'/.exec(text);
  return branded ? branded[1] === message : text.includes(message);
}

let program: ts.Program;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(readable(d));
    },
  });
  if (!config) throw new Error('cannot read tsconfig.json');
  program = ts.createProgram({ rootNames: files, options: { ...config.options, noEmit: true } });
});

describe('compile-time topology errors', () => {
  it('has fail cases to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files.map((f) => [f.slice(failDir.length + 1), f]))('%s fails with the expected message', (_name, file) => {
    const source = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const actual = diagnostics.map((d) => ({
      line: d.start === undefined ? -1 : source.getLineAndCharacterOfPosition(d.start).line,
      text: readable(d),
    }));
    const wanted = expectations(file);
    expect(wanted.length).toBeGreaterThan(0);
    for (const expectation of wanted) {
      const hit = actual.find((a) => a.line === expectation.line && matches(a.text, expectation.message));
      if (!hit) {
        throw new Error(
          `expected on line ${expectation.line + 1}: ${expectation.message}\ngot:\n${actual.map((a) => `  line ${a.line + 1}: ${a.text}`).join('\n') || '  no errors'}`,
        );
      }
    }
    const unexpected = actual.filter((a) => !wanted.some((w) => w.line === a.line));
    expect(unexpected).toEqual([]);
  });
});
