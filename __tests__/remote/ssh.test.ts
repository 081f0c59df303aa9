// connectSsh and openTunnel against a real OpenSSH server on 127.0.0.1.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RemoteError } from '../../lib/remote/errors.js';
import { shellCommand, shellScript } from '../../lib/remote/quote.js';
import { connectSsh, sshEvents, type ConnectOptions, type SshConnection } from '../../lib/remote/ssh.js';
import { clearSshConfigCache, resolveSshTarget } from '../../lib/remote/ssh-config.js';
import { openTunnel, type Tunnel } from '../../lib/remote/tunnel.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';

const execFileAsync = promisify(execFile);

let sshd: TestSshd;
let scratch: string;
const open: SshConnection[] = [];
const tunnels: Tunnel[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  scratch = await mkdtemp(join(tmpdir(), 'stp-ssh-test-'));
});
afterEach(async () => {
  for (const connection of open.splice(0)) connection.dispose();
  for (const tunnel of tunnels.splice(0)) await tunnel.close();
  clearSshConfigCache();
});
afterAll(async () => {
  await sshd.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** Direct options: no ssh config alias, explicit key, known_hosts and port. */
function direct(extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return {
    sshConfigPath: join(scratch, 'no-such-config'),
    port: sshd.port,
    user: sshd.user,
    identityFiles: [sshd.privateKeyPath],
    knownHostsPaths: [sshd.knownHostsPath],
    agent: false,
    ...extra,
  };
}

async function connect(host: string, options: ConnectOptions): Promise<SshConnection> {
  const connection = await connectSsh(host, options);
  open.push(connection);
  return connection;
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

describe('connectSsh', () => {
  it('honours the ssh config: HostName, Port, User, IdentityFile, UserKnownHostsFile', async () => {
    const connection = await connect(sshd.alias, { sshConfigPath: sshd.sshConfigPath, agent: false });
    expect(connection.target).toMatchObject({ hostName: '127.0.0.1', port: sshd.port, user: sshd.user });
    const result = await connection.exec(shellCommand(['echo', 'hello']));
    expect(result).toMatchObject({ code: 0, stdout: 'hello\n' });
  });

  it('takes user@host:port destinations (as a workers entry may be written)', async () => {
    const connection = await connect(`${sshd.user}@127.0.0.1:${sshd.port}`, direct({ port: 1, user: 'nobody-else' }));
    expect(connection.target).toMatchObject({ hostName: '127.0.0.1', port: sshd.port, user: sshd.user });
  });

  it('passes quotes, ";", "$(...)", backticks, globs and spaces through as literal text', async () => {
    const connection = await connect('127.0.0.1', direct());
    const nasty = `a'b "c" ; echo pwned $(echo sub) \`echo tick\` * $HOME \\ end`;
    const result = await connection.exec(shellCommand(['printf', '%s|', nasty, 'two words']));
    expect(result.stdout).toBe(`${nasty}|two words|`);
    const script = await connection.exec(shellScript('printf "%s|" "$@"', [nasty, '']));
    expect(script.stdout).toBe(`${nasty}||`);
  });

  it('matches hashed known_hosts entries', async () => {
    const hashed = join(scratch, 'known_hosts_hashed');
    await writeFile(hashed, await readFile(sshd.knownHostsPath, 'utf8'));
    await execFileAsync('ssh-keygen', ['-H', '-f', hashed]);
    expect(await readFile(hashed, 'utf8')).toMatch(/^\|1\|/);
    const connection = await connect('127.0.0.1', direct({ knownHostsPaths: [hashed] }));
    expect((await connection.exec('true')).code).toBe(0);
  });

  it('refuses an unknown host key, naming the host and the fingerprint', async () => {
    const empty = join(scratch, 'known_hosts_empty');
    await writeFile(empty, '');
    const error = await failure(connectSsh('127.0.0.1', direct({ knownHostsPaths: [empty] })));
    expect(error.failure).toBe('host-key-unknown');
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).toMatch(/unknown \(SHA256:[A-Za-z0-9+/]+;/);
    expect(error.message).toContain('--accept-new-host-key');
  });

  it('accepts and records a new host key only when asked, then knows it', async () => {
    const file = join(scratch, 'known_hosts_new');
    await writeFile(file, '');
    await connect('127.0.0.1', direct({ knownHostsPaths: [file], acceptNewHostKey: true }));
    expect(await readFile(file, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    await connect('127.0.0.1', direct({ knownHostsPaths: [file] }));
  });

  it('refuses a changed host key, even with acceptNewHostKey', async () => {
    const otherKey = join(scratch, 'other_host_key');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const other = (await readFile(`${otherKey}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    const file = join(scratch, 'known_hosts_changed');
    await writeFile(file, `[127.0.0.1]:${sshd.port} ${other}\n`);
    const error = await failure(connectSsh('127.0.0.1', direct({ knownHostsPaths: [file], acceptNewHostKey: true })));
    expect(error.failure).toBe('host-key-changed');
    expect(error.message).toContain('CHANGED');
    expect(error.message).toContain(`${file}:1`);
    expect(await readFile(file, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${other}\n`);
  });

  it('times out on a host that accepts TCP but never speaks, naming the host', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const error = await failure(connectSsh('127.0.0.1', direct({ port, connectTimeoutMs: 400 })));
      expect(error.failure).toBe('timeout');
      expect(error.message).toContain(`127.0.0.1:${port}`);
      expect(error.message).toContain('did not answer');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says which keys it tried when the server refuses them', async () => {
    const stranger = join(scratch, 'stranger_key');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const error = await failure(connectSsh('127.0.0.1', direct({ identityFiles: [stranger] })));
    expect(error.failure).toBe('auth');
    expect(error.message).toContain(stranger);
    expect(error.message).not.toMatch(/PRIVATE KEY/);
  });

  it('explains that there is no key at all', async () => {
    const error = await failure(connectSsh('127.0.0.1', direct({ identityFiles: [join(scratch, 'missing')] })));
    expect(error.failure).toBe('no-keys');
  });
});

describe('ssh config settings stp does not act on', () => {
  it('names ProxyCommand, LocalCommand and Match exec blocks that may apply to the host, and nothing for others', async () => {
    const config = join(scratch, 'unhonoured_config');
    await writeFile(
      config,
      [
        'Host bastioned',
        '  HostName 10.0.0.5',
        '  ProxyCommand ssh -W %h:%p bastion',
        '  LocalCommand echo connected',
        'Match host bast* exec "test -f /etc/vpn"',
        '  User vpnuser',
        'Match host other exec "true"',
        '  User nobody',
        'Host plain',
        '  HostName 10.0.0.6',
        'Host noproxy',
        '  ProxyCommand none',
        '',
      ].join('\n'),
    );
    const target = resolveSshTarget('bastioned', { sshConfigPath: config });
    expect(target.unhonoured).toEqual([
      { option: 'ProxyCommand', effect: 'stp does not run it and connects to 10.0.0.5:22 directly; use ProxyJump, which stp follows' },
      { option: 'LocalCommand', effect: 'stp does not run it after connecting' },
      { option: 'Match exec', effect: 'stp does not run the commands of that block, so their settings are not applied' },
    ]);
    expect(resolveSshTarget('plain', { sshConfigPath: config }).unhonoured).toEqual([]);
    expect(resolveSshTarget('noproxy', { sshConfigPath: config }).unhonoured).toEqual([]);
  });

  it('tells once per host, when connecting, over the real sshd', async () => {
    const config = join(scratch, 'proxy_command_config');
    await writeFile(
      config,
      `Host proxied\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${sshd.knownHostsPath}\n  ProxyCommand nc bastion 22\n`,
    );
    const told: string[] = [];
    const listener = (host: string, settings: readonly { option: string }[]) => told.push(`${host}: ${settings.map((s) => s.option).join(', ')}`);
    sshEvents.on('config:unhonoured', listener);
    try {
      const options: ConnectOptions = { sshConfigPath: config, agent: false };
      await connect('proxied', options);
      await connect('proxied', options);
    } finally {
      sshEvents.off('config:unhonoured', listener);
    }
    expect(told).toEqual(['proxied: ProxyCommand']);
  });
});

describe('openTunnel', () => {
  let http: HttpServer;
  let httpPort: number;
  beforeAll(async () => {
    http = createHttpServer((request, response) => response.end(`tunnelled ${request.url}`));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpPort = (http.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
  });

  it('forwards a local port to a remote host:port through the SSH host', async () => {
    const tunnel = await openTunnel(sshd.alias, '127.0.0.1', httpPort, { sshConfigPath: sshd.sshConfigPath, agent: false });
    tunnels.push(tunnel);
    expect(tunnel.localPort).not.toBe(httpPort);
    const bodies = await Promise.all(
      ['/a', '/b', '/c'].map(async (path) => (await fetch(`http://127.0.0.1:${tunnel.localPort}${path}`)).text()),
    );
    expect(bodies).toEqual(['tunnelled /a', 'tunnelled /b', 'tunnelled /c']);
    await tunnel.close();
    await expect(fetch(`http://127.0.0.1:${tunnel.localPort}/`)).rejects.toThrow();
  });
});

describe('keys from the SSH agent, and ProxyJump', () => {
  let agent: ChildProcess | undefined;
  let agentSocket: string;
  beforeAll(async () => {
    agentSocket = join(scratch, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    for (let tries = 0; tries < 100 && !existsSync(agentSocket); tries++) await new Promise((r) => setTimeout(r, 20));
    await execFileAsync('ssh-add', ['-q', sshd.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
  });
  afterAll(() => {
    agent?.kill('SIGTERM');
  });

  it('logs in with a key held only by the agent', async () => {
    const connection = await connect('127.0.0.1', direct({ identityFiles: [join(scratch, 'no-key-file')], agent: agentSocket }));
    expect((await connection.exec('echo agent')).stdout).toBe('agent\n');
  });

  it('reaches a host through a ProxyJump hop named in the ssh config', async () => {
    const config = join(scratch, 'jump_config');
    await writeFile(
      config,
      `${await readFile(sshd.sshConfigPath, 'utf8')}\nHost behind-bastion\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${sshd.knownHostsPath}\n  ProxyJump ${sshd.alias}\n`,
    );
    const connection = await connect('behind-bastion', { sshConfigPath: config, agent: false });
    expect(connection.target.proxyJump).toEqual([sshd.alias]);
    expect((await connection.exec('echo jumped')).stdout).toBe('jumped\n');
  });
});
