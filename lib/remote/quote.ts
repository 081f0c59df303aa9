// Every remote command is built from quoted arguments: the remote login shell sees each argument as one
// literal word, whatever quotes, `;`, `$(...)`, globs or spaces it holds.

/**
 * Quotes one argument for a POSIX shell.
 * @example shellQuote("it's") // => 'it'\''s'
 * @example shellQuote('a b; rm -rf ~') // => 'a b; rm -rf ~'
 */
export function shellQuote(argument: string): string {
  if (argument.includes('\0')) {
    throw new Error(`a remote command argument contains a NUL byte: ${JSON.stringify(argument)}; remove it`);
  }
  // Words made only of safe characters need no quotes; this keeps commands readable in messages.
  if (argument !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** One command line from an argv: each element quoted, joined by spaces. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('a remote command needs at least the program name');
  return argv.map(shellQuote).join(' ');
}

/**
 * Runs a fixed script of ours with data passed only as positional parameters (`$1`, `$2`, ...), so no data is ever
 * parsed as shell code: `sh -c '<script>' sh 'arg1' 'arg2'`.
 */
export function shellScript(script: string, args: readonly string[] = []): string {
  return shellCommand(['sh', '-c', script, 'sh', ...args]);
}
