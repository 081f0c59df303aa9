// The component bundler: for each TypeScript component of a topology, esbuild writes one standalone CommonJS file
// `<outDir>/<componentId>.js` (+ `.js.map`) that runs as exactly `node <componentId>.js` with `outDir` as working
// directory, nothing installed beside it and no exec bits (how Storm's ShellComponent starts it). Its generated
// entry imports the topology module, asks `definition.componentClass(id)` for the class and calls runComponent.
// The local engine and the jar use these same files.
// The entry imports the whole 'storm-ts' barrel, so what a component does not use is left out only because
// package.json's "sideEffects" names lib/ side-effect free: esbuild then drops every unused module, whole. Without
// it, a class with a computed (symbol) member such as WindowedBolt's [ATTACH] counts as a side effect and stays.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { build, formatMessages, type BuildFailure, type Message, type Plugin } from 'esbuild';
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { LIBRARY_ENTRIES } from '../package-root.js';
import { isTopologyDefinition } from '../topology/definition.js';
import type { TopologySpec } from '../topology/spec.js';
import { CHECKPOINT_COMPONENT } from '../state/checkpoint.js';
import { bundleBanner } from './component-bundle-banner.js';
import { BundleError } from './component-bundle-errors.js';
import { COMPONENT_ESBUILD_TARGET } from './node-target.js';

export interface BundleOptions {
  /** The topology file whose default export is a TopologyDefinition. */
  readonly topologyFile: string;
  /** Where `<componentId>.js` files go (the jar's `resources/`). Created when missing. */
  readonly outDir: string;
  /** Only these components (default: every TypeScript component of the topology). */
  readonly componentIds?: readonly string[];
  /** Modules left out of the bundles, resolved at run time (default: the spec's `externals`). */
  readonly externals?: readonly string[];
  /** Absolute directories searched first for externals at run time (the per-topology node_modules on workers). */
  readonly nodePaths?: readonly string[];
  /** The topology's spec when the caller already loaded it; otherwise the bundler loads the file itself. */
  readonly spec?: TopologySpec;
  /** Progress events. */
  readonly events?: TypedEventEmitter<BundleEvents>;
  /** Progress as one callback (the same events as `events`, as a union). */
  readonly onEvent?: (event: BundleEvent) => void;
}

export interface BundledComponent {
  readonly componentId: string;
  /** Absolute path of `<componentId>.js`. */
  readonly file: string;
  /** Absolute path of its source map. */
  readonly sourceMap: string;
  readonly bytes: number;
}

export interface BundleResult {
  readonly topology: string;
  readonly outDir: string;
  readonly components: readonly BundledComponent[];
  readonly ms: number;
}

export type BundleEvents = {
  'bundle:start': (event: { topology: string; componentIds: readonly string[]; outDir: string }) => void;
  'bundle:component': (event: BundledComponent) => void;
  'bundle:done': (event: BundleResult) => void;
};

export type BundleEvent =
  | ({ type: 'bundle:start' } & Parameters<BundleEvents['bundle:start']>[0])
  | ({ type: 'bundle:component' } & BundledComponent)
  | ({ type: 'bundle:done' } & BundleResult);

export function createBundleEmitter(): TypedEventEmitter<BundleEvents> {
  return createEmitter<BundleEvents>();
}

const ENTRY = 'stp-component-entry';

export async function bundleTopology(options: BundleOptions): Promise<BundleResult> {
  const started = performance.now();
  const topologyFile = resolve(options.topologyFile);
  if (!isFile(topologyFile)) throw new BundleError(`topology file ${topologyFile} does not exist; pass the path of a topologies/*.ts file`);
  const nodePaths = options.nodePaths ?? [];
  for (const path of nodePaths) {
    if (!isAbsolute(path)) throw new BundleError(`nodePaths must be absolute directories (node_modules folders), got ${JSON.stringify(path)}`);
  }
  const spec = options.spec ?? (await loadSpec(topologyFile, options.externals ?? [], nodePaths));
  const externals = options.externals ?? spec.externals ?? [];

  const typescript = spec.components.filter((c) => c.impl.kind === 'typescript').map((c) => c.id);
  const wanted = options.componentIds ?? typescript;
  const unknown = wanted.filter((id) => !typescript.includes(id));
  if (unknown.length > 0) {
    throw new BundleError(
      `topology '${spec.name}' has no TypeScript component ${unknown.map((id) => `'${id}'`).join(', ')}; its TypeScript components are: ${typescript.join(', ') || 'none'}`,
    );
  }

  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const emit = eventSink(options);
  emit({ type: 'bundle:start', topology: spec.name, componentIds: wanted, outDir });

  if (wanted.length > 0) {
    try {
      await build({
        entryPoints: Object.fromEntries(wanted.map((id) => [id, `${ENTRY}:${id}`])),
        outdir: outDir,
        bundle: true,
        platform: 'node',
        target: COMPONENT_ESBUILD_TARGET,
        format: 'cjs',
        sourcemap: 'linked',
        sourcesContent: false,
        // No keepNames: its per-closure __name() calls cost ~5% of a bolt's throughput; without minify, class
        // names survive anyway.
        external: [...externals],
        banner: { js: bundleBanner(nodePaths) },
        define: { 'import.meta.url': '__stpImportMetaUrl' },
        plugins: [entryPlugin(topologyFile), stpPlugin()],
        logLevel: 'silent',
        write: true,
      });
    } catch (error) {
      throw await buildError(`bundling topology '${spec.name}' (${topologyFile})`, error);
    }
  }
  // The bundles are CommonJS: make sure a `"type": "module"` package.json above outDir does not turn them into ESM.
  writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');

  const components = wanted.map((componentId): BundledComponent => {
    const file = join(outDir, `${componentId}.js`);
    const component = { componentId, file, sourceMap: `${file}.map`, bytes: statSync(file).size };
    emit({ type: 'bundle:component', ...component });
    return component;
  });
  const result: BundleResult = { topology: spec.name, outDir, components, ms: performance.now() - started };
  emit({ type: 'bundle:done', ...result });
  return result;
}

/**
 * The generated entry of `<id>.js`: find the class through the topology definition and run it. The checkpoint
 * spout stp adds for stateful bolts is stp's own class (so that topologies without state never bundle its store code).
 */
function entrySource(topologyFile: string, componentId: string): string {
  if (componentId === CHECKPOINT_COMPONENT) {
    return `
import { CheckpointSpout, runComponent } from 'storm-ts';
runComponent(CheckpointSpout);
`;
  }
  return `
import definition from ${JSON.stringify(topologyFile)};
import { runComponent } from 'storm-ts';
const id = ${JSON.stringify(componentId)};
const Component = definition && typeof definition.componentClass === 'function' ? definition.componentClass(id) : undefined;
if (typeof Component !== 'function') {
  process.stderr.write('stp: ' + ${JSON.stringify(topologyFile)} + ' has no TypeScript component ' + JSON.stringify(id) + ' (its default export must be the topology; rebuild the bundle)\\n');
  process.exit(1);
}
runComponent(Component);
`;
}

function entryPlugin(topologyFile: string): Plugin {
  return {
    name: 'stp-component-entry',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${ENTRY}:`) }, (args) => ({ path: args.path.slice(ENTRY.length + 1), namespace: ENTRY }));
      b.onLoad({ filter: /.*/, namespace: ENTRY }, (args) => ({
        contents: entrySource(topologyFile, args.path),
        resolveDir: dirname(topologyFile),
        loader: 'js',
      }));
    },
  };
}

/**
 * `import … from 'storm-ts'`: resolved as Node would (a user project's installed stp, or this repository's own
 * package through its "exports"), else from this installation, so that examples and fixtures bundle anywhere.
 */
function stpPlugin(): Plugin {
  return {
    name: 'stp-self',
    setup(b) {
      b.onResolve({ filter: /^storm-ts(\/testing)?$/ }, async (args) => {
        if ((args.pluginData as { stpRetry?: boolean } | undefined)?.stpRetry) return undefined;
        const normal = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { stpRetry: true } });
        if (normal.errors.length === 0) return { path: normal.path, external: normal.external };
        return { path: LIBRARY_ENTRIES[args.path as keyof typeof LIBRARY_ENTRIES] };
      });
    },
  };
}

/**
 * While loading the spec, a package esbuild cannot find is left to `require` at evaluation (an external the spec
 * will name, resolved from the project or nodePaths); if it is truly missing, the error names it then.
 */
function unresolvedAsExternal(): Plugin {
  return {
    name: 'stp-unresolved-external',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if ((args.pluginData as { stpRetry?: boolean } | undefined)?.stpRetry) return undefined;
        const normal = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { stpRetry: true } });
        return normal.errors.length === 0 ? { path: normal.path, external: normal.external } : { path: args.path, external: true };
      });
    },
  };
}

/** Loads the topology's spec without a TypeScript loader: bundle the file in memory, evaluate it as CommonJS. */
async function loadSpec(topologyFile: string, externals: readonly string[], nodePaths: readonly string[]): Promise<TopologySpec> {
  let code: string;
  try {
    const result = await build({
      stdin: { contents: `module.exports = require(${JSON.stringify(topologyFile)});`, resolveDir: dirname(topologyFile), loader: 'js' },
      bundle: true,
      platform: 'node',
      target: COMPONENT_ESBUILD_TARGET,
      format: 'cjs',
      keepNames: true,
      external: [...externals],
      banner: { js: `var __stpImportMetaUrl = require('node:url').pathToFileURL(${JSON.stringify(topologyFile)}).href;` },
      define: { 'import.meta.url': '__stpImportMetaUrl' },
      plugins: [stpPlugin(), unresolvedAsExternal()],
      logLevel: 'silent',
      write: false,
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    throw await buildError(`loading topology ${topologyFile}`, error);
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating our own build of the user's module
    new Function('module', 'exports', 'require', '__filename', '__dirname', code)(
      module,
      module.exports,
      externalRequire(topologyFile, nodePaths),
      topologyFile,
      dirname(topologyFile),
    );
  } catch (error) {
    throw new BundleError(`loading topology ${topologyFile} failed: ${(error as Error).stack ?? String(error)}`, { cause: error });
  }
  const definition = module.exports['default'];
  if (!isTopologyDefinition(definition)) {
    throw new BundleError(
      `${topologyFile} must default-export a topology (export default topology('name')…), got ${definition === undefined ? 'no default export' : typeof definition}`,
    );
  }
  return definition.spec;
}

/** `require` for the externals while loading the spec: from the topology's project, then from `nodePaths`. */
function externalRequire(topologyFile: string, nodePaths: readonly string[]): NodeRequire {
  const local = createRequire(topologyFile);
  const fallback = (id: string): unknown => {
    try {
      return local(id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || nodePaths.length === 0) throw error;
      // Each node path is a node_modules folder; resolving from it looks inside it.
      return local(local.resolve(id, { paths: [...nodePaths] }));
    }
  };
  return Object.assign(fallback, local) as NodeRequire;
}

async function buildError(what: string, error: unknown): Promise<BundleError> {
  const errors = (error as Partial<BuildFailure>).errors;
  if (!Array.isArray(errors)) return new BundleError(`${what} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  const text = await formatMessages(errors as Message[], { kind: 'error', color: false });
  return new BundleError(`${what} failed:\n${text.join('').trimEnd()}`, { cause: error });
}

function eventSink(options: BundleOptions): (event: BundleEvent) => void {
  return (event) => {
    options.onEvent?.(event);
    const events = options.events;
    if (!events) return;
    const { type, ...payload } = event;
    // The union member and the emitter's listener agree by construction (BundleEvent mirrors BundleEvents).
    (events.emit as (name: string, payload: unknown) => boolean)(type, payload);
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
