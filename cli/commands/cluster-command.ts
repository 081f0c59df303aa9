// Shared by the cluster commands (list, kill, activate, deactivate, rebalance): config and Nimbus errors become
// CLI errors with the right exit status.
import { ConfigError } from '../../lib/config/errors.js';
import { parseCount } from '../../lib/config/flags.js';
import { withCluster, type ClusterContext } from '../../lib/nimbus/cluster.js';
import { NimbusError } from '../../lib/nimbus/errors.js';
import { CliError } from '../errors.js';
import { showSshConfigWarnings } from '../ssh-warnings.js';

export interface ClusterFlags {
  environment?: string;
  acceptNewHostKey?: boolean;
  /** --timeout SECS: per Nimbus call. */
  timeout?: unknown;
}

/** The session options every cluster command's flags give. */
export function sessionOptions(flags: ClusterFlags): { acceptNewHostKey: boolean; callTimeoutMs?: number } {
  const secs = parseCount('--timeout', flags.timeout);
  return { acceptNewHostKey: Boolean(flags.acceptNewHostKey), ...(secs === undefined ? {} : { callTimeoutMs: secs * 1000 }) };
}

export async function runOnCluster<T>(flags: ClusterFlags, work: (context: ClusterContext) => Promise<T>): Promise<T> {
  showSshConfigWarnings();
  try {
    return await withCluster({ ...(flags.environment === undefined ? {} : { envName: flags.environment }), session: sessionOptions(flags) }, work);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    if (error instanceof NimbusError) throw new CliError(error.message, 1);
    throw error;
  }
}
