// The stp command line: flags are declared here, each command's code is loaded only when it runs so that
// `stp --help` stays fast. Commands parse and render; the work lives in lib/.
import { cac } from 'cac';
import { readFileSync } from 'node:fs';
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

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const cli = cac('stp');

// ---- commands (keep alphabetical within each group) ----
// Each line: cli.command(...).option(...).action(lazy(() => import('./commands/<name>.js')))

cli
  .command('flux [topology]', 'Print the topology as Flux YAML (for Storm Flux users)')
  .option('-o, --output <file>', 'Write to a file instead of stdout')
  .option('--node-executable <path>', 'What runs TypeScript components on the workers', { default: undefined })
  .action(lazy(() => import('./commands/flux.js')));
cli
  .command('visualize [topology]', 'Draw the topology graph: components with parallelism, edges with grouping and fields')
  .option('-f, --format <format>', 'svg, dot or mermaid (default: from the -o file name, else svg)')
  .option('-o, --output <file>', 'Write to a file instead of stdout')
  .action(lazy(() => import('./commands/visualize.js')));

cli.help();
cli.version(pkg.version);

export async function main(argv: string[]): Promise<void> {
  try {
    cli.parse(argv, { run: false });
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new CliError(`unknown command "${String(cli.args[0])}"; run "stp --help" to see the commands`);
      if (!cli.options['help'] && !cli.options['version']) cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (error) {
    exitWithError(error);
  }
}

await main(process.argv);
