// `npm run build`: the compiled package in dist/.
// - dist/lib: the library users import (`storm-ts`, `storm-ts/testing`), one ES module per lib/ source file
//   (esbuild), with the .d.ts users' tsc reads (tsc, tsconfig.build.json).
// - dist/cli: the `stp` command, bundled by esbuild: stp.js (checks the Node version, then loads main.js) and
//   cli/main.ts as a small entry and one chunk per command
//   (each command is a dynamic import), with the small pure-JS dependencies inside: loading hundreds of separate
//   modules (zod alone has 200+) cost more CPU than all the rest of a cluster command. Heavy or native packages
//   stay outside, loaded only by the commands that need them.
// Source maps carry the sources (the package ships no .ts). Files whose content did not change are not rewritten,
// so a build never disturbs a CLI running from dist/ at the same time (tests build before they spawn it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type OutputFile, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Code made by the Thrift compiler: already JavaScript (CommonJS), copied as it is with its declarations. */
const GENERATED = 'lib/nimbus/gen-nodejs';
/**
 * Packages the CLI bundle leaves to Node: esbuild and ssh2 carry native parts, tsx registers loaders by file,
 * and ink/react and @viz-js/viz are large and needed only by a TTY view or `stp visualize`.
 */
const CLI_EXTERNALS = ['esbuild', 'tsx', 'ink', 'react', '@viz-js/viz', 'ssh2', 'node-ssh'];

const COMMON: BuildOptions = {
  platform: 'node',
  target: 'node20',
  format: 'esm',
  jsx: 'automatic',
  sourcemap: 'linked',
  sourcesContent: true,
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
  write: false,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(ROOT, file).startsWith(`${GENERATED}/`));
}

/** dist/lib: one module per source file. */
async function compileLibrary(entryPoints: string[]): Promise<OutputFile[]> {
  return (await build({ ...COMMON, entryPoints, outbase: ROOT, outdir: DIST, bundle: false })).outputFiles!;
}

/** `thrift` in the CLI bundle: the parts stp uses (scripts/thrift-slim.cjs says why). */
const thriftSlim: Plugin = {
  name: 'thrift-slim',
  setup(b) {
    b.onResolve({ filter: /^thrift$/ }, () => ({ path: join(ROOT, 'scripts/thrift-slim.cjs') }));
  },
};

/** dist/cli: the command, bundled and split per command. */
async function bundleCli(): Promise<OutputFile[]> {
  const result = await build({
    ...COMMON,
    entryPoints: { stp: join(ROOT, 'cli/stp.ts'), main: join(ROOT, 'cli/main.ts') },
    outdir: join(DIST, 'cli'),
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // ES module builds first: jsonc-parser's "main" is a UMD build whose require() calls a bundler cannot follow.
    mainFields: ['module', 'main'],
    minify: true,
    // thrift's parts and node-int64 stay in node_modules too: Node warns of their `new Buffer()` (DEP0005) when
    // it runs from outside node_modules.
    external: [...CLI_EXTERNALS.flatMap((name) => [name, `${name}/*`]), 'thrift/*', 'node-int64'],
    // Bundled CommonJS (thrift) calls require(): give each ES module chunk one.
    plugins: [thriftSlim],
    banner: { js: "import { createRequire as __stpCreateRequire } from 'node:module';\nconst require = __stpCreateRequire(import.meta.url);" },
  });
  return result.outputFiles!;
}

function writeIfChanged(file: string, contents: Uint8Array): boolean {
  if (existsSync(file) && Buffer.compare(readFileSync(file), contents) === 0) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents);
  return true;
}

/** The JavaScript half: fast (esbuild, no type checks). Returns how many files it wrote. */
export async function buildJs(): Promise<number> {
  const outputs: { path: string; contents: Uint8Array }[] = (await Promise.all([compileLibrary(sourceFiles('lib')), bundleCli()])).flat();
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
  for (const dir of ['lib', 'cli']) {
    if (!existsSync(join(DIST, dir))) continue;
    for (const entry of readdirSync(join(DIST, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      if (written.has(file)) continue;
      const source = join(ROOT, relative(DIST, file)).replace(/\.d\.ts$/, '');
      if (dir === 'lib' && file.endsWith('.d.ts') && (existsSync(`${source}.ts`) || existsSync(`${source}.tsx`))) continue;
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
