// `stp quickstart NAME`: scaffold a project that runs and tests out of the box.
import path from 'node:path';
import { createProject, QuickstartError, quickstartEvents } from '../../lib/quickstart/create-project.js';
import { CliError } from '../errors.js';

export interface QuickstartOptions {
  stpSpec?: string;
}

export default async function quickstart(name: string, options: QuickstartOptions): Promise<void> {
  const events = quickstartEvents();
  events.on('create', (file) => {
    if (file === name) process.stdout.write(`Creating your ${name} stp project...\n`);
    process.stdout.write(`    create    ${file}\n`);
  });
  let dir: string;
  try {
    dir = await createProject(name, { events, ...(options.stpSpec !== undefined && { stpSpec: options.stpSpec }) });
  } catch (error) {
    if (error instanceof QuickstartError) throw new CliError(error.message);
    throw error;
  }
  const shown = path.relative(process.cwd(), dir) || '.';
  process.stdout.write(
    [
      'Done.',
      '',
      'Next steps:',
      `  cd ${shown}`,
      '  npm install',
      '  npm test              # type checks, bolt unit tests, the topology on the embedded engine',
      '  npx stp run -t 10     # run the topology locally for 10 seconds, with live counts',
      '',
      'Then edit config.json (nimbus, workers, log.path) and `npx stp submit -e prod` to deploy to Storm.',
      '',
    ].join('\n'),
  );
}
