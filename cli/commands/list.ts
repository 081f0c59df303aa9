// stp list: the topologies running on the env's cluster.
import { formatUptime } from '../ui/format.js';
import { formatTable } from '../ui/table.js';
import { runOnCluster, type ClusterFlags } from './cluster-command.js';

export default async function list(flags: ClusterFlags & { json?: boolean }): Promise<void> {
  const summary = await runOnCluster(flags, ({ session }) => session.client.getClusterInfo());
  const rows = [...summary.topologies].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.json) {
    const plain = rows.map((t) => ({ name: t.name, id: t.id, status: t.status, workers: t.num_workers, executors: t.num_executors, tasks: t.num_tasks, uptime_secs: t.uptime_secs }));
    process.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No topologies are running.\n');
    return;
  }
  const lines = formatTable(rows, [
    { header: 'NAME', value: (t) => t.name },
    { header: 'STATUS', value: (t) => t.status },
    { header: 'WORKERS', value: (t) => t.num_workers, right: true },
    { header: 'EXECUTORS', value: (t) => t.num_executors, right: true },
    { header: 'TASKS', value: (t) => t.num_tasks, right: true },
    { header: 'UPTIME', value: (t) => formatUptime(t.uptime_secs), right: true },
    { header: 'ID', value: (t) => t.id },
  ]);
  process.stdout.write(`${lines.join('\n')}\n`);
}
