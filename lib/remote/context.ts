// What every remote command starts from: the project's config env, SSH options from it, and the topology name.
import { loadConfig, resolveEnv, type ResolvedEnv } from '../config/index.js';
import { listTopologies, loadTopology, looksLikeTopologyPath, TopologyLoadError } from '../topology/load.js';
import { validateName } from './names.js';
import type { ConnectOptions } from './ssh.js';
import { sshOptionsFor, type SshFlags } from './env.js';

export interface RemoteContext {
  /** The project folder (where config.json is). */
  readonly root: string;
  readonly env: ResolvedEnv;
  readonly ssh: ConnectOptions;
}

export function remoteContext(options: { environment?: string; cwd?: string } & SshFlags = {}): RemoteContext {
  const { config, root } = loadConfig(options.cwd);
  if (options.environment !== undefined) validateName('env', options.environment);
  const env = resolveEnv(config, options.environment);
  return { root, env, ssh: sshOptionsFor(env, options) };
}

export interface RemoteTopology {
  /** The name as Storm and the log files know it. */
  readonly name: string;
  /** Its component ids, when the project has its file: they settle old-style log file names. */
  readonly componentIds?: readonly string[];
}

/**
 * The topology a remote command works on: a name (as submitted; the project's file of that name, when there is
 * one, gives the component ids), a topology file path (as `run` and `submit` take), or nothing when the project
 * has a single topology.
 */
export async function remoteTopology(given: string | undefined, cwd: string): Promise<RemoteTopology> {
  if (given === undefined || looksLikeTopologyPath(given)) {
    const { definition } = await loadTopology(given, { cwd });
    return { name: validateName('topology', definition.spec.name), componentIds: definition.spec.components.map((c) => c.id) };
  }
  const name = validateName('topology', given);
  let known = false;
  try {
    known = listTopologies(cwd).has(name);
  } catch (error) {
    if (!(error instanceof TopologyLoadError)) throw error; // no topologies folder: a name is all there is
  }
  if (!known) return { name };
  const { definition } = await loadTopology(name, { cwd });
  return { name, componentIds: definition.spec.components.map((c) => c.id) };
}

/** The topology's name as Storm and the log files know it (see remoteTopology). */
export async function topologyName(given: string | undefined, cwd: string): Promise<string> {
  return (await remoteTopology(given, cwd)).name;
}
