// `stp run [TOPOLOGY] [-t SECS] [-o key=value]... [-d] [--json]`: bundles the topology and runs it on the
// embedded engine. On a terminal a live Ink view; otherwise plain lines (or JSON records with --json); a
// summary at the end. Ctrl-C or SIGTERM stops it gracefully; a second one stops it at once.
import path from 'node:path';
import { flagNumber } from '../../lib/config/flags.js';
import { ConfOverrideError, formatFault, LocalRunError, parseConfOverrides, runTopology, type RunHandle } from '../../lib/local/index.js';
import { prepareLocalRun } from '../../lib/local/prepare.js';
import { endText } from '../../lib/local/report.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';
import { renderJson, renderPlain } from '../views/RunPlain.js';
import { CliError } from '../errors.js';
import { asCliError } from './topology-errors.js';

export interface RunCommandOptions {
  time?: string | number;
  option?: string | string[];
  debug?: boolean;
  json?: boolean;
}

const PLAIN_STATS_MS = 2000;
const LIVE_STATS_MS = 500;

export default async function run(topology: string | undefined, options: RunCommandOptions): Promise<void> {
  const durationMs = parseTime(options.time);
  let overrides: Record<string, unknown>;
  try {
    overrides = parseConfOverrides(options.option === undefined ? [] : [options.option].flat().map(String));
  } catch (error) {
    if (error instanceof ConfOverrideError) throw new CliError(error.message);
    throw error;
  }
  const debug = Boolean(options.debug);
  if (debug) {
    // As `sparse run -d`: Storm's debug flag, and components log at debug level.
    overrides['topology.debug'] = true;
    overrides['stp.log.level'] ??= 'debug';
  }

  const live = !options.json && isInteractive();
  // Loaded before the run starts, so the live view sees the run's first events.
  const view = live ? await Promise.all([import('ink'), import('react'), import('../views/RunView.js')]) : undefined;
  const prepared = await prepareLocalRun(topology, {
    cwd: process.cwd(),
    onBundle: (event) => {
      if (event.type === 'bundle:done' && !options.json) {
        process.stdout.write(`stp run: bundled ${event.components.length} component(s) of '${event.topology}' into ${event.outDir} in ${Math.round(event.ms)} ms\n`);
      }
    },
  }).catch(asLocalError);
  let handle;
  try {
    handle = runTopology(prepared.spec, {
      componentsDir: prepared.componentsDir,
      conf: overrides,
      logDir: path.join(prepared.projectDir, 'logs'),
      ...(durationMs !== undefined ? { durationMs } : {}),
      statsIntervalMs: live ? LIVE_STATS_MS : PLAIN_STATS_MS,
    });
  } catch (error) {
    asLocalError(error);
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

  const result = await handle.done;
  // Let the live view draw its final frame.
  await new Promise((resolve) => setTimeout(resolve, 20));
  finish();
  if (!options.json) process.stdout.write(`\n${endText(result)}\n`);
  if (result.fault) {
    process.stderr.write(`\nstp: ${formatFault(result.fault)}\n`);
    process.exitCode = 1;
  }
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
  if (error instanceof LocalRunError) throw new CliError(error.message);
  return asCliError(error);
}
