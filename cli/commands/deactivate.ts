// stp deactivate NAME: pause a topology's spouts (bolts finish what is in flight).
import { runOnCluster, type ClusterFlags } from './cluster-command.js';
import { requiredTopology, type TopologyChoiceFlags } from './topology-choice.js';

export default async function deactivate(given: string | undefined, flags: ClusterFlags & TopologyChoiceFlags): Promise<void> {
  const name = requiredTopology('deactivate', given, flags);
  await runOnCluster(flags, ({ session }) => session.client.deactivate(name));
  process.stdout.write(`✓ Deactivated "${name}".\n`);
}
