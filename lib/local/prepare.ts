// What `stp run` does before the engine starts: load and validate the topology, refuse what cannot run locally,
// bundle its TypeScript components into `_build/<topology>/resources/` and copy the project's `resources/`
// (shell scripts, data files) beside them, exactly the layout a worker extracts from the jar.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, loadConfig } from '../config/load.js';
import { bundleTopology, type BundleEvent } from '../bundle/component-bundle.js';
import { loadTopology } from '../topology/load.js';
import { findProject } from '../topology/project.js';
import type { TopologySpec } from '../topology/spec.js';
import { DEFAULT_KEEP_RUNS } from '../logging/run-logs.js';
import { checkLocalOnly } from './preflight.js';

export interface PreparedRun {
  readonly spec: TopologySpec;
  /** The topology file. */
  readonly file: string;
  /** The project: where `resources/`, `_build/` and `logs/` are. */
  readonly projectDir: string;
  /** `<project>/_build/<topology>/resources` (or the run's own folder): the engine's components dir. */
  readonly componentsDir: string;
  /** config.json's `local_log.keep_runs`: how many runs' log files `logs/` keeps. */
  readonly keepLogRuns: number;
  /** Removes the run's own folder (with `ownFolder`); nothing otherwise. */
  dispose(): void;
}

export async function prepareLocalRun(
  nameOrPath: string | undefined,
  options: {
    cwd: string;
    onBundle?: (event: BundleEvent) => void;
    /** Where to bundle instead of `<project>/_build/<topology>/resources` (e.g. a temp dir per test run, so that
     * concurrent runs of one project do not replace each other's files). */
    componentsDir?: string;
    /**
     * Bundle into a folder of this run's own, `<project>/_build/<topology>/run-XXXXXX/resources` (inside the
     * project, so externals resolve from its node_modules), which `dispose()` removes. The test kit's runs use it:
     * test files that run the same topology in parallel jest workers would otherwise replace each other's bundles.
     */
    ownFolder?: boolean;
  },
): Promise<PreparedRun> {
  const projectDir = findProject(nameOrPath, options.cwd);
  // A run needs no env, but the project's config.json gets the checks every command makes.
  const config = existsSync(path.join(projectDir, CONFIG_FILE)) ? loadConfig(projectDir).config : undefined;
  const { file, definition } = await loadTopology(nameOrPath, { cwd: options.cwd });
  const spec = definition.spec;
  checkLocalOnly(spec);
  const topologyBuild = path.join(projectDir, '_build', spec.name);
  let ownFolder: string | undefined;
  if (options.ownFolder && options.componentsDir === undefined) {
    mkdirSync(topologyBuild, { recursive: true });
    ownFolder = mkdtempSync(path.join(topologyBuild, 'run-'));
  }
  const componentsDir = path.resolve(options.componentsDir ?? path.join(ownFolder ?? topologyBuild, 'resources'));
  const dispose = (): void => {
    if (ownFolder) rmSync(ownFolder, { recursive: true, force: true });
  };
  try {
    // Start clean: a bundle of a component since removed must not linger.
    rmSync(componentsDir, { recursive: true, force: true });
    mkdirSync(componentsDir, { recursive: true });
    const resources = path.join(projectDir, 'resources');
    if (existsSync(resources)) cpSync(resources, componentsDir, { recursive: true });
    await bundleTopology({ topologyFile: file, outDir: componentsDir, spec, ...(options.onBundle ? { onEvent: options.onBundle } : {}) });
  } catch (error) {
    dispose();
    throw error;
  }
  return { spec, file, projectDir, componentsDir, keepLogRuns: config?.local_log.keep_runs ?? DEFAULT_KEEP_RUNS, dispose };
}

/** Calls `start` (the engine's start); if it throws, the run's own folder goes with it. */
export function startPrepared<T>(prepared: PreparedRun, start: () => T): T {
  try {
    return start();
  } catch (error) {
    prepared.dispose();
    throw error;
  }
}
