#!/usr/bin/env node
// The stp command line: flags are declared here, each command's code is loaded only when it runs so that
// `stp --help` stays fast. Commands parse and render; the work lives in lib/.
import { cac } from 'cac';
import { readFileSync } from 'node:fs';
import { parseArgv } from './argv.js';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import { CliError, exitWithError } from './errors.js';

// `never[]` parameters accept any command signature (`(topology: string | undefined, options: {...})`);
// cac passes the parsed positionals and options, which the command's own parameter types describe.
type Action = (...args: never[]) => Promise<void> | void;
/** A command module exports `default async function (…positionals, options)`. */
const lazy =
  (load: () => Promise<{ default: Action }>) =>
  async (...args: unknown[]): Promise<void> => {
    const mod = await load();
    await (mod.default as (...args: unknown[]) => Promise<void> | void)(...args);
  };

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
export const cli = cac('stp');

// ---- flags shared by several commands: one spelling and one description each (cli/commands/topology-choice.ts) ----
const nameOption = ['-n, --name <topology>', 'The topology, as the TOPOLOGY argument (streamparse\'s -n)'] as const;
const runningNameOption = ['-n, --name <topology>', 'The running topology, as the NAME argument (streamparse\'s -n)'] as const;
const overrideNameOption = (what: string) => ['-N, --override-name <name>', `Use this name instead of the topology's own (${what})`] as const;
const confOption = ['-o, --option <key=value>', 'Override topology conf; the value is read as JSON when it parses (10, true, ["a"]), else as text; repeatable'] as const;
const outputOption = (what: string) => ['--output, --out <path>', what] as const;
const envOption = ['-e, --environment <env>', 'The env in config.json (may be omitted when there is one)'] as const;

// ---- commands (keep alphabetical within each group) ----
// Each line: cli.command(...).option(...).action(lazy(() => import('./commands/<name>.js')))

cli
  .command('bundle [topology]', 'Bundle each TypeScript component into <id>.js (what Storm and stp run execute)')
  .option(...nameOption)
  .option(...outputOption('Folder for the component files'))
  .action(lazy(() => import('./commands/bundle.js')));
cli
  .command('flux [topology]', 'Print the topology as Flux YAML (for Storm Flux users)')
  .option(...nameOption)
  .option(...overrideNameOption('the name: in the YAML'))
  .option(...outputOption('Write to this file instead of stdout'))
  .option('--node-executable <path>', 'What runs TypeScript components on the workers', { default: undefined })
  .action(lazy(() => import('./commands/flux.js')));
cli
  .command('quickstart <name>', 'Create a new stp project NAME/ with a word-count topology, tests and config')
  .option('--stp-spec <spec>', 'How the project depends on storm-ts in package.json (default: this installation: its version, or this checkout)')
  .action(lazy(() => import('./commands/quickstart.js')));
cli
  .command('run [topology]', 'Run a topology locally on the embedded engine (no JVM): live counts, Ctrl-C stops')
  .option(...nameOption)
  .option(...overrideNameOption('topology.name and the log file names'))
  .option('-t, --time <secs>', 'Stop after SECS seconds (default: run until Ctrl-C)')
  .option(...confOption)
  .option('-d, --debug', 'Set topology.debug: print every emitted tuple; components log at debug level')
  .option('--json', 'Print JSON records (one per line) instead of the view')
  .option('--fail-fast', 'Stop the whole run at the first task crash (default: restart the task, as Storm does)')
  .option('--chaos [secs]', 'SIGKILL a random task every SECS (or MIN-MAX) seconds, default 1; tasks restart')
  .option('--chaos-components <ids>', 'Only kill tasks of these components (comma-separated; default: every bolt)')
  .option('--chaos-seed <n>', 'Seed of the chaos (same seed, same victims and pauses); printed when not given')
  .option('--no-memory-check', "Start the tasks even when they would not fit in this machine's memory (about 48 MB each)")
  .action(lazy(() => import('./commands/run.js')));
cli
  .command('visualize [topology]', 'Draw the topology graph: components with parallelism, edges with grouping and fields')
  .option(...nameOption)
  .option(...overrideNameOption('the title of the picture'))
  .option('--format <format>', 'svg, dot or mermaid (default: from the --output file name, else svg)')
  .option(...outputOption('Write to this file instead of stdout'))
  .action(lazy(() => import('./commands/visualize.js')));

// ---- remote: workers over SSH and the Storm UI (alphabetical) ----
const acceptNewHostKey = ['--accept-new-host-key', 'Accept and record a host key known_hosts does not have yet (never a changed one)'] as const;
cli
  .command('prepare [topology]', 'Install the topology dependencies (npm ci --omit=dev) under node_modules_root on every worker')
  .option(...envOption)
  .option(...nameOption)
  .option(...overrideNameOption('the folder under node_modules_root, as submitted with -N'))
  .option('--concurrency <n>', 'Hosts worked on at once (default: all)')
  .option('--verbose', "Show each step and npm's output, per host")
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/prepare.js')));
cli
  .command('remove-logs [topology]', "Delete the topology's component log files on every worker, reporting per host (alias: remove_logs)")
  .alias('remove_logs')
  .option(...envOption)
  .option(...nameOption)
  .option(...overrideNameOption('the name in the log file names, as submitted with -N'))
  .option('--older-than <days>', 'Only files last modified more than DAYS days ago')
  .option('--dry-run', 'Show what would be removed; remove nothing')
  .option('--json', 'Print the per-host report as JSON')
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/remove-logs.js')));
cli
  .command('slot-usage', 'Worker slots (and executors) each topology uses on each supervisor host, from the Storm UI or Nimbus (alias: slot_usage)')
  .alias('slot_usage')
  .option(...envOption)
  .option('--json', 'Print JSON instead of a table')
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/slot-usage.js')));
cli
  .command('stats [topology]', 'Topology, spout and bolt statistics from the Storm UI or Nimbus (all topologies when none is named)')
  .option(...envOption)
  .option(...runningNameOption)
  .option('-c, --component <name>', "One component's executors and errors")
  .option('--json', 'Print JSON instead of tables')
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/stats.js')));
cli
  .command('tail [topology]', 'The component logs on every worker, merged, each line prefixed by its host')
  .option(...envOption)
  .option(...nameOption)
  .option(...overrideNameOption('the name in the log file names, as submitted with -N'))
  .option('--pattern <regex>', 'Only log files whose name matches REGEX')
  .option('-l, --lines, --num-lines <n>', 'Lines of each file to show first (default 10)')
  .option('-f, --follow', 'Keep showing new lines until Ctrl-C')
  .option('--rotated', 'Include rotated files (.log.1, ...)')
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/tail.js')));
cli
  .command('worker-uptime', 'Every worker process and its uptime, most recently (re)started first, from the Storm UI or Nimbus (alias: worker_uptime)')
  .alias('worker_uptime')
  .option(...envOption)
  .option('--json', 'Print JSON instead of a table')
  .option(...acceptNewHostKey)
  .action(lazy(() => import('./commands/worker-uptime.js')));

// ---- cluster: jar, submit and Nimbus commands over Thrift (alphabetical) ----
const timeoutOption = ['--timeout <secs>', 'Seconds to wait for each Nimbus call (default 60)'] as const;
cli
  .command('activate [name]', "Activate a topology (its spouts start emitting again)")
  .option(...envOption)
  .option(...runningNameOption)
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/activate.js')));
cli
  .command('deactivate [name]', "Deactivate a topology (its spouts stop emitting; it stays deployed)")
  .option(...envOption)
  .option(...runningNameOption)
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/deactivate.js')));
cli
  .command('jar [topology]', 'Bundle the components and write _build/<topology>-<version>.jar (what submit uploads)')
  .option('-e, --environment <env>', 'The env whose use_node_modules decides where externals resolve on the workers')
  .option(...nameOption)
  .option(...overrideNameOption('the jar file name and the workers\' node_modules folder, as submitted with -N'))
  .option(...outputOption('Write the jar here instead of _build/'))
  .action(lazy(() => import('./commands/jar.js')));
cli
  .command('kill [name]', 'Kill a running topology and wait until Nimbus has removed it')
  .option(...envOption)
  .option(...runningNameOption)
  .option('--wait <secs>', 'Seconds Storm lets the topology drain before killing it (default: topology.message.timeout.secs)')
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/kill.js')));
cli
  .command('list', 'List the topologies running on the cluster')
  .option(...envOption)
  .option('--json', 'Print JSON instead of a table')
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/list.js')));
cli
  .command('rebalance [name]', 'Spread a running topology over a new number of workers and/or executors')
  .option(...envOption)
  .option(...runningNameOption)
  .option('-w, --workers <n>', 'New number of worker processes (Storm\'s rebalance -n)')
  .option('-x, --executor <component=N>', 'New number of executors for a component; repeatable (Storm\'s rebalance -e)')
  .option('--wait <secs>', 'Seconds Storm waits before rebalancing (default: topology.message.timeout.secs; Storm\'s rebalance -w)')
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/rebalance.js')));
cli
  .command('submit [topology]', 'Build the jar and submit the topology to the env\'s Nimbus (alias: deploy)')
  .alias('deploy')
  .option(...envOption)
  .option(...nameOption)
  .option(...overrideNameOption('submit under it'))
  .option('-p, --par <n>', 'Workers and ackers together (topology.workers and topology.acker.executors)')
  .option('-w, --workers <n>', 'Worker processes (topology.workers); overrides -p')
  .option('-a, --ackers <n>', 'Acker executors (topology.acker.executors); overrides -p')
  .option(...confOption)
  .option('-f, --force', 'Kill a running topology of the same name first and wait until it is gone')
  .option('-d, --debug', 'Set topology.debug and log level debug')
  .option('--wait <secs>', 'With -f: seconds Storm lets the old topology drain before killing it')
  .option('--inactive', 'Submit deactivated ("stp activate NAME" starts it)')
  .option('--jar <file>', 'Submit a jar built earlier by "stp jar" instead of building one')
  .option('--yes', 'Answer yes to questions (replace a running topology without asking)')
  .option('--dry-run', 'Print the resolved conf (with where each value came from), the topology and its tasks against the cluster\'s slots; submit nothing')
  .option('--json', 'Print one JSON record per line (steps, upload progress, result) instead of the view')
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/submit.js')));

cli
  .command('top [topology]', 'A live view of a running topology from Nimbus: rates, latencies, capacity, errors, workers')
  .option(...envOption)
  .option(...runningNameOption)
  .option('--interval <secs>', 'Seconds between answers from Nimbus (default 5; Storm\'s workers report their stats once a minute)')
  .option('--window <window>', 'Rates, latencies and capacity over Storm\'s window: 10m (default), 3h, 1d or all (the view\'s t key changes it)')
  .option('--json', 'Print JSON records (one per line: the topology, then each component) every interval instead of the view')
  .option(...acceptNewHostKey)
  .option(...timeoutOption)
  .action(lazy(() => import('./commands/top.js')));

cli.help();
cli.version(pkg.version);

export async function main(argv: string[]): Promise<void> {
  try {
    parseArgv(cli, argv);
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new CliError(`unknown command "${String(cli.args[0])}"; run "stp --help" to see the commands`);
      if (!cli.options['help'] && !cli.options['version']) cli.outputHelp();
      return;
    }
    // cac's own checks, run here so that their errors are usage errors (exit 2): in the minified bundle their class
    // name is not "CACError" any more, so exitWithError cannot tell them by name.
    const command = cli.matchedCommand;
    try {
      command.checkUnknownOptions();
      command.checkOptionValue();
      command.checkRequiredArgs();
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
    await cli.runMatchedCommand();
  } catch (error) {
    exitWithError(error);
  }
}

await main(process.argv);
