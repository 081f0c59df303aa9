// `stp tail [TOPOLOGY] [-e ENV] [--pattern REGEX] [-l LINES] [-f]`: the component logs on every worker, merged,
// each line prefixed by its host (and the component:task it comes from). -f follows until Ctrl-C.
import { shown } from '../../lib/shown.js';
import { createEmitter } from '../../lib/events.js';
import { remoteContext, remoteTopology } from '../../lib/remote/context.js';
import { findProject } from '../../lib/topology/project.js';
import { logPathFor, workerHostsFor } from '../../lib/remote/env.js';
import { parseLogFileName } from '../../lib/remote/log-files.js';
import { tailLogs, type TailEvents } from '../../lib/remote/tail.js';
import { CliError } from '../errors.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';
import { numberFlag, remoteCommand } from './remote-errors.js';
import { chosenTopology, remoteName, type TopologyChoiceFlags } from './topology-choice.js';

export interface TailCommandOptions extends TopologyChoiceFlags {
  environment?: string;
  pattern?: string;
  lines?: string | number;
  follow?: boolean;
  rotated?: boolean;
  acceptNewHostKey?: boolean;
}

const COLORS = [36, 33, 35, 32, 34, 31];

export default async function tail(given: string | undefined, options: TailCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const topology = chosenTopology(given, options);
    let pattern: RegExp | undefined;
    if (options.pattern !== undefined) {
      try {
        pattern = new RegExp(String(options.pattern));
      } catch (error) {
        throw new CliError(`--pattern ${JSON.stringify(options.pattern)} is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    const lines = numberFlag('--lines', options.lines, { integer: true }) ?? 10;
    const context = remoteContext({ ...options, cwd: findProject(topology, process.cwd()) });
    const target = await remoteTopology(topology, process.cwd());
    const name = remoteName(options) ?? target.name;
    const logPath = logPathFor(context.env);
    const hosts = await workerHostsFor(context.env, context.ssh);

    const color = isInteractive(process.stdout) && colorEnabled();
    const width = Math.max(...hosts.map((host) => host.length));
    const prefix = (host: string) => {
      const text = host.padEnd(width);
      return color ? `\u001b[${COLORS[hosts.indexOf(host) % COLORS.length]}m${text}\u001b[39m` : text;
    };
    const emitter = createEmitter<TailEvents>();
    emitter.on('line', ({ host, file, text }) => {
      const parsed = parseLogFileName(file, { topology: name, ...(target.componentIds ? { componentIds: target.componentIds } : {}) });
      const source = parsed ? `${parsed.component}:${parsed.task}${parsed.rotated ? file.slice(file.lastIndexOf('.log') + 4) : ''}` : file;
      process.stdout.write(`${prefix(host)} ${source} | ${text}\n`);
    });
    emitter.on('host:files', (host, files) => {
      if (files.length === 0) {
        const waiting = options.follow ? '; waiting for new ones' : '';
        process.stderr.write(`${host}: no log files of "${name}" in ${shown(logPath)}${pattern ? ` matching /${pattern.source}/` : ''}${waiting}\n`);
      }
    });
    emitter.on('host:skipped', (host, skipped) => {
      for (const file of skipped) process.stderr.write(`${host}: not shown: ${JSON.stringify(file.name)}: ${file.reason}\n`);
    });
    emitter.on('host:file-added', (host, file) => process.stderr.write(`${host}: following new file ${file.name}\n`));
    emitter.on('host:failed', (host, error) => process.stderr.write(`${host}: ${error.message}\n`));

    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const outcomes = await tailLogs({
        hosts,
        logPath,
        topology: name,
        ...(target.componentIds ? { componentIds: target.componentIds } : {}),
        ...(pattern ? { pattern } : {}),
        lines,
        follow: Boolean(options.follow),
        rotated: Boolean(options.rotated),
        ssh: context.ssh,
        signal: controller.signal,
        emitter,
      });
      const failed = outcomes.filter((outcome) => !outcome.ok);
      if (failed.length > 0) {
        // Each host's reason is already on its own line (host:failed); the summary only counts.
        throw new CliError(`tail failed on ${failed.length} of ${outcomes.length} hosts (see above)`, 1);
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  });
}
