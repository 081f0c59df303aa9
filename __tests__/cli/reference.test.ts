import { readFileSync } from 'node:fs';
import { CLI_REFERENCE, cliReference, commandNames } from '../../cli/reference.js';

let reference: string;
beforeAll(async () => {
  reference = await cliReference();
});

/** Every `-x, --long` a command's help lists, as [command, short, the flag's names]. */
function shortFlags(text: string): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const section of text.split(/^## stp /m).slice(1)) {
    const command = section.split('\n')[0]!.trim();
    for (const match of section.matchAll(/^ {2}(-[A-Za-z]), ((?:--[a-z-]+(?:, )?)+)/gm)) found.push([command, match[1]!, match[2]!.trim()]);
  }
  return found;
}

describe('docs/cli.md', () => {
  it('is the current output of the CLI (regenerate with `npm run docs:cli`)', () => {
    expect(readFileSync(CLI_REFERENCE, 'utf8')).toBe(reference);
  });

  it('covers every command stp --help lists', () => {
    const names = commandNames('Usage:\n  $ stp <command>\n\nCommands:\n  run [topology]  Run it\n  slot-usage      Slots\n\nOptions:\n  -h');
    expect(names).toEqual(['run', 'slot-usage']);
  });

  it('gives each short flag one meaning on every command (-f is force on submit and follow on tail, as in streamparse)', () => {
    const meanings = new Map<string, Set<string>>();
    for (const [, short, names] of shortFlags(reference)) meanings.set(short, (meanings.get(short) ?? new Set()).add(names));
    expect(meanings.get('-e')).toEqual(new Set(['--environment']));
    expect(meanings.get('-n')).toEqual(new Set(['--name']));
    expect(meanings.get('-N')).toEqual(new Set(['--override-name']));
    expect(meanings.get('-o')).toEqual(new Set(['--option']));
    const several = [...meanings].filter(([, all]) => all.size > 1).map(([short, all]) => `${short}: ${[...all].sort().join(' | ')}`);
    expect(several).toEqual(['-f: --follow | --force']);
  });

  it('takes -n and -N on every command that takes a topology file, and -n on those that name a running one', () => {
    const flags = shortFlags(reference);
    const has = (command: string, short: string) => flags.some(([c, s]) => c === command && s === short);
    for (const command of ['flux', 'run', 'visualize', 'prepare', 'remove-logs', 'tail', 'jar', 'submit']) {
      expect([command, has(command, '-n'), has(command, '-N')]).toEqual([command, true, true]);
    }
    for (const command of ['bundle', 'stats', 'activate', 'deactivate', 'kill', 'rebalance', 'top']) expect([command, has(command, '-n')]).toEqual([command, true]);
  });
});
