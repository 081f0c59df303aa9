// The stp command line: flags are declared here, each command's code is loaded only when it runs so that
// `stp --help` stays fast. Commands parse and render; the work lives in lib/.
import { cac } from 'cac';
import { readFileSync } from 'node:fs';
import { CliError, exitWithError } from './errors.js';

type Action = (...args: unknown[]) => Promise<void> | void;
/** A command module exports `default async function (…positionals, options)`. */
const lazy =
  (load: () => Promise<{ default: Action }>) =>
  async (...args: unknown[]): Promise<void> => {
    const mod = await load();
    await mod.default(...args);
  };

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const cli = cac('stp');

// ---- commands (keep alphabetical within each group) ----
// Each line: cli.command(...).option(...).action(lazy(() => import('./commands/<name>.js')))

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
