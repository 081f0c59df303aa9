// The deploy's "prepare workers" step (install_node_modules): the SSH issue's prepareWorkers with the env's
// settings, failing the step with every host's reason when any host fails.
import { describeFailures } from '../remote/hosts.js';
import { sshOptionsFor, workerHostsFor } from '../remote/env.js';
import { prepareSourceDir, prepareWorkers, workerNodeModulesDir } from '../remote/prepare.js';
import type { ResolvedEnv } from '../config/env.js';
import type { ConnectOptions } from '../remote/ssh.js';
import type { WorkerPreparer } from './deploy.js';

/**
 * `ssh`: connection options beyond the env's user and ssh_port (host key acceptance; tests add their config).
 * The hosts are the env's "workers", or when that list is empty the supervisors Nimbus reports, as `stp prepare`.
 */
export function prepareForDeploy(ssh: Omit<ConnectOptions, 'user' | 'port'> = {}): WorkerPreparer {
  return async ({ topology, env, root, signal }) => {
    const options: ConnectOptions = { ...sshOptionsFor(env), ...ssh };
    const report = await prepareWorkers({
      topology,
      sourceDir: prepareSourceDir(root, topology),
      hosts: await workerHostsFor(env, options),
      nodeModulesRoot: env.config.node_modules_root,
      npmFlags: env.config.npm_flags,
      nodeExecutable: env.config.node_executable,
      ssh: options,
      ...(signal ? { signal } : {}),
    });
    if (!report.ok) throw new Error(describeFailures(report.outcomes));
    const hosts = report.outcomes.length;
    return `${hosts} ${hosts === 1 ? 'host' : 'hosts'} → ${report.installDir}`;
  };
}

/** Where bundles look for externals on the workers when the env uses per-topology node_modules. */
export function workerNodePaths(env: ResolvedEnv, topology: string): string[] {
  return env.config.use_node_modules ? [workerNodeModulesDir(env.config.node_modules_root, topology)] : [];
}
