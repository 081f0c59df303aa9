// Flag values as typed: negative numbers reach the command (which names flag, value and need), number-like text
// is not turned into a number behind the command's back. parseArgv on a cac instance, then the real bin/stp.js.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cac } from 'cac';
import { parseArgv } from '../../cli/argv.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

describe('parseArgv', () => {
  const make = () => {
    const cli = cac('t');
    cli.command('go [name]').option('-p, --par <n>', '').option('-o, --option <kv>', '').option('-f, --force', '').option('--older-than <days>', '');
    cli.command('other').option('-n, --lines <n>', '');
    return cli;
  };

  it('attaches a negative number to the flag before it, short or long, and keeps the text typed', () => {
    const cli = make();
    parseArgv(cli, ['node', 't', 'go', 'wc', '-p', '-3', '--older-than', '-.5', '-f']);
    expect(cli.matchedCommandName).toBe('go');
    expect(cli.args).toEqual(['wc']);
    expect(cli.options).toMatchObject({ p: '-3', par: '-3', olderThan: '-.5', force: true });
  });

  it('does not turn number-like values into numbers, and keeps repeats as a list', () => {
    const cli = make();
    parseArgv(cli, ['node', 't', 'go', '--par=1e3', '-o', '007', '-o', 'a=1']);
    expect(cli.options).toMatchObject({ par: '1e3', option: ['007', 'a=1'] });
  });

  it('uses the matched command\'s flags (the same letter may mean another flag elsewhere)', () => {
    const cli = make();
    parseArgv(cli, ['node', 't', 'other', '-n', '99999999999999999999']);
    expect(cli.matchedCommandName).toBe('other');
    expect(cli.options).toMatchObject({ lines: '99999999999999999999' });
  });

  it('leaves a flag with no value, or one followed by another flag, to cac', () => {
    const cli = make();
    parseArgv(cli, ['node', 't', 'go', '-p', '-f']);
    expect(cli.options).toMatchObject({ par: true, force: true });
  });
});

describe('stp number flags', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'stp-flags-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const stp = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('node', [bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stderr });
      });
    });

  it.each([
    [['submit', '-p', '-3'], 'stp: -p "-3" is not a whole number >= 1; write e.g. -p 2'],
    [['submit', '-w', '1e3'], 'stp: -w "1e3" is not a whole number >= 1; write e.g. -w 2'],
    [['run', '-t', '-1'], 'stp: -t/--time expects a number of seconds greater than 0, got "-1"; e.g. -t 10'],
    [['list', '--timeout', '-5'], 'stp: --timeout "-5" is not a whole number >= 1; write e.g. --timeout 2'],
    [['kill', 'wc', '--wait', '-1'], 'stp: --wait "-1" is not a whole number >= 0; write e.g. --wait 2'],
    [['remove-logs', 'wc', '--older-than', '-1'], 'stp: --older-than must be a number >= 0 (found "-1")'],
    [['tail', 'wc', '-l', '99999999999999999999'], 'stp: --lines must be a whole number from 0 to 9007199254740991 (found "99999999999999999999")'],
    [['flux', '--node-executable', 'node --inspect'], 'stp: --node-executable "node --inspect": expected one executable with no arguments: Storm runs it as a single program name and does not split it at spaces, so every component would fail to start on the workers; to pass node flags, name a wrapper script (e.g. "/opt/stp/node-inspect" holding: exec node --inspect "$@")'],
  ])('stp %j names the flag, the value and what it needs', async (args, message) => {
    const result = await stp(args);
    expect(result.stderr.trim()).toBe(message);
    expect(result.status).toBe(2);
  });
});
