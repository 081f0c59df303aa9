import { readFileSync } from 'node:fs';
import { CLI_REFERENCE, cliReference, commandNames } from '../../cli/reference.js';

describe('docs/cli.md', () => {
  it('is the current output of the CLI (regenerate with `npm run docs:cli`)', async () => {
    expect(readFileSync(CLI_REFERENCE, 'utf8')).toBe(await cliReference());
  });

  it('covers every command stp --help lists', () => {
    const names = commandNames('Usage:\n  $ stp <command>\n\nCommands:\n  run [topology]  Run it\n  slot-usage      Slots\n\nOptions:\n  -h');
    expect(names).toEqual(['run', 'slot-usage']);
  });
});
