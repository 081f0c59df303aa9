// What docs/cli.md says about the environment variables stp reads and its exit statuses (cli/reference.ts writes
// them under the commands). One table each, next to the code that acts on them: cli/ui/mode.ts, cli/errors.ts,
// lib/remote/env.ts, lib/remote/ssh.ts.
export const ENVIRONMENT: readonly (readonly [name: string, effect: string])[] = [
  ['STP_DEBUG', 'Any value: a failure prints its stack trace after the one-line message.'],
  ['STP_SSH_CONFIG', 'The ssh config file to read instead of ~/.ssh/config (as `ssh -F FILE`).'],
  ['SSH_AUTH_SOCK', "The SSH agent stp tries first for keys (as ssh does)."],
  ['CI', 'Set (non-empty): plain lines instead of the live views (run, submit, prepare, top), and no questions.'],
  ['TERM=dumb', 'The same as CI for the live views.'],
  ['NO_COLOR', 'Any non-empty value: no colours or styles (https://no-color.org).'],
];

export const EXIT_STATUSES: readonly (readonly [status: string, meaning: string])[] = [
  ['0', 'Done (also a run ended by Ctrl-C or its -t time).'],
  ['1', 'The work failed: Nimbus, a host, the Storm UI or a build refused or failed; a run with task crashes; a submit step that failed.'],
  ['2', 'Usage: an unknown command or topology, a bad flag value or a missing argument, an invalid config.json or topology; nothing was sent.'],
  ['130', 'Interrupted: a second Ctrl-C during stp run or stp submit (a first one stops cleanly).'],
];

const table = (head: readonly [string, string], rows: readonly (readonly [string, string])[]): string[] => [
  `| ${head[0]} | ${head[1]} |`,
  '| --- | --- |',
  ...rows.map(([a, b]) => `| \`${a}\` | ${b} |`),
];

/** The two sections of docs/cli.md after the commands. */
export function environmentReference(): string[] {
  return [
    '## Environment variables',
    '',
    ...table(['variable', 'effect'], ENVIRONMENT),
    '',
    '## Exit status',
    '',
    ...table(['status', 'meaning'], EXIT_STATUSES),
    '',
  ];
}
