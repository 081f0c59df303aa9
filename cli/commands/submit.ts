// stp submit (alias deploy): build the jar and submit the topology to the env's Nimbus, from the topology's project
// (lib/topology/project.ts). Flags are parsed here; the work is lib/nimbus/deploy's, rendered by the deploy view
// (Ink on a TTY, plain lines otherwise).
import { resolve } from 'node:path';
import { ConfigError, flagList, loadConfig, parseCount, parseOptionAssignments, resolveEnv } from '../../lib/config/index.js';
import { defaultJarPath } from '../../lib/bundle/jar-topology.js';
import { createEmitter } from '../../lib/events.js';
import { bundleForJar } from '../../lib/nimbus/bundle-for-jar.js';
import { deploy, DeployError, type DeployEvents } from '../../lib/nimbus/deploy.js';
import { NimbusError } from '../../lib/nimbus/errors.js';
import { loadSubmitHooks } from '../../lib/nimbus/hooks.js';
import { planSubmit, SubmitPlanError } from '../../lib/nimbus/plan.js';
import { askClusterSlots, taskLoad, taskLoadReport } from '../../lib/nimbus/task-load.js';
import { prepareForDeploy, workerNodePaths } from '../../lib/nimbus/prepare-for-deploy.js';
import { loadTopology } from '../../lib/topology/load.js';
import { findProject } from '../../lib/topology/project.js';
import { CliError } from '../errors.js';
import { isInteractive } from '../ui/mode.js';
import { formatDryRun } from '../views/DeployDryRun.js';
import { showSshConfigWarnings } from '../ssh-warnings.js';
import { renderDeployPlain } from '../views/DeployPlain.js';
import { sessionOptions } from './cluster-command.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, overrideName, type TopologyChoiceFlags } from './topology-choice.js';

export interface SubmitFlags extends TopologyChoiceFlags {
  environment?: string;
  par?: unknown;
  workers?: unknown;
  ackers?: unknown;
  option?: unknown;
  force?: boolean;
  debug?: boolean;
  wait?: unknown;
  inactive?: boolean;
  jar?: string;
  yes?: boolean;
  dryRun?: boolean;
  acceptNewHostKey?: boolean;
  timeout?: unknown;
  json?: boolean;
}

export default async function submit(given: string | undefined, flags: SubmitFlags): Promise<void> {
  const topology = chosenTopology(given, flags);
  showSshConfigWarnings();
  const cwd = process.cwd();
  const root = findProject(topology, cwd);
  let prepared;
  try {
    // Flags first: a bad value is named whatever the config says.
    const cli = {
      options: parseOptionAssignments(flagList(flags.option)),
      ...optional('par', parseCount('-p', flags.par)),
      ...optional('workers', parseCount('-w', flags.workers)),
      ...optional('ackers', parseCount('-a', flags.ackers, 0)),
      ...(flags.debug ? { debug: true } : {}),
    };
    const waitSecs = parseCount('--wait', flags.wait, 0);
    const session = sessionOptions(flags);
    const loaded = loadConfig(root);
    const env = resolveEnv(loaded.config, flags.environment);
    const { file, definition } = await loadTopology(topology, { cwd }).catch(asCliError);
    const name = overrideName(flags) ?? definition.spec.name;
    if (flags.dryRun) {
      const plan = planSubmit({ spec: definition.spec, env, cli, name });
      const workers = Number(plan.conf.entries['topology.workers']?.value ?? 1);
      const load = taskLoadReport(taskLoad(plan.spec, workers), await askClusterSlots(env, session));
      process.stdout.write(`${formatDryRun(plan, env, flags.jar ? resolve(cwd, flags.jar) : defaultJarPath(root, plan.name), load).join('\n')}\n`);
      return;
    }
    const hooks = await loadSubmitHooks(loaded.root, loaded.config.hooks);
    prepared = { loaded, env, cli, waitSecs, session, file, definition, name, hooks };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SubmitPlanError) throw new CliError(error.message);
    return asCliError(error);
  }

  const { loaded, env, cli, waitSecs, session, file, definition, name, hooks } = prepared;
  const emitter = createEmitter<DeployEvents>();
  const controller = new AbortController();
  const interactive = isInteractive();
  let finish: () => Promise<void> = async () => {};
  let confirmReplace: ((topologyName: string) => Promise<boolean>) | undefined;
  let cancels = 0;
  const cancel = (): void => {
    cancels += 1;
    if (cancels > 1) process.exit(130);
    controller.abort();
  };

  if (flags.json) {
    const { renderDeployJson } = await import('../views/DeployJson.js');
    const stop = renderDeployJson(emitter, (line) => process.stdout.write(`${line}\n`));
    finish = async () => stop();
  } else if (interactive) {
    const { createPrompts, mountDeployView } = await import('../views/DeployView.js');
    const prompts = createPrompts();
    // Asking needs a keyboard: with stdin not a terminal, a running topology stops the submit as off a TTY.
    if (!flags.force && !flags.yes && process.stdin.isTTY) {
      confirmReplace = (n) => prompts.ask(`A topology named "${n}" is running. Kill it and submit the new one?`);
    }
    finish = mountDeployView({ title: `Submitting "${name}" to ${env.name} (${env.nimbus.host}:${env.nimbus.port})`, emitter, prompts: prompts.emitter, onCancel: cancel });
  } else {
    const stop = renderDeployPlain(emitter, {
      write: (line) => process.stdout.write(`${line}\n`),
      error: (line) => process.stderr.write(`${line}\n`),
    });
    finish = async () => stop();
  }

  // On a terminal in raw mode Ctrl-C reaches the view as a key; otherwise it is a signal.
  process.on('SIGINT', cancel);
  try {
    await deploy({
      root: loaded.root,
      config: loaded.config,
      env,
      spec: definition.spec,
      topologyFile: file,
      name,
      cli,
      ...(flags.jar ? { jarFile: resolve(cwd, flags.jar) } : {}),
      force: Boolean(flags.force || flags.yes),
      ...(waitSecs === undefined ? {} : { waitSecs }),
      inactive: Boolean(flags.inactive),
      bundle: bundleForJar,
      prepare: prepareForDeploy({ acceptNewHostKey: Boolean(flags.acceptNewHostKey) }),
      ...(hooks ? { hooks } : {}),
      ...(confirmReplace ? { confirmReplace } : {}),
      nodePaths: workerNodePaths(env, name),
      session,
      emitter,
      signal: controller.signal,
    });
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    // The view has shown the failed step and its reason.
    process.exitCode = error.reason instanceof NimbusError && error.reason.kind === 'aborted' ? 130 : 1;
  } finally {
    process.off('SIGINT', cancel);
    await finish();
  }
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
