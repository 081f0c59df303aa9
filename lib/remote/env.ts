// From a resolved config env (lib/config) to what the remote operations take.
import { validateRemoteDir } from './names.js';
import type { ResolvedEnv } from '../config/index.js';
import type { SessionOptions } from '../nimbus/session.js';
import type { ConnectOptions } from './ssh.js';
import type { UiAccess } from './storm-ui/connect.js';

export interface SshFlags {
  /** --accept-new-host-key */
  readonly acceptNewHostKey?: boolean;
}

/** SSH options for an env's hosts: its user and ssh_port; the user's ssh config decides the rest. */
export function sshOptionsFor(env: ResolvedEnv, flags: SshFlags = {}, processEnv: NodeJS.ProcessEnv = process.env): ConnectOptions {
  // STP_SSH_CONFIG: another ssh config file, as `ssh -F FILE` (CI, bastion setups, tests).
  const sshConfigPath = processEnv['STP_SSH_CONFIG'];
  return {
    ...(sshConfigPath ? { sshConfigPath } : {}),
    ...(env.config.user !== undefined ? { user: env.config.user } : {}),
    ...(env.config.ssh_port !== undefined ? { port: env.config.ssh_port } : {}),
    ...(flags.acceptNewHostKey ? { acceptNewHostKey: true } : {}),
  };
}

export function uiAccessFor(env: ResolvedEnv): UiAccess {
  return { ui: env.ui, nimbusHost: env.nimbus.host, useSshForNimbus: env.config.use_ssh_for_nimbus };
}

/** The env's log.path, or a message saying how to set it. */
export function logPathFor(env: ResolvedEnv): string {
  const path = env.config.log.path;
  if (!path) {
    throw new Error(`env "${env.name}" has no log.path; set envs.${env.name}.log.path in config.json to the directory of the component logs on the workers`);
  }
  return validateRemoteDir('log.path', path);
}

/** The SSH options of a remote command, as a Nimbus session (its tunnel) takes them. */
export function nimbusSessionOptions(ssh: ConnectOptions): SessionOptions {
  return {
    ...(ssh.acceptNewHostKey ? { acceptNewHostKey: true } : {}),
    ...(ssh.sshConfigPath !== undefined ? { sshConfigPath: ssh.sshConfigPath } : {}),
    ...(ssh.knownHostsPaths !== undefined ? { knownHostsPaths: ssh.knownHostsPaths } : {}),
    ...(ssh.identityFiles !== undefined ? { identityFiles: ssh.identityFiles } : {}),
  };
}

/**
 * The hosts to work on: the env's "workers", or when that list is empty the supervisor hosts Nimbus reports
 * (getClusterInfo, through the SSH tunnel when the env uses one).
 */
export async function workerHostsFor(env: ResolvedEnv, ssh: ConnectOptions = {}): Promise<string[]> {
  if (env.config.workers.length > 0) return [...env.config.workers];
  const { openNimbusSession } = await import('../nimbus/session.js');
  const session = await openNimbusSession(env, nimbusSessionOptions(ssh));
  let hosts: string[];
  try {
    const cluster = await session.client.getClusterInfo();
    hosts = [...new Set(cluster.supervisors.map((supervisor) => supervisor.host))].sort();
  } finally {
    await session.close();
  }
  if (hosts.length === 0) {
    throw new Error(`env "${env.name}" lists no "workers" and Nimbus reports no supervisors; list the worker hosts in envs.${env.name}.workers`);
  }
  return hosts;
}
