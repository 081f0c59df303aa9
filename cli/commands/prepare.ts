// `stp prepare [TOPOLOGY] [-e ENV]`: installs the topology's dependencies (package.json + lockfile, `npm ci
// --omit=dev`) under node_modules_root on every worker, in parallel; one line per host.
import { shown } from '../../lib/shown.js';
import { createEmitter, type TypedEventEmitter } from '../../lib/events.js';
import { remoteContext, topologyName } from '../../lib/remote/context.js';
import { findProject } from '../../lib/topology/project.js';
import { workerHostsFor } from '../../lib/remote/env.js';
import { prepareSourceDir, prepareWorkers, type PrepareEvents } from '../../lib/remote/prepare.js';
import { CliError } from '../errors.js';
import { isInteractive } from '../ui/mode.js';
import { numberFlag, remoteCommand } from './remote-errors.js';
import { chosenTopology, remoteName, type TopologyChoiceFlags } from './topology-choice.js';

export interface PrepareCommandOptions extends TopologyChoiceFlags {
  environment?: string;
  concurrency?: string | number;
  verbose?: boolean;
  acceptNewHostKey?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function prepare(given: string | undefined, options: PrepareCommandOptions): Promise<void> {
  await remoteCommand(async () => {
    const topology = chosenTopology(given, options);
    const concurrency = numberFlag('--concurrency', options.concurrency, { min: 1, integer: true });
    const context = remoteContext({ ...options, cwd: findProject(topology, process.cwd()) });
    const name = remoteName(options) ?? (await topologyName(topology, process.cwd()));
    const { config } = context.env;
    const hosts = await workerHostsFor(context.env, context.ssh);
    const sourceDir = prepareSourceDir(context.root, name);

    const emitter = createEmitter<PrepareEvents>();
    const out = (line: string) => process.stdout.write(`${line}\n`);
    let finish = (): void => {};
    if (isInteractive() && !options.verbose) {
      const [{ render }, { createElement }, { PrepareApp }] = await Promise.all([import('ink'), import('react'), import('../views/PrepareView.js')]);
      const app = render(createElement(PrepareApp, { events: emitter }), { patchConsole: false });
      finish = () => app.unmount();
    } else {
      renderPlain(emitter, name, sourceDir, Boolean(options.verbose));
    }

    let report;
    try {
      report = await prepareWorkers({
        topology: name,
        sourceDir,
        hosts,
        nodeModulesRoot: config.node_modules_root,
        npmFlags: config.npm_flags,
        nodeExecutable: config.node_executable,
        ssh: context.ssh,
        ...(concurrency !== undefined ? { concurrency } : {}),
        emitter,
      });
    } finally {
      finish();
    }
    const failed = report.outcomes.filter((outcome) => !outcome.ok).length;
    if (failed > 0) throw new CliError(`prepare failed on ${failed} of ${report.outcomes.length} hosts (see above); the others are ready`, 1);
    if (!config.use_node_modules) {
      out(`note: env "${context.env.name}" has use_node_modules off, so submitted components will not look in ${shown(`${report.installDir}/node_modules`)}; set "use_node_modules": true`);
    }
  });
}

/** Off a terminal (or with --verbose): one plain line per host event. */
function renderPlain(emitter: TypedEventEmitter<PrepareEvents>, name: string, sourceDir: string, verbose: boolean): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  emitter.on('start', ({ installDir, hosts: all }) => out(`preparing "${name}" in ${shown(installDir)} on ${all.length} host${all.length === 1 ? '' : 's'} (from ${shown(sourceDir)})`));
  emitter.on('host:step', (host, step) => {
    if (verbose) out(`${host}: ${step}`);
  });
  emitter.on('host:output', (host, line) => {
    if (verbose) out(`${host}: | ${line}`);
  });
  emitter.on('host:done', (host, { durationMs }) => out(`${host}: done in ${seconds(durationMs)}`));
  emitter.on('host:failed', (host, { durationMs, error }) => out(`${host}: FAILED after ${seconds(durationMs)}: ${error.message}`));
}
