// One place decides how a failure reaches the user: a clear message on stderr and a non-zero exit status.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function exitWithError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof CliError ? error.exitCode : 1;
  // cac's own errors (unknown flag, missing argument) are usage errors too.
  const usage = error instanceof Error && error.name === 'CACError';
  process.stderr.write(`stp: ${message}\n`);
  if (process.env['STP_DEBUG'] && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(usage ? 2 : code);
}
