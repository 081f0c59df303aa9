// stp activate NAME: start a deactivated topology's spouts again.
import { runOnCluster, type ClusterFlags } from './cluster-command.js';
import { requiredTopology, type TopologyChoiceFlags } from './topology-choice.js';

export default async function activate(given: string | undefined, flags: ClusterFlags & TopologyChoiceFlags): Promise<void> {
  const name = requiredTopology('activate', given, flags);
  await runOnCluster(flags, ({ session }) => session.client.activate(name));
  process.stdout.write(`✓ Activated "${name}".\n`);
}
