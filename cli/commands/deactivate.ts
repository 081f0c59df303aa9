// stp deactivate NAME: pause a topology's spouts (bolts finish what is in flight).
import { runOnCluster, type ClusterFlags } from './cluster-command.js';

export default async function deactivate(name: string, flags: ClusterFlags): Promise<void> {
  await runOnCluster(flags, ({ session }) => session.client.deactivate(name));
  process.stdout.write(`✓ Deactivated "${name}".\n`);
}
