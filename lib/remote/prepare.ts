// `stp prepare`: the Node analog of streamparse's per-topology virtualenvs. On every worker, the topology's
// package.json and lockfile go to <node_modules_root>/<topology> and `npm ci --omit=dev` installs them there;
// components resolve their externals from <node_modules_root>/<topology>/node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { posix, join } from 'node:path';
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { formatNodeVersion } from '../node-version.js';
import { splitFlags } from './argv.js';
import { RemoteError } from './errors.js';
import { forEachHost, type HostOutcome } from './hosts.js';
import { validateName, validateRemoteDir } from './names.js';
import { shellCommand, shellScript } from './quote.js';
import { connectSsh, type ConnectOptions, type SshConnection } from './ssh.js';
import { checkWorkerNode } from './worker-node.js';

export const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'] as const;

export type PrepareStep = 'connect' | 'node' | 'upload' | 'install';

/** What the deploy view renders: one line per host. */
export type PrepareEvents = {
  /** Before any host: the hosts, in order. */
  start: (info: { topology: string; installDir: string; hosts: readonly string[] }) => void;
  'host:step': (host: string, step: PrepareStep) => void;
  /** One line of npm's output (stdout or stderr), as it comes. */
  'host:output': (host: string, line: string) => void;
  'host:done': (host: string, info: { durationMs: number }) => void;
  'host:failed': (host: string, info: { durationMs: number; error: Error }) => void;
  done: (report: PrepareReport) => void;
};

export interface PrepareOptions {
  readonly topology: string;
  /** Local directory holding the package.json and lockfile to install (see `prepareSourceDir`). */
  readonly sourceDir: string;
  readonly hosts: readonly string[];
  /** The env's node_modules_root. */
  readonly nodeModulesRoot: string;
  /** The env's npm_flags, as one string (split like a shell would, nothing expanded). */
  readonly npmFlags?: string;
  /** The env's node_executable; when it is a path, its directory goes first on PATH so `npm` runs with that node. */
  readonly nodeExecutable?: string;
  readonly ssh?: ConnectOptions;
  /** Hosts worked on at once; default all. */
  readonly concurrency?: number;
  readonly emitter?: TypedEventEmitter<PrepareEvents>;
  readonly signal?: AbortSignal;
}

export interface PreparedHost {
  readonly installDir: string;
  /** What `node_executable --version` printed there, e.g. 24.22.3. */
  readonly nodeVersion: string;
  /** npm's output (last 200 lines). */
  readonly output: string;
}

export interface PrepareReport {
  readonly topology: string;
  readonly installDir: string;
  readonly outcomes: readonly HostOutcome<PreparedHost>[];
  readonly ok: boolean;
}

/** Where a topology is installed on the workers. */
export function workerInstallDir(nodeModulesRoot: string, topology: string): string {
  return posix.join(validateRemoteDir('node_modules_root', nodeModulesRoot), validateName('topology', topology));
}

/**
 * The absolute node_modules directory components resolve externals from on the workers: pass it to
 * `bundleTopology({ nodePaths })` when the env's `use_node_modules` is set.
 */
export function workerNodeModulesDir(nodeModulesRoot: string, topology: string): string {
  return posix.join(workerInstallDir(nodeModulesRoot, topology), 'node_modules');
}

/** `deps/<topology>/` when the project has one (a package.json just for that topology), else the project itself. */
export function prepareSourceDir(projectDir: string, topology: string): string {
  const own = join(projectDir, 'deps', validateName('topology', topology));
  return existsSync(join(own, 'package.json')) ? own : projectDir;
}

/** The files to upload; a missing package.json or lockfile is a clear local error before any host is touched. */
export function prepareFiles(sourceDir: string): { packageJson: string; lockfile: string; lockfileName: string } {
  const packageJson = join(sourceDir, 'package.json');
  if (!existsSync(packageJson)) {
    throw new Error(`no package.json in ${sourceDir}; stp prepare installs the dependencies it lists on the workers`);
  }
  try {
    JSON.parse(readFileSync(packageJson, 'utf8'));
  } catch (error) {
    throw new Error(`${packageJson} is not valid JSON: ${(error as Error).message}`);
  }
  const lockfileName = LOCKFILES.find((name) => existsSync(join(sourceDir, name)));
  if (!lockfileName) {
    throw new Error(`no package-lock.json in ${sourceDir}; "npm ci" on the workers needs one: run "npm install" there and commit the lockfile`);
  }
  return { packageJson, lockfile: join(sourceDir, lockfileName), lockfileName };
}

// $1 install dir, $2 extra PATH dir (may be empty), the rest is the npm command line.
const INSTALL_SCRIPT =
  'dir=$1; bindir=$2; shift 2; cd -- "$dir" || exit 97; ' +
  'if [ -n "$bindir" ]; then PATH="$bindir:$PATH"; export PATH; fi; exec "$@" 2>&1';

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.slice(-count).join('\n');
}

function putFile(connection: SshConnection, local: string, remote: string): Promise<void> {
  return connection.sftp().then(
    (sftp) =>
      new Promise<void>((resolve, reject) => {
        sftp.fastPut(local, remote, (error) => {
          sftp.end();
          if (error) reject(new Error(`could not upload ${local} to ${remote}: ${error.message}`));
          else resolve();
        });
      }),
  );
}

/**
 * A node_executable with a space is either a path holding a space or a program with arguments ("/usr/bin/env
 * node"), which Storm would look for as one program name, failing every component. Only the worker can tell:
 * it must be an executable file there.
 */
async function checkNodeExecutable(connection: SshConnection, host: string, exe: string): Promise<void> {
  if (!/\s/.test(exe)) return;
  const found = await connection.exec(shellScript('test -f "$1" && test -x "$1"', [exe]));
  if (found.code === 0) return;
  throw new RemoteError(
    host,
    'command',
    `node_executable ${JSON.stringify(exe)} is not an executable file on ${host}: Storm runs node_executable as one program name and never splits it at spaces, so a value with arguments fails every component; name the executable alone, or a wrapper script that adds the arguments`,
  );
}

async function prepareHost(host: string, options: PrepareOptions, files: ReturnType<typeof prepareFiles>, installDir: string): Promise<PreparedHost> {
  const { emitter } = options;
  emitter?.emit('host:step', host, 'connect');
  const connection = await connectSsh(host, options.ssh);
  try {
    // The components will run under this node: one too old for their bundles fails this host before npm runs.
    emitter?.emit('host:step', host, 'node');
    const exe = options.nodeExecutable ?? 'node';
    await checkNodeExecutable(connection, host, exe);
    const nodeVersion = formatNodeVersion(await checkWorkerNode(connection, host, exe));
    emitter?.emit('host:step', host, 'upload');
    const made = await connection.exec(shellCommand(['mkdir', '-p', '--', installDir]));
    if (made.code !== 0) {
      throw new RemoteError(host, 'command', `could not create ${installDir} on ${host}: ${(made.stderr || made.stdout).trim()} (does the user have write access to node_modules_root?)`);
    }
    await putFile(connection, files.packageJson, posix.join(installDir, 'package.json'));
    // Only one lockfile may be there, or npm would prefer a stale npm-shrinkwrap.json.
    await connection.exec(shellCommand(['rm', '-f', '--', ...LOCKFILES.map((name) => posix.join(installDir, name))]));
    await putFile(connection, files.lockfile, posix.join(installDir, files.lockfileName));

    emitter?.emit('host:step', host, 'install');
    const binDir = exe.includes('/') ? posix.dirname(exe) : '';
    const npmArgs = ['npm', 'ci', '--omit=dev', ...splitFlags(options.npmFlags ?? '', 'npm_flags')];
    let pending = '';
    const result = await connection.exec(shellScript(INSTALL_SCRIPT, [installDir, binDir, ...npmArgs]), {
      ...(options.signal ? { signal: options.signal } : {}),
      onStdout: (chunk) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) emitter?.emit('host:output', host, line);
      },
    });
    if (pending) emitter?.emit('host:output', host, pending);
    const output = lastLines(result.stdout, 200);
    if (result.code !== 0) {
      const status = result.code === 97 ? `cannot enter ${installDir}` : result.code === 127 ? 'npm was not found on PATH (set node_executable to the node whose npm to use)' : `exit status ${result.code ?? result.signal}`;
      throw new RemoteError(host, 'command', `npm ci failed on ${host} in ${installDir} (${status}):\n${lastLines(result.stdout, 30)}`);
    }
    return { installDir, nodeVersion, output };
  } finally {
    connection.dispose();
  }
}

export async function prepareWorkers(options: PrepareOptions): Promise<PrepareReport> {
  const installDir = workerInstallDir(options.nodeModulesRoot, options.topology);
  const files = prepareFiles(options.sourceDir);
  // A malformed npm_flags is a config error: say so before contacting any host.
  splitFlags(options.npmFlags ?? '', 'npm_flags');
  if (options.hosts.length === 0) {
    throw new Error('no worker hosts to prepare: list them in the env\'s "workers", or make sure Nimbus reports supervisors');
  }
  const emitter = options.emitter ?? createEmitter<PrepareEvents>();
  emitter.emit('start', { topology: options.topology, installDir, hosts: options.hosts });
  const outcomes = await forEachHost(
    options.hosts,
    async (host) => {
      const started = performance.now();
      try {
        const prepared = await prepareHost(host, { ...options, emitter }, files, installDir);
        emitter.emit('host:done', host, { durationMs: performance.now() - started });
        return prepared;
      } catch (error) {
        emitter.emit('host:failed', host, { durationMs: performance.now() - started, error: error as Error });
        throw error;
      }
    },
    options.concurrency,
  );
  const report: PrepareReport = { topology: options.topology, installDir, outcomes, ok: outcomes.every((outcome) => outcome.ok) };
  emitter.emit('done', report);
  return report;
}
