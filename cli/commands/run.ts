// `stp run [TOPOLOGY] [-t SECS] [-o key=value]... [-d] [--json]`: bundles the topology and runs it on the
// embedded engine. On a terminal a live Ink view; otherwise plain lines (or JSON records with --json); a
// summary at the end. Ctrl-C or SIGTERM stops it gracefully; a second one stops it at once.
import path from 'node:path';
import { flagList, flagNumber } from '../../lib/config/flags.js';
import { parseOptionAssignments, type CliConf } from '../../lib/config/conf.js';
import { checkConf } from '../../lib/config/storm-conf.js';
import { ConfigError } from '../../lib/config/errors.js';
import { formatFault, LocalRunError, runTopology, type RunHandle } from '../../lib/local/index.js';
import { prepareLocalRun } from '../../lib/local/prepare.js';
import type { ChaosOptions } from '../../lib/local/chaos.js';
import type { TaskCrash } from '../../lib/local/events.js';
import { crashReport, endText } from '../../lib/local/report.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';
import { renderJson, renderPlain } from '../views/RunPlain.js';
import { CliError } from '../errors.js';
import type { TopologySpec } from '../../lib/topology/spec.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, renamed, type TopologyChoiceFlags } from './topology-choice.js';

export interface RunCommandOptions extends TopologyChoiceFlags {
  time?: string | number;
  option?: string | string[];
  debug?: boolean;
  json?: boolean;
  failFast?: boolean;
  chaos?: string | number;
  chaosComponents?: string | string[];
  chaosSeed?: string | number;
  /** false with --no-memory-check. */
  memoryCheck?: boolean;
}

const PLAIN_STATS_MS = 2000;
const LIVE_STATS_MS = 500;

export default async function run(given: string | undefined, options: RunCommandOptions): Promise<void> {
  const topology = chosenTopology(given, options);
  const durationMs = parseTime(options.time);
  const debug = Boolean(options.debug);
  let cli: CliConf;
  try {
    // As `sparse run -d`: Storm's debug flag, and components log at debug level (an -o stp.log.level wins).
    cli = { options: parseOptionAssignments(flagList(options.option)), ...(debug ? { debug: true } : {}) };
    checkConf({ cli });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }

  const chaos = parseChaos(options);
  const live = !options.json && isInteractive();
  // Loaded before the run starts, so the live view sees the run's first events.
  const view = live ? await Promise.all([import('ink'), import('react'), import('../views/RunView.js')]) : undefined;
  const bundled = await prepareLocalRun(topology, {
    cwd: process.cwd(),
    onBundle: (event) => {
      if (event.type === 'bundle:done' && !options.json) {
        process.stdout.write(`stp run: bundled ${event.components.length} component(s) of '${event.topology}' into ${event.outDir} in ${Math.round(event.ms)} ms\n`);
      }
    },
  }).catch(asLocalError);
  const prepared = { ...bundled, spec: renamed(bundled.spec, options) };
  let overrides: Record<string, unknown>;
  try {
    // The overrides over the topology's conf, checked as submit checks them.
    const resolved = checkConf({ topology: prepared.spec.conf, cli });
    overrides = Object.fromEntries(Object.entries(resolved.entries).filter(([, entry]) => entry.origin.source === 'cli').map(([key, entry]) => [key, entry.value]));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  await checkStateConf(prepared.spec, overrides);
  let handle;
  try {
    handle = runTopology(prepared.spec, {
      componentsDir: prepared.componentsDir,
      conf: overrides,
      logDir: path.join(prepared.projectDir, 'logs'),
      keepLogRuns: prepared.keepLogRuns,
      ...(durationMs !== undefined ? { durationMs } : {}),
      statsIntervalMs: live ? LIVE_STATS_MS : PLAIN_STATS_MS,
      onFault: options.failFast ? 'stop' : 'restart',
      ...(chaos && { chaos }),
      memoryCheck: options.memoryCheck !== false,
    });
  } catch (error) {
    asLocalError(error);
  }

  if (chaos && !options.json) {
    const which = chaos.components ? chaos.components.join(', ') : 'any bolt';
    const pause = chaos.minMs === chaos.maxMs ? `${chaos.minMs / 1000} s` : `${chaos.minMs / 1000}-${chaos.maxMs / 1000} s`;
    process.stdout.write(`stp run: chaos: SIGKILL a random task of ${which} every ${pause} (seed ${chaos.seed}; --chaos-seed ${chaos.seed} repeats it)\n`);
  }

  // Output piped into a program that quit (`stp run | head`): stop the run quietly.
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') void handle.stop({ graceMs: 0 });
  };
  process.stdout.on('error', onOutputError);

  // Every way out that does not wait for the run to end still reaps the children first: no zombie is left
  // behind, whatever init does with orphans.
  const exitNow = (code: number): void => {
    void handle.kill().finally(() => process.exit(code));
  };
  let stopRequests = 0;
  const onSignal = (): void => {
    stopRequests++;
    // A second signal while the grace period runs: stop now.
    if (stopRequests > 1) exitNow(130);
    else void handle.stop();
  };
  const onCrash = (error: unknown): void => {
    process.stderr.write(`stp: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitNow(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await follow(handle, prepared.spec.name, options, view, debug);
  } catch (error) {
    // The view or a renderer threw: the children go first, then the error is reported.
    await handle.kill();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

/** Renders the run's events until it is over, then the summary (and the fault, if any). */
async function follow(
  handle: RunHandle,
  topology: string,
  options: RunCommandOptions,
  view: readonly [typeof import('ink'), typeof import('react'), typeof import('../views/RunView.js')] | undefined,
  debug: boolean,
): Promise<void> {
  let finish: () => void;
  if (options.json) {
    finish = renderJson(handle.events, process.stdout, { debug });
  } else if (view) {
    const [{ render }, { createElement }, { RunApp }] = view;
    const app = render(createElement(RunApp, { topology, events: handle.events, color: colorEnabled(), debug }), {
      exitOnCtrlC: false,
      patchConsole: false,
    });
    finish = () => {
      app.unmount();
    };
  } else {
    finish = renderPlain(handle.events, process.stdout, { debug, everyMs: PLAIN_STATS_MS });
  }

  // The live view shows one line a crash; its full report (error with stack, stderr tail) follows the summary.
  const crashes: TaskCrash[] = [];
  const onCrash = (crash: TaskCrash): void => {
    if (crash.cause === 'crash') crashes.push(crash);
  };
  if (view) handle.events.on('taskCrashed', onCrash);
  const result = await handle.done;
  handle.events.off('taskCrashed', onCrash);
  // Let the live view draw its final frame.
  await new Promise((resolve) => setTimeout(resolve, 20));
  finish();
  if (!options.json) process.stdout.write(`\n${endText(result)}\n`);
  for (const crash of crashes.slice(-3)) process.stderr.write(`\nstp: ${crashReport(crash)}\n`);
  if (result.fault) {
    process.stderr.write(`\nstp: ${formatFault(result.fault)}\n`);
    process.exitCode = 1;
  } else if (result.stats.crashes > 0) {
    // The run went on, as on Storm; a script still learns that tasks crashed (chaos kills do not count).
    process.stderr.write(`\nstp: ${result.stats.crashes} task crash(es) during the run (see the reports above)\n`);
    process.exitCode = 1;
  }
}

const DEFAULT_CHAOS_MS = 1000;

/** `--chaos 1-2` (a pause drawn from 1 to 2 s) or `--chaos 1.5`; components and seed. */
function parseChaos(options: RunCommandOptions): ChaosOptions | undefined {
  if (options.chaos === undefined) {
    if (options.chaosComponents !== undefined || options.chaosSeed !== undefined) throw new CliError('--chaos-components and --chaos-seed go with --chaos, e.g. --chaos 1-2');
    return undefined;
  }
  if (options.failFast) throw new CliError('--chaos kills tasks on purpose and needs them restarted: it cannot go with --fail-fast');
  const text = String(options.chaos);
  let minMs = DEFAULT_CHAOS_MS;
  let maxMs = DEFAULT_CHAOS_MS;
  // cac gives `true` for a bare --chaos.
  if (text !== 'true' && text !== '') {
    const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text);
    const min = match ? Number(match[1]) : NaN;
    const max = match?.[2] !== undefined ? Number(match[2]) : min;
    if (!match || !(min > 0) || !(max >= min)) {
      throw new CliError(`--chaos expects the seconds between kills, SECS or MIN-MAX (MIN > 0), got ${JSON.stringify(text)}; e.g. --chaos 1-2`);
    }
    minMs = min * 1000;
    maxMs = max * 1000;
  }
  let seed = Math.floor(Math.random() * 2 ** 31);
  if (options.chaosSeed !== undefined) {
    seed = Number(options.chaosSeed);
    if (!Number.isInteger(seed)) throw new CliError(`--chaos-seed expects an integer, got ${JSON.stringify(String(options.chaosSeed))}`);
  }
  const components = options.chaosComponents === undefined ? undefined : [options.chaosComponents].flat().flatMap((c) => String(c).split(',')).map((c) => c.trim()).filter(Boolean);
  return { minMs, maxMs, seed, ...(components && { components }) };
}

function parseTime(time: string | number | undefined): number | undefined {
  if (time === undefined) return undefined;
  const secs = flagNumber(time, false);
  if (!Number.isFinite(secs) || secs <= 0) {
    throw new CliError(`-t/--time expects a number of seconds greater than 0, got ${JSON.stringify(String(time))}; e.g. -t 10`);
  }
  return secs * 1000;
}

function asLocalError(error: unknown): never {
  if (error instanceof LocalRunError || error instanceof ConfigError) throw new CliError(error.message);
  return asCliError(error);
}

/** A topology with stateful bolts: its state provider and config must be right, and Redis must answer, before anything starts. */
async function checkStateConf(spec: TopologySpec, overrides: Readonly<Record<string, unknown>>): Promise<void> {
  const stateful = spec.components.filter((c) => c.stateful);
  if (stateful.length === 0) return;
  const { StateConfigError, checkStoreReachable, storeChoice } = await import('../../lib/state/provider.js');
  try {
    for (const component of stateful) {
      const where = `stateful bolt '${component.id}'`;
      await checkStoreReachable(storeChoice({ ...spec.conf, ...component.conf, ...overrides }, where), where);
    }
  } catch (error) {
    if (error instanceof StateConfigError) throw new CliError(error.message);
    throw error;
  }
}
