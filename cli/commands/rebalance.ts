// stp rebalance NAME [-w WORKERS] [-x component=N]... [--wait SECS]: spread a running topology over a new number
// of workers and/or executors (never more executors than a component has tasks: see lib/nimbus/rebalance).
import { ConfigError } from '../../lib/config/errors.js';
import { parseCount, parseExecutorCounts } from '../../lib/config/flags.js';
import { plural, RebalanceError, rebalanceTopology, type RebalanceOutcome } from '../../lib/nimbus/rebalance.js';
import { CliError } from '../errors.js';
import { runOnCluster, type ClusterFlags } from './cluster-command.js';
import { requiredTopology, type TopologyChoiceFlags } from './topology-choice.js';

export default async function rebalance(given: string | undefined, flags: ClusterFlags & TopologyChoiceFlags & { workers?: unknown; executor?: unknown; wait?: unknown }): Promise<void> {
  const name = requiredTopology('rebalance', given, flags);
  let request;
  try {
    const numWorkers = parseCount('-w', flags.workers);
    const numExecutors = parseExecutorCounts('-x', flags.executor);
    const waitSecs = parseCount('--wait', flags.wait, 0);
    if (numWorkers === undefined && Object.keys(numExecutors).length === 0) {
      throw new ConfigError('rebalance needs -w WORKERS and/or -x component=N; e.g. stp rebalance wordcount -w 4 -x count=8');
    }
    request = {
      ...(numWorkers === undefined ? {} : { numWorkers }),
      ...(Object.keys(numExecutors).length ? { numExecutors } : {}),
      ...(waitSecs === undefined ? {} : { waitSecs }),
    };
  } catch (error) {
    throw error instanceof ConfigError ? new CliError(error.message) : error;
  }
  const outcome = await runOnCluster(flags, ({ session }) => rebalanceTopology(session.client, name, request)).catch((error: unknown) => {
    throw error instanceof RebalanceError ? new CliError(error.message, 1) : error;
  });
  process.stdout.write(`${describe(outcome)}\n`);
}

function describe(outcome: RebalanceOutcome): string {
  const parts = [
    outcome.workers === undefined ? undefined : plural(outcome.workers, 'worker'),
    ...outcome.executors.map(({ id, executors, tasks }) => `${id}: ${plural(executors, 'executor')}${tasks === undefined ? '' : ` (${plural(tasks, 'task')})`}`),
  ].filter(Boolean);
  return `✓ Rebalancing "${outcome.name}" to ${parts.join(', ')}.`;
}
