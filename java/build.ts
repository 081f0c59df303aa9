// `npm run build:java`: compiles stp's multilang serializer (java/serializer/src) for Java 8 against the stub
// declarations of the Storm types it uses (java/serializer/stubs, never shipped) and writes the class files to
// java/serializer/classes, which are committed and shipped: users need no JDK. A test recompiles and checks the
// committed classes equal a fresh build.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERIALIZER_DIR = fileURLToPath(new URL('./serializer', import.meta.url));

function javaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.java'))
    .sort()
    .map((name) => join(dir, name));
}

/** Compiles the serializer into `outDir` (only its own classes: stubs are read as sources, never emitted). */
export function compileSerializer(outDir: string): void {
  execFileSync(
    'javac',
    ['--release', '8', '-Xlint:all', '-Werror', '-implicit:none', '-sourcepath', join(SERIALIZER_DIR, 'stubs'), '-d', outDir, ...javaFiles(join(SERIALIZER_DIR, 'src'))],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = mkdtempSync(join(tmpdir(), 'stp-serializer-'));
  try {
    compileSerializer(out);
    const classes = join(SERIALIZER_DIR, 'classes');
    rmSync(classes, { recursive: true, force: true });
    cpSync(out, classes, { recursive: true });
    process.stdout.write(`✓ ${readdirSync(classes, { recursive: true }).filter((name) => String(name).endsWith('.class')).length} class files in ${classes}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
