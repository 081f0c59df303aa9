// stp jar: bundle the topology's components and write _build/<topology>-<version>.jar (what submit uploads) in the
// topology's project (lib/topology/project.ts).
import { relative, resolve } from 'node:path';
import { buildTopologyJar } from '../../lib/bundle/jar-topology.js';
import { ConfigError, loadConfig, resolveEnv } from '../../lib/config/index.js';
import { bundleForJar } from '../../lib/nimbus/bundle-for-jar.js';
import { workerNodePaths } from '../../lib/nimbus/prepare-for-deploy.js';
import { loadTopology } from '../../lib/topology/load.js';
import { findProject } from '../../lib/topology/project.js';
import { CliError } from '../errors.js';
import { formatBytes, formatDuration } from '../ui/format.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, renamed, type TopologyChoiceFlags } from './topology-choice.js';

export default async function jar(given: string | undefined, flags: TopologyChoiceFlags & { environment?: string; output?: string }): Promise<void> {
  const topology = chosenTopology(given, flags);
  const cwd = process.cwd();
  const root = findProject(topology, cwd);
  const started = performance.now();
  let extraJars: readonly string[] = [];
  let nodePaths: string[] = [];
  const { file, definition } = await loadTopology(topology, { cwd }).catch(asCliError);
  const spec = renamed(definition.spec, flags);
  try {
    const loaded = loadConfig(root);
    extraJars = loaded.config.extra_jars;
    // The env matters only for where externals resolve on the workers (use_node_modules).
    if (flags.environment !== undefined || Object.keys(loaded.config.envs).length === 1) {
      nodePaths = workerNodePaths(resolveEnv(loaded.config, flags.environment), spec.name);
    }
  } catch (error) {
    // A project without config.json can still build a jar; a broken config.json is an error.
    if (!(error instanceof ConfigError && /^no config\.json/.test(error.message))) throw error instanceof ConfigError ? new CliError(error.message) : error;
  }
  const bundles = await bundleForJar({ spec, topologyFile: file, root, nodePaths });
  const result = await buildTopologyJar({
    root,
    spec,
    bundles,
    extraJars,
    ...(flags.output ? { outFile: resolve(cwd, flags.output) } : {}),
  });
  process.stdout.write(
    `✓ ${relative(cwd, result.path) || result.path} (${formatBytes(result.bytes)}, ${result.entries} entries) in ${formatDuration(performance.now() - started)}\n`,
  );
  for (const duplicate of result.duplicates) {
    process.stderr.write(`note: ${duplicate} appears in more than one extra jar; the first one's copy was kept\n`);
  }
}
