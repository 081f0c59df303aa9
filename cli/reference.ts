// Writes docs/cli.md, the reference of every command and flag, from the CLI's own --help output, so the docs
// cannot drift from the CLI (a test checks the file is current). `npm run docs:cli` regenerates it.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { environmentReference } from './environment.js';

const bin = fileURLToPath(new URL('../bin/stp.js', import.meta.url));
export const CLI_REFERENCE = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
const run = promisify(execFile);

async function help(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args, '--help'], { env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' } });
  // The first line is the version banner; it changes with every release and says nothing about usage.
  return stdout.split('\n').slice(1).join('\n').trim();
}

/** The commands `stp --help` lists, in its order. */
export function commandNames(mainHelp: string): string[] {
  const section = mainHelp.split(/\n\s*\n/).find((part) => part.trimStart().startsWith('Commands:')) ?? '';
  return section
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => /^[a-z][a-z-]*$/.test(name));
}

export async function cliReference(): Promise<string> {
  const main = await help([]);
  const names = commandNames(main);
  const sections = await Promise.all(names.map(async (name) => `## stp ${name}\n\n\`\`\`\n${await help([name])}\n\`\`\`\n`));
  return [
    '# CLI reference',
    '',
    '<!-- Generated from `stp --help` by `npm run docs:cli`; do not edit by hand. -->',
    '',
    '```',
    main,
    '```',
    '',
    ...sections,
    ...environmentReference(),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CLI_REFERENCE, await cliReference());
  process.stdout.write(`wrote ${CLI_REFERENCE}\n`);
}
