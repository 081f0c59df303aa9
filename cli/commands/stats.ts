// `stp stats [TOPOLOGY] [-e ENV] [-c COMPONENT] [--json]`: topology, spout and bolt statistics from
// the Storm UI, or from Nimbus when no UI is configured or it does not answer.
import { remoteContext } from '../../lib/remote/context.js';
import { validateName } from '../../lib/remote/names.js';
import { reportFromCluster } from '../../lib/remote/stats-source.js';
import { stats } from '../../lib/remote/storm-ui/reports.js';
import { CliError } from '../errors.js';
import { remoteCommand } from './remote-errors.js';
import { printReport, type UiCommandOptions } from './ui-report.js';
import { chosenTopology, type TopologyChoiceFlags } from './topology-choice.js';

export interface StatsOptions extends UiCommandOptions, TopologyChoiceFlags {
  component?: string;
}

export default async function statsCommand(given: string | undefined, options: StatsOptions): Promise<void> {
  await remoteCommand(async () => {
    const topology = chosenTopology(given, options);
    if (options.component !== undefined && topology === undefined) {
      throw new CliError('--component needs a topology: stp stats TOPOLOGY --component NAME');
    }
    if (topology !== undefined) validateName('topology', topology);
    if (options.component !== undefined) validateName('component', String(options.component));
    const context = remoteContext(options);
    printReport(await reportFromCluster(context.env, context.ssh, (source) => stats(source, topology, options.component === undefined ? undefined : String(options.component))), options);
  });
}
