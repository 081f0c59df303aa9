// stp activate NAME: start a deactivated topology's spouts again.
import { runOnCluster, type ClusterFlags } from './cluster-command.js';

export default async function activate(name: string, flags: ClusterFlags): Promise<void> {
  await runOnCluster(flags, ({ session }) => session.client.activate(name));
  process.stdout.write(`✓ Activated "${name}".\n`);
}
