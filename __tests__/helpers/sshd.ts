// A real OpenSSH server on 127.0.0.1 for tests: its own host key, user key, authorized_keys, known_hosts and
// ssh config, all in one temp dir. The machine's own ssh config and ~/.ssh are never read or touched.
// Runs as the current user (root on CI, where sshd is told to allow it). Several test files may start their own.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
/** Read at each start, so that a test can point it elsewhere (scripts/test-packages.sh reads it too). */
const sshdPath = (): string => process.env['STP_TEST_SSHD'] ?? '/usr/sbin/sshd';

export interface TestSshd {
  /** Always 127.0.0.1. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The Host alias written in `sshConfigPath` (HostName 127.0.0.1, the port, user, key and known_hosts). */
  readonly alias: string;
  readonly privateKeyPath: string;
  /** Holds `[127.0.0.1]:<port> <host key>`; nothing else. */
  readonly knownHostsPath: string;
  readonly sshConfigPath: string;
  /** The server's host public key line (`ssh-ed25519 AAAA...`). */
  readonly hostPublicKey: string;
  /** The temp dir holding all of the above; removed by stop(). */
  readonly dir: string;
  /** Kills sshd and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartSshdOptions {
  /** Extra sshd_config lines; they override the defaults (e.g. `MaxSessions 4`). */
  readonly extraConfig?: readonly string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function keygen(path: string, comment: string): Promise<void> {
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** As root, sshd needs its privilege separation dir (systemd creates it for the real service; we may not have one). */
async function ensurePrivsepDir(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  try {
    await stat('/run/sshd');
  } catch {
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  }
}

function sshdConfig(dir: string, port: number, user: string, extra: readonly string[]): string {
  // sshd takes the first value of a keyword: extra lines go first so they override the defaults below.
  return [
    ...extra,
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    // Temp dirs are world-readable parents; root on CI owns files other users could see. Tests only.
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'AllowTcpForwarding yes',
    'PermitTTY no',
    'PrintMotd no',
    'UseDNS no',
    'MaxStartups 64:30:128',
    'MaxSessions 64',
    'LoginGraceTime 20',
    'LogLevel INFO',
    `Subsystem sftp internal-sftp`,
    '',
  ].join('\n');
}

/** Starts sshd in the foreground and resolves once it says it is listening. */
function launch(configPath: string, dir: string): Promise<{ child: ChildProcess; log: () => string }> {
  return new Promise((resolve, reject) => {
    const sshd = sshdPath();
    const child = spawn(sshd, ['-D', '-e', '-f', configPath], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sshd did not start within 10 s:\n${log}`));
    }, 10_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve({ child, log: () => log });
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${sshd}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited (${code ?? signal}) before listening:\n${log}`));
    });
  });
}

export async function startSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'stp-sshd-'));
  try {
    const user = userInfo().username;
    const hostKey = join(dir, 'host_ed25519');
    const privateKeyPath = join(dir, 'id_ed25519');
    await Promise.all([keygen(hostKey, 'stp-test-host'), keygen(privateKeyPath, 'stp-test-user'), ensurePrivsepDir()]);
    await writeFile(join(dir, 'authorized_keys'), await readFile(`${privateKeyPath}.pub`, 'utf8'), { mode: 0o600 });
    const hostPublicKey = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');

    // A port picked free may be taken before sshd binds it (other tests start servers too): try a few.
    let started: { child: ChildProcess; log: () => string } | undefined;
    let port = 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      port = await freePort();
      const configPath = join(dir, 'sshd_config');
      await writeFile(configPath, sshdConfig(dir, port, user, options.extraConfig ?? []));
      try {
        started = await launch(configPath, dir);
      } catch (error) {
        lastError = error;
        if (!String(error).includes('Address already in use')) throw error;
      }
    }
    if (!started) throw lastError;
    const { child } = started;

    const knownHostsPath = join(dir, 'known_hosts');
    await writeFile(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
    const alias = 'stp-test-sshd';
    const sshConfigPath = join(dir, 'ssh_config');
    await writeFile(
      sshConfigPath,
      [
        `Host ${alias}`,
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        `  User ${user}`,
        `  IdentityFile ${privateKeyPath}`,
        `  UserKnownHostsFile ${knownHostsPath}`,
        '  StrictHostKeyChecking yes',
        '',
      ].join('\n'),
    );

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    };

    return {
      host: '127.0.0.1',
      port,
      user,
      alias,
      privateKeyPath,
      knownHostsPath,
      sshConfigPath,
      hostPublicKey,
      dir,
      stop,
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
