// stp rebalance NAME [-w WORKERS] [-e component=N]... [--wait SECS]: spread a running topology over a new number
// of workers and/or executors.
import { ConfigError } from '../../lib/config/errors.js';
import { parseCount, parseExecutorCounts } from '../../lib/config/flags.js';
import { CliError } from '../errors.js';
import { runOnCluster, type ClusterFlags } from './cluster-command.js';

export default async function rebalance(name: string, flags: ClusterFlags & { workers?: unknown; executor?: unknown; wait?: unknown }): Promise<void> {
  let request;
  try {
    const numWorkers = parseCount('-w', flags.workers);
    const numExecutors = parseExecutorCounts('-e', flags.executor);
    const waitSecs = parseCount('--wait', flags.wait, 0);
    if (numWorkers === undefined && Object.keys(numExecutors).length === 0) {
      throw new ConfigError('rebalance needs -w WORKERS and/or -e component=N; e.g. stp rebalance wordcount -w 4 -e count=8');
    }
    request = {
      ...(numWorkers === undefined ? {} : { numWorkers }),
      ...(Object.keys(numExecutors).length ? { numExecutors } : {}),
      ...(waitSecs === undefined ? {} : { waitSecs }),
    };
  } catch (error) {
    throw error instanceof ConfigError ? new CliError(error.message) : error;
  }
  await runOnCluster(flags, ({ session }) => session.client.rebalance(name, request));
  const parts = [
    request.numWorkers === undefined ? undefined : `${request.numWorkers} workers`,
    ...Object.entries(request.numExecutors ?? {}).map(([id, n]) => `${id}: ${n} executors`),
  ].filter(Boolean);
  process.stdout.write(`✓ Rebalancing "${name}" to ${parts.join(', ')}.\n`);
}
