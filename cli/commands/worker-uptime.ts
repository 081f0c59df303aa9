// `stp worker-uptime [-e ENV] [--json]`: every worker process with its uptime, most recently (re)started first
// (from the Storm UI, or Nimbus when no UI answers).
import { remoteContext } from '../../lib/remote/context.js';
import { reportFromCluster } from '../../lib/remote/stats-source.js';
import { workerUptime } from '../../lib/remote/storm-ui/reports.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';

export default async function workerUptimeCommand(options: UiCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const context = remoteContext(options);
    printReport(await reportFromCluster(context.env, context.ssh, (source) => workerUptime(source)), options);
  });
}
