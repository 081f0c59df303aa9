// `stp stats [TOPOLOGY] [-e ENV] [-c COMPONENT] [--json]`: topology, spout and bolt statistics from the Storm UI.
import { remoteContext } from '../../lib/remote/context.js';
import { uiAccessFor } from '../../lib/remote/env.js';
import { validateName } from '../../lib/remote/names.js';
import { openStormUi } from '../../lib/remote/storm-ui/connect.js';
import { stats } from '../../lib/remote/storm-ui/reports.js';
import { CliError } from '../errors.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';

export interface StatsOptions extends UiCommandOptions {
  component?: string;
}

export default async function statsCommand(topology: string | undefined, options: StatsOptions): Promise<void> {
  await remoteCommand(async () => {
    if (options.component !== undefined && topology === undefined) {
      throw new CliError('--component needs a topology: stp stats TOPOLOGY --component NAME');
    }
    if (topology !== undefined) validateName('topology', topology);
    if (options.component !== undefined) validateName('component', String(options.component));
    const context = remoteContext(options);
    const ui = await openStormUi(uiAccessFor(context.env), { ssh: context.ssh });
    try {
      printReport(await stats(ui.client, topology, options.component === undefined ? undefined : String(options.component)), options);
    } finally {
      await ui.close();
    }
  });
}
