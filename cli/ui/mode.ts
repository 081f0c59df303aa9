// Decide once how to talk to the user: an Ink view on an interactive terminal, plain lines otherwise.
// Ink 6 only special-cases CI itself; a pipe outside CI would still get erase sequences, so we choose here.
export interface OutputStream {
  isTTY?: boolean;
}

export function isInteractive(stream: OutputStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env['CI'] && env['TERM'] !== 'dumb';
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env['NO_COLOR'];
}
