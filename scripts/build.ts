// `npm run build`: the compiled package in dist/. esbuild turns every lib/ and cli/ source file into one ES module
// of the same path under dist/ (with a source map that carries the source, since the package ships no .ts), and
// tsc writes the .d.ts of lib/ (what users' tsc reads). Files whose content did not change are not rewritten, so a
// build never disturbs a CLI that is running from dist/ at the same time (tests build before they spawn it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type OutputFile } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** The source folders compiled into dist/ under the same names. */
const SOURCES = ['lib', 'cli'];
/** Code made by the Thrift compiler: already JavaScript (CommonJS), copied as it is with its declarations. */
const GENERATED = 'lib/nimbus/gen-nodejs';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(ROOT, file).startsWith(`${GENERATED}/`));
}

async function compile(entryPoints: string[]): Promise<OutputFile[]> {
  const result = await build({
    entryPoints,
    outbase: ROOT,
    outdir: DIST,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    jsx: 'automatic',
    sourcemap: 'linked',
    sourcesContent: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    write: false,
  });
  return result.outputFiles;
}

function writeIfChanged(file: string, contents: Uint8Array): boolean {
  if (existsSync(file) && Buffer.compare(readFileSync(file), contents) === 0) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents);
  return true;
}

/** The JavaScript half: fast (esbuild, no type checks). Returns how many files it wrote. */
export async function buildJs(): Promise<number> {
  const files = SOURCES.flatMap(sourceFiles);
  // Two batches: esbuild refuses outputs whose paths differ only in case (cli/ui/Steps.tsx beside steps.ts).
  const batches = [files.filter((f) => !f.endsWith('.tsx')), files.filter((f) => f.endsWith('.tsx'))];
  const outputs: { path: string; contents: Uint8Array }[] = (await Promise.all(batches.map(compile))).flat();
  for (const entry of readdirSync(join(ROOT, GENERATED))) {
    if (/\.(js|d\.ts|json)$/.test(entry)) outputs.push({ path: join(DIST, GENERATED, entry), contents: readFileSync(join(ROOT, GENERATED, entry)) });
  }
  let changed = 0;
  for (const output of outputs) if (writeIfChanged(output.path, output.contents)) changed++;
  pruneStale(new Set(outputs.map((output) => output.path)));
  return changed;
}

/** Removes what a deleted or renamed source left in dist/ (its .js, .js.map and .d.ts). */
function pruneStale(written: ReadonlySet<string>): void {
  for (const dir of SOURCES) {
    if (!existsSync(join(DIST, dir))) continue;
    for (const entry of readdirSync(join(DIST, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      if (written.has(file)) continue;
      const source = join(ROOT, relative(DIST, file)).replace(/\.d\.ts$/, '');
      if (file.endsWith('.d.ts') && (existsSync(`${source}.ts`) || existsSync(`${source}.tsx`))) continue;
      rmSync(file);
    }
  }
}

/** The declarations half: tsc (incremental; its build info lives in dist/, so removing dist/ rebuilds all). */
export function buildTypes(): void {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status ?? result.signal})`);
}

// As a script: `node --import tsx scripts/build.ts [--js | --types]` (both halves by default).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv[2];
  if (only !== undefined && only !== '--js' && only !== '--types') {
    console.error(`scripts/build.ts: unknown option ${only}; --js or --types builds only that half`);
    process.exit(2);
  }
  if (only !== '--types') await buildJs();
  if (only !== '--js') buildTypes();
}
