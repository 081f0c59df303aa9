// stp kill NAME [--wait SECS]: kill a running topology; Storm lets it drain for SECS first.
import { parseCount } from '../../lib/config/flags.js';
import { ConfigError } from '../../lib/config/errors.js';
import { CliError } from '../errors.js';
import { runOnCluster, type ClusterFlags } from './cluster-command.js';
import { requiredTopology, type TopologyChoiceFlags } from './topology-choice.js';

export default async function kill(given: string | undefined, flags: ClusterFlags & TopologyChoiceFlags & { wait?: unknown; noWait?: boolean }): Promise<void> {
  const name = requiredTopology('kill', given, flags);
  let waitSecs: number | undefined;
  try {
    waitSecs = parseCount('--wait', flags.wait, 0);
  } catch (error) {
    throw error instanceof ConfigError ? new CliError(error.message) : error;
  }
  await runOnCluster(flags, async ({ session }) => {
    await session.client.killTopology(name, waitSecs);
    process.stdout.write(`Killing "${name}"${waitSecs === undefined ? ' (Storm waits topology.message.timeout.secs first)' : ` (Storm waits ${waitSecs} s first)`}...\n`);
    await session.client.waitUntilGone(name, ((waitSecs ?? 30) + 60) * 1000, 1000);
    process.stdout.write(`✓ Killed "${name}".\n`);
  });
}
