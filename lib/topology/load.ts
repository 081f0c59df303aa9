// Finds and loads a project's topology the streamparse way: `topologies/*.ts` (or config.json's
// `topology_specs` folder), chosen by name or path, or the only one when there is one. The file is imported as is
// (through tsx when stp runs compiled, see ../user-module.ts), its default export must be a TopologyDefinition,
// and its spec must pass validateTopology.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { CONFIG_FILE, loadConfig } from '../config/load.js';
import type { TopologyDefinition } from './definition.js';
import { isTopologyDefinition } from './definition.js';
import { describe } from './java-args.js';
import { validateTopology } from './validate.js';
import { importUserModule } from '../user-module.js';
import { shown } from '../shown.js';

export const DEFAULT_TOPOLOGY_DIR = 'topologies';
const TOPOLOGY_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

export class TopologyLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TopologyLoadError';
  }
}

export interface LoadedTopology {
  /** Absolute path of the topology file. */
  readonly file: string;
  readonly definition: TopologyDefinition;
}

export interface LoadTopologyOptions {
  /** The project folder. @default process.cwd() */
  readonly cwd?: string;
}

/** The topology folder: config.json's `topology_specs` when set, else `topologies/`. config.json, when there is
 * one, is checked whole here (unknown keys, wrong types), whichever command reads it. */
export function topologyDir(cwd: string): string {
  if (!existsSync(join(cwd, CONFIG_FILE))) return resolve(cwd, DEFAULT_TOPOLOGY_DIR);
  try {
    return resolve(cwd, loadConfig(cwd).config.topology_specs);
  } catch (error) {
    if (error instanceof ConfigError) throw new TopologyLoadError(error.message);
    throw error;
  }
}

/** Topology files by name (file name without extension), sorted by name. */
export function listTopologies(cwd: string): Map<string, string> {
  const dir = topologyDir(cwd);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TopologyLoadError(
      `no topologies folder: ${relative(cwd, dir) || dir} does not exist in ${cwd}. ` +
        'Put topology files in topologies/ (or set "topology_specs" in config.json), or pass a file path',
    );
  }
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    const ext = extname(entry);
    if (!TOPOLOGY_EXTENSIONS.includes(ext) || entry.endsWith('.d.ts') || /\.(test|spec)\.[cm]?[jt]s$/.test(entry)) continue;
    const name = basename(entry, ext);
    if (!found.has(name)) found.set(name, join(dir, entry));
  }
  return found;
}

/** Which file `nameOrPath` means (see the module comment). */
export function resolveTopologyFile(nameOrPath: string | undefined, cwd: string): string {
  if (nameOrPath !== undefined && looksLikeTopologyPath(nameOrPath)) {
    const file = resolve(cwd, nameOrPath);
    if (!existsSync(file) || !statSync(file).isFile()) throw new TopologyLoadError(`no topology file at ${shown(nameOrPath)} (looked in ${shown(cwd)})`);
    return file;
  }
  const known = listTopologies(cwd);
  const dir = relative(cwd, topologyDir(cwd)) || '.';
  const names = [...known.keys()];
  if (nameOrPath !== undefined) {
    const file = known.get(nameOrPath);
    if (file === undefined) {
      throw new TopologyLoadError(
        `unknown topology "${nameOrPath}": ${names.length > 0 ? `${dir}/ has ${names.map((n) => `"${n}"`).join(', ')}` : `${dir}/ has no topology files`}`,
      );
    }
    return file;
  }
  if (names.length === 0) throw new TopologyLoadError(`no topology files in ${dir}/; write one, e.g. ${dir}/wordcount.ts`);
  if (names.length > 1) {
    throw new TopologyLoadError(`${dir}/ has several topologies (${names.map((n) => `"${n}"`).join(', ')}); name one, e.g. "${names[0]}"`);
  }
  return known.get(names[0]!)!;
}

/** Finds, imports and validates a topology. */
export async function loadTopology(nameOrPath?: string, options: LoadTopologyOptions = {}): Promise<LoadedTopology> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = resolveTopologyFile(nameOrPath, cwd);
  let module: { default?: unknown };
  try {
    module = await importUserModule(file);
  } catch (error) {
    throw new TopologyLoadError(`could not load ${relative(cwd, file)}: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  const definition = module.default;
  if (!isTopologyDefinition(definition)) {
    throw new TopologyLoadError(
      `${relative(cwd, file)} does not default-export a topology (its default export is ${describeExport(definition)}); ` +
        `end it with: export default topology('name', { ... }).spout(...).bolt(...)`,
    );
  }
  validateTopology(definition.spec);
  return { file, definition };
}

/** Whether a topology argument is a file path rather than a name. */
export function looksLikeTopologyPath(value: string): boolean {
  return isAbsolute(value) || value.includes('/') || value.includes('\\') || TOPOLOGY_EXTENSIONS.includes(extname(value));
}

function describeExport(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object' && value !== null) return `an object with keys ${Object.keys(value).map((k) => `"${k}"`).join(', ') || '(none)'}`;
  return describe(value);
}
