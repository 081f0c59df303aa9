// One SSH connection to one host, opened the way the user's own `ssh` would (their ssh config, their keys or
// agent, their known_hosts), with the host key checked and a timeout that names the host.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { NodeSSH } from 'node-ssh';
import ssh2, {
  type AgentAuthMethod,
  type Channel,
  type ClientChannel,
  type PublicKeyAuthMethod,
  type SFTPWrapper,
} from 'ssh2';
import { RemoteError } from './errors.js';
import {
  checkHostKey,
  defaultKnownHostsFiles,
  entriesFor,
  hostKeyAlgorithmsFor,
  knownHostName,
  readKnownHosts,
  recordHostKey,
  type HostKeyCheck,
} from './known-hosts.js';
import { parseDestination, resolveSshTarget, type SshTarget } from './ssh-config.js';
import { sshEvents } from './ssh-events.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export { sshEvents, type SshEvents } from './ssh-events.js';
const warnedHosts = new Set<string>();

export interface ConnectOptions {
  /** The ssh config file; default ~/.ssh/config. */
  readonly sshConfigPath?: string;
  /** known_hosts files to check (and, first of them, to record accepted keys in); default: the config's
   *  UserKnownHostsFile, else ~/.ssh/known_hosts, ~/.ssh/known_hosts2, /etc/ssh/ssh_known_hosts. */
  readonly knownHostsPaths?: readonly string[];
  /** The remote user (the env's `user`); overrides the config's User. */
  readonly user?: string;
  /** The port when the config gives none (the env's `ssh_port`). */
  readonly port?: number;
  /** Key files to try before the config's IdentityFile and the default ~/.ssh/id_* files. */
  readonly identityFiles?: readonly string[];
  /** The agent socket; default SSH_AUTH_SOCK; `false` uses no agent. */
  readonly agent?: string | false;
  /** Accept a host key that known_hosts does not know yet and record it there (never a changed one). */
  readonly acceptNewHostKey?: boolean;
  /** Gives up on a host that does not complete the handshake in time; default the config's ConnectTimeout, else 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface ExecResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface StreamOptions {
  readonly onStdout?: (chunk: Buffer) => void;
  readonly onStderr?: (chunk: Buffer) => void;
  readonly stdin?: string | Readable;
  /** Aborting closes the channel (the remote command gets SIGHUP as its session ends). */
  readonly signal?: AbortSignal;
}

export interface LiveStreamOptions {
  readonly onStdout?: (chunk: Buffer) => void;
  readonly onStderr?: (chunk: Buffer) => void;
  readonly signal?: AbortSignal;
  /**
   * Keep the command's stdin open until `signal` aborts, then send EOF. A remote script that waits for EOF on
   * stdin (`cat >/dev/null; kill ...`) can then stop its children cleanly instead of lingering.
   */
  readonly holdStdin?: boolean;
}

export interface SshConnection {
  readonly target: SshTarget;
  /** Runs a command line built with `shellCommand`/`shellScript` (never raw user text) and collects its output. */
  exec(command: string, options?: StreamOptions): Promise<ExecResult>;
  /** Runs a command and hands its output over as it comes, keeping none of it (for `tail -f`). */
  stream(command: string, options?: LiveStreamOptions): Promise<{ code: number | null; signal: string | null }>;
  sftp(): Promise<SFTPWrapper>;
  /** A channel to `host:port` as seen from the remote host. */
  forwardOut(host: string, port: number): Promise<Channel>;
  dispose(): void;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** SHA256:base64 fingerprint, as `ssh-keygen -lf` prints it (safe to show: it is public). */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function authMethods(
  target: SshTarget,
  options: ConnectOptions,
): { methods: Array<AgentAuthMethod | PublicKeyAuthMethod>; tried: string[] } {
  const methods: Array<AgentAuthMethod | PublicKeyAuthMethod> = [];
  const tried: string[] = [];
  const agent = options.agent === false ? undefined : (options.agent ?? process.env['SSH_AUTH_SOCK']);
  if (agent) {
    methods.push({ type: 'agent', username: target.user, agent });
    tried.push('the SSH agent');
  }
  const explicit = [...(options.identityFiles ?? []), ...target.identityFiles];
  const files = explicit.length > 0 ? explicit : DEFAULT_KEYS.map((name) => join(homedir(), '.ssh', name));
  for (const file of new Set(files)) {
    if (!existsSync(file)) continue;
    const key = readFileSync(file);
    const parsed = ssh2.utils.parseKey(key);
    if (parsed instanceof Error) {
      // An encrypted key cannot be used without a prompt; the agent is the way to use it.
      tried.push(`${file} (skipped: ${/encrypted|passphrase/i.test(parsed.message) ? 'encrypted; add it to ssh-agent' : 'unreadable'})`);
      continue;
    }
    methods.push({ type: 'publickey', username: target.user, key });
    tried.push(file);
  }
  return { methods, tried };
}

function describe(target: SshTarget): string {
  const port = target.port === 22 ? '' : `:${target.port}`;
  const alias = target.alias === target.hostName ? '' : ` (${target.hostName}${port})`;
  return `${target.user}@${target.alias}${alias || port}`;
}

function hostKeyMessage(target: SshTarget, check: HostKeyCheck, name: string, blob: Buffer, files: readonly string[]): string {
  const where = describe(target);
  switch (check.status) {
    case 'changed': {
      const first = check.entries[0]!;
      return (
        `host key of ${where} has CHANGED: it now presents ${fingerprint(blob)}, which does not match ${first.file}:${first.line}. ` +
        `Someone may be intercepting the connection, or the host was reinstalled. If you know the new key is right, remove the old ` +
        `entry with: ssh-keygen -R '${name}'${first.file === join(homedir(), '.ssh', 'known_hosts') ? '' : ` -f '${first.file}'`}`
      );
    }
    case 'revoked':
      return `host key of ${where} (${fingerprint(blob)}) is marked @revoked in ${check.entry.file}:${check.entry.line}; refusing to connect`;
    default:
      return (
        `host key of ${where} is unknown (${fingerprint(blob)}; not in ${files.join(', ') || 'any known_hosts file'}). ` +
        `Check the fingerprint with the host's admin, then connect once with "ssh ${target.alias}" to record it, ` +
        `or pass --accept-new-host-key to record it now`
      );
  }
}

function knownHostsFiles(target: SshTarget, options: ConnectOptions): string[] {
  if (options.knownHostsPaths) return [...options.knownHostsPaths];
  if (target.knownHostsFiles.length > 0) return [...target.knownHostsFiles, '/etc/ssh/ssh_known_hosts'];
  return defaultKnownHostsFiles();
}

/** Opens a connection to `host` (an ssh config alias or a host name). */
export async function connectSsh(destination: string, options: ConnectOptions = {}): Promise<SshConnection> {
  // A host may be written as ssh writes destinations: [user@]host[:port] (config "workers" entries too).
  const parsed = parseDestination(destination);
  const host = parsed.host;
  if (parsed.user !== undefined) options = { ...options, user: parsed.user };
  const target = resolveSshTarget(host, {
    ...(parsed.port !== undefined ? { explicitPort: parsed.port } : {}),
    ...(options.sshConfigPath !== undefined ? { sshConfigPath: options.sshConfigPath } : {}),
    ...(options.user !== undefined ? { user: options.user } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  if (target.unhonoured.length > 0 && !warnedHosts.has(host)) {
    warnedHosts.add(host);
    sshEvents.emit('config:unhonoured', host, target.unhonoured);
  }
  const timeoutMs = options.connectTimeoutMs ?? target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const { methods, tried } = authMethods(target, options);
  if (methods.length === 0) {
    throw new RemoteError(
      host,
      'no-keys',
      `no SSH key to log in to ${describe(target)}: no agent (SSH_AUTH_SOCK is not set) and no usable key file` +
        `${tried.length ? ` (${tried.join(', ')})` : ` (looked for ~/.ssh/${DEFAULT_KEYS.join(', ~/.ssh/')})`}; ` +
        `start ssh-agent and ssh-add your key, or set IdentityFile for this host in ~/.ssh/config`,
    );
  }

  const files = knownHostsFiles(target, options);
  const entries = readKnownHosts(files);
  const keyName = knownHostName(target.hostKeyAlias ?? target.hostName, target.port);
  const recorded = entriesFor(entries, keyName);
  let refusal: string | undefined;

  // ProxyJump: reach the target through a channel opened on the jump host (its own checks apply to it).
  let jump: SshConnection | undefined;
  let sock: Channel | undefined;
  if (target.proxyJump.length > 0) {
    const hops = target.proxyJump;
    if (hops.length > 1) throw new RemoteError(host, 'connect', `ProxyJump for ${host} has ${hops.length} hops (${hops.join(',')}); stp supports one`);
    // The hop is a destination of its own ([user@]host[:port]); the target's user does not apply to it.
    const { user: _targetUser, ...jumpOptions } = options;
    jump = await connectSsh(hops[0]!, jumpOptions);
    try {
      sock = await jump.forwardOut(target.hostName, target.port);
    } catch (error) {
      jump.dispose();
      throw new RemoteError(host, 'connect', `could not reach ${describe(target)} through ProxyJump ${hops[0]}: ${(error as Error).message}`, { cause: error });
    }
  }

  const client = new NodeSSH();
  try {
    await client.connect({
      ...(sock ? { sock } : { host: target.hostName, port: target.port }),
      username: target.user,
      readyTimeout: timeoutMs,
      keepaliveInterval: 15_000,
      authHandler: methods,
      ...(recorded.length > 0 ? { algorithms: { serverHostKey: hostKeyAlgorithmsFor(recorded) } } : {}),
      hostVerifier: (blob: Buffer): boolean => {
        const check = checkHostKey(entries, keyName, blob);
        if (check.status === 'match') return true;
        if (check.status === 'unknown' && options.acceptNewHostKey) {
          recordHostKey(files[0] ?? join(homedir(), '.ssh', 'known_hosts'), keyName, blob);
          return true;
        }
        refusal = hostKeyMessage(target, check, keyName, blob, files);
        return false;
      },
    });
  } catch (error) {
    client.dispose();
    jump?.dispose();
    throw translateConnectError(host, target, error, refusal, timeoutMs, tried);
  }

  return {
    target,
    exec: (command, streamOptions = {}) => exec(client, target, command, streamOptions),
    stream: (command, streamOptions = {}) => stream(client, target, command, streamOptions),
    sftp: () => client.requestSFTP(),
    forwardOut: (remoteHost, remotePort) => client.forwardOut('127.0.0.1', 0, remoteHost, remotePort),
    dispose: () => {
      client.dispose();
      jump?.dispose();
    },
  };
}

function translateConnectError(
  host: string,
  target: SshTarget,
  error: unknown,
  refusal: string | undefined,
  timeoutMs: number,
  tried: readonly string[],
): RemoteError {
  if (error instanceof RemoteError) return error;
  const where = describe(target);
  if (refusal !== undefined) {
    return new RemoteError(host, refusal.includes('CHANGED') || refusal.includes('@revoked') ? 'host-key-changed' : 'host-key-unknown', refusal);
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string; level?: string } | null)?.code;
  const level = (error as { level?: string } | null)?.level;
  if (/timed out|ETIMEDOUT/i.test(message) || level === 'client-timeout' || code === 'ETIMEDOUT') {
    return new RemoteError(host, 'timeout', `${where} did not answer within ${Math.round(timeoutMs / 1000)} s; is the host up and its SSH port ${target.port} open?`, { cause: error });
  }
  if (/authentication methods failed/i.test(message)) {
    return new RemoteError(host, 'auth', `${where} refused our keys (tried ${tried.join(', ')}); check the user and that one of these keys is in its authorized_keys`, { cause: error });
  }
  if (/no matching host key/i.test(message)) {
    return new RemoteError(host, 'host-key-changed', `${where} offers no host key of the type recorded in known_hosts; the host key may have CHANGED. Check with the host's admin before removing the old entry (ssh-keygen -R)`, { cause: error });
  }
  const reason = code === 'ECONNREFUSED' ? `connection refused on port ${target.port}` : code === 'ENOTFOUND' ? `unknown host name "${target.hostName}"` : message;
  return new RemoteError(host, 'connect', `could not connect to ${where}: ${reason}`, { cause: error });
}

async function exec(client: NodeSSH, target: SshTarget, command: string, options: StreamOptions): Promise<ExecResult> {
  let channel: ClientChannel | undefined;
  const abort = (): void => {
    channel?.close();
  };
  if (options.signal?.aborted) return { code: null, signal: 'ABORT', stdout: '', stderr: '' };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const result = await client.execCommand(command, {
      noTrim: true,
      onChannel: (opened) => {
        channel = opened;
        if (options.signal?.aborted) opened.close();
      },
      ...(options.onStdout ? { onStdout: options.onStdout } : {}),
      ...(options.onStderr ? { onStderr: options.onStderr } : {}),
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    });
    return { code: result.code, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  } catch (error) {
    throw new RemoteError(target.alias, 'command', `command failed on ${target.alias}: ${(error as Error).message}`, { cause: error });
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

function stream(
  client: NodeSSH,
  target: SshTarget,
  command: string,
  options: LiveStreamOptions,
): Promise<{ code: number | null; signal: string | null }> {
  const connection = client.connection;
  if (!connection) return Promise.reject(new RemoteError(target.alias, 'connect', `the connection to ${target.alias} is closed`));
  return new Promise((resolve, reject) => {
    connection.exec(command, (error, channel) => {
      if (error) {
        reject(new RemoteError(target.alias, 'command', `command failed on ${target.alias}: ${error.message}`, { cause: error }));
        return;
      }
      let code: number | null = null;
      let signal: string | null = null;
      const stop = (): void => {
        if (options.holdStdin) channel.end();
        else channel.close();
      };
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener('abort', stop, { once: true });
      if (!options.holdStdin) channel.end();
      channel.on('data', (chunk: Buffer) => options.onStdout?.(chunk));
      channel.stderr.on('data', (chunk: Buffer) => options.onStderr?.(chunk));
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      channel.on('close', () => {
        options.signal?.removeEventListener('abort', stop);
        resolve({ code, signal });
      });
    });
  });
}
