// `stp slot-usage [-e ENV] [--json]`: worker slots (and executors) each topology uses on each supervisor host.
import { remoteContext } from '../../lib/remote/context.js';
import { uiAccessFor } from '../../lib/remote/env.js';
import { openStormUi } from '../../lib/remote/storm-ui/connect.js';
import { slotUsage } from '../../lib/remote/storm-ui/reports.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';

export default async function slotUsageCommand(options: UiCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const context = remoteContext(options);
    const ui = await openStormUi(uiAccessFor(context.env), { ssh: context.ssh });
    try {
      printReport(await slotUsage(ui.client), options);
    } finally {
      await ui.close();
    }
  });
}
