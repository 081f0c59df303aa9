// `stp top [TOPOLOGY] [-e ENV] [--interval SECS] [--window 10m|3h|1d|all] [--json]`: a live view of one running
// topology, fed by Nimbus over Thrift (through the SSH tunnel when the env says so). On a terminal an Ink view with
// keys; otherwise a line per component per interval, or JSON records with --json. Ink and the Nimbus client load
// only here.
import { ConfigError } from '../../lib/config/errors.js';
import { CliError } from '../errors.js';
import { sessionOptions, type ClusterFlags } from './cluster-command.js';
import { asRemoteCliError, numberFlag } from './remote-errors.js';
import { chosenTopology, type TopologyChoiceFlags } from './topology-choice.js';

export interface TopOptions extends ClusterFlags, TopologyChoiceFlags {
  interval?: unknown;
  window?: string;
  json?: boolean;
}

const DEFAULT_INTERVAL_SECS = 5;

export default async function top(given: string | undefined, options: TopOptions): Promise<void> {
  const topology = chosenTopology(given, options);
  const intervalSecs = numberFlag('--interval', options.interval, { min: 0.5 }) ?? DEFAULT_INTERVAL_SECS;
  const [{ loadConfig }, { resolveEnv }, { openNimbusSession }, { watchTopology, TopError }, { NimbusError }, { validateName }, { colorEnabled, isInteractive }, { parseWindow, WINDOW_FLAGS }] =
    await Promise.all([
      import('../../lib/config/load.js'),
      import('../../lib/config/env.js'),
      import('../../lib/nimbus/session.js'),
      import('../../lib/top/watch.js'),
      import('../../lib/nimbus/errors.js'),
      import('../../lib/remote/names.js'),
      import('../ui/mode.js'),
      import('../../lib/top/report.js'),
    ]);
  const window = options.window === undefined ? undefined : parseWindow(options.window);
  if (options.window !== undefined && window === undefined) {
    throw new CliError(`--window must be one of ${WINDOW_FLAGS.join(', ')} (found ${JSON.stringify(options.window)})`, 2);
  }
  let watch;
  try {
    if (topology !== undefined) validateName('topology', topology);
    const session = sessionOptions(options);
    const env = resolveEnv(loadConfig().config, options.environment);
    watch = await watchTopology({ name: topology, intervalMs: intervalSecs * 1000, ...(window ? { window } : {}), connect: () => openNimbusSession(env, session) });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    if (error instanceof TopError || error instanceof NimbusError) throw new CliError(error.message, 1);
    asRemoteCliError(error);
  }

  const stop = (): void => watch.stop();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Output piped into a program that quit (`stp top | head`): stop quietly.
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') stop();
  };
  process.stdout.on('error', onOutputError);

  let finish: () => void;
  if (!options.json && isInteractive()) {
    // React's production build: the development build checks and records extra work on every redraw.
    process.env['NODE_ENV'] ??= 'production';
    const [{ render }, { createElement }, { TopApp }] = await Promise.all([import('ink'), import('react'), import('../views/TopView.js')]);
    const app = render(createElement(TopApp, { watch, intervalSecs, color: colorEnabled(), keys: Boolean(process.stdin.isTTY), onQuit: stop }), {
      exitOnCtrlC: false,
      patchConsole: false,
    });
    finish = () => app.unmount();
  } else {
    const { renderTopPlain } = await import('../views/TopPlain.js');
    finish = renderTopPlain(watch, process.stdout, { json: Boolean(options.json) });
  }
  try {
    const end = await watch.done;
    // Let the live view draw its last frame (a killed topology's status).
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (end.reason === 'killed') throw new CliError(end.message, 1);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof NimbusError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    finish();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.stdout.off('error', onOutputError);
  }
}
