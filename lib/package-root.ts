// Where this installation of storm-ts lives (the folder of its package.json), whether it runs compiled, and the
// entry points of its library.
// The code runs as TypeScript from lib/… (jest), compiled from dist/lib/… (the library), or bundled into
// dist/cli/… (the CLI): the nearest package.json named storm-ts above this module is the root in every case.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  const here = fileURLToPath(import.meta.url);
  for (let at = dirname(here); ; at = dirname(at)) {
    const pkg = join(at, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'storm-ts') return at;
    if (dirname(at) === at) throw new Error(`cannot find the storm-ts package.json above ${here}; reinstall storm-ts`);
  }
}

/** The package folder, with no trailing separator. */
export const PACKAGE_ROOT = findRoot();

/** Whether stp runs compiled (dist/) rather than from its TypeScript sources. */
export const COMPILED = !import.meta.url.endsWith('.ts');

/** The library's entry points in this installation, compiled or as sources (to resolve `storm-ts` as a last resort). */
export const LIBRARY_ENTRIES: Readonly<Record<'storm-ts' | 'storm-ts/testing', string>> = COMPILED
  ? { 'storm-ts': join(PACKAGE_ROOT, 'dist/lib/index.js'), 'storm-ts/testing': join(PACKAGE_ROOT, 'dist/lib/testing/index.js') }
  : { 'storm-ts': join(PACKAGE_ROOT, 'lib/index.ts'), 'storm-ts/testing': join(PACKAGE_ROOT, 'lib/testing/index.ts') };
