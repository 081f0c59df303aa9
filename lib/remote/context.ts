// What every remote command starts from: the project's config env, SSH options from it, and the topology name.
import { loadConfig, resolveEnv, type ResolvedEnv } from '../config/index.js';
import { loadTopology } from '../topology/load.js';
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

/**
 * The topology's name as Storm and the log files know it: the one given, or, when there is a single topology
 * in the project, the name it declares.
 */
export async function topologyName(given: string | undefined, cwd: string): Promise<string> {
  if (given !== undefined) return validateName('topology', given);
  const { definition } = await loadTopology(undefined, { cwd });
  return validateName('topology', definition.spec.name);
}
