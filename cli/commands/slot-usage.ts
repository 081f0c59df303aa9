// `stp slot-usage [-e ENV] [--json]`: worker slots (and executors) each topology uses on each supervisor host
// (from the Storm UI, or Nimbus when no UI answers).
import { remoteContext } from '../../lib/remote/context.js';
import { reportFromCluster } from '../../lib/remote/stats-source.js';
import { slotUsage } from '../../lib/remote/storm-ui/reports.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';

export default async function slotUsageCommand(options: UiCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const context = remoteContext(options);
    printReport(await reportFromCluster(context.env, context.ssh, (source) => slotUsage(source)), options);
  });
}
