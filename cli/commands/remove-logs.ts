// `stp remove-logs [TOPOLOGY] [-e ENV] [--older-than DAYS] [--dry-run]`: deletes the topology's component log
// files on every worker and says what went, per host.
import { shown } from '../../lib/shown.js';
import { remoteContext, remoteTopology } from '../../lib/remote/context.js';
import { findProject } from '../../lib/topology/project.js';
import { logPathFor, workerHostsFor } from '../../lib/remote/env.js';
import { removeLogs } from '../../lib/remote/remove-logs.js';
import { CliError } from '../errors.js';
import { formatBytes } from '../ui/format.js';
import { numberFlag, remoteCommand } from './remote-errors.js';
import { chosenTopology, remoteName, type TopologyChoiceFlags } from './topology-choice.js';

export interface RemoveLogsCommandOptions extends TopologyChoiceFlags {
  environment?: string;
  olderThan?: string | number;
  dryRun?: boolean;
  json?: boolean;
  acceptNewHostKey?: boolean;
}

export default async function removeLogsCommand(given: string | undefined, options: RemoveLogsCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const topology = chosenTopology(given, options);
    const olderThanDays = numberFlag('--older-than', options.olderThan);
    const context = remoteContext({ ...options, cwd: findProject(topology, process.cwd()) });
    const target = await remoteTopology(topology, process.cwd());
    const name = remoteName(options) ?? target.name;
    const logPath = logPathFor(context.env);
    const hosts = await workerHostsFor(context.env, context.ssh);
    const outcomes = await removeLogs({
      hosts,
      logPath,
      topology: name,
      ...(target.componentIds ? { componentIds: target.componentIds } : {}),
      ...(olderThanDays !== undefined ? { olderThanDays } : {}),
      dryRun: Boolean(options.dryRun),
      ssh: context.ssh,
    });
    if (options.json) {
      const json = outcomes.map((outcome) =>
        outcome.ok
          ? { host: outcome.host, ok: true, removed: outcome.value.removed.map((f) => ({ name: f.name, size: f.size, mtime: new Date(f.mtimeMs).toISOString() })), failed: outcome.value.failed.map((f) => ({ name: f.file.name, reason: f.reason })), skipped: outcome.value.skipped, kept: outcome.value.kept, bytes: outcome.value.bytes }
          : { host: outcome.host, ok: false, error: outcome.error.message },
      );
      process.stdout.write(`${JSON.stringify({ topology: name, logPath, dryRun: Boolean(options.dryRun), hosts: json }, null, 2)}\n`);
    } else {
      const verb = options.dryRun ? 'would remove' : 'removed';
      const age = olderThanDays !== undefined ? ` older than ${olderThanDays} day${olderThanDays === 1 ? '' : 's'}` : '';
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          process.stdout.write(`${outcome.host}: FAILED: ${outcome.error.message}\n`);
          continue;
        }
        const { removed, failed, kept, bytes } = outcome.value;
        process.stdout.write(`${outcome.host}: ${verb} ${removed.length} log file${removed.length === 1 ? '' : 's'} of "${name}"${age} (${formatBytes(bytes)}) from ${shown(logPath)}; kept ${kept}\n`);
        for (const file of removed) process.stdout.write(`  ${file.name}\n`);
        for (const { file, reason } of failed) process.stdout.write(`  could not remove ${file.name}: ${reason}\n`);
        for (const file of outcome.value.skipped) process.stdout.write(`  left alone ${JSON.stringify(file.name)}: ${file.reason}\n`);
      }
    }
    const failedHosts = outcomes.filter((outcome) => !outcome.ok || outcome.value.failed.length > 0).length;
    if (failedHosts > 0) throw new CliError(`remove-logs failed on ${failedHosts} of ${outcomes.length} hosts (see above)`, 1);
  });
}
