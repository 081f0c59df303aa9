// `stp worker-uptime [-e ENV] [--json]`: every worker process with its uptime, most recently (re)started first.
import { remoteContext } from '../../lib/remote/context.js';
import { uiAccessFor } from '../../lib/remote/env.js';
import { openStormUi } from '../../lib/remote/storm-ui/connect.js';
import { workerUptime } from '../../lib/remote/storm-ui/reports.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';

export default async function workerUptimeCommand(options: UiCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const context = remoteContext(options);
    const ui = await openStormUi(uiAccessFor(context.env), { ssh: context.ssh });
    try {
      printReport(await workerUptime(ui.client), options);
    } finally {
      await ui.close();
    }
  });
}
