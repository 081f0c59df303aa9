// Reaching the env's Nimbus: straight to host:port, or through an SSH tunnel to the nimbus host when the env sets
// use_ssh_for_nimbus. Every cluster command opens one session and closes it, tunnel included.
import type { ResolvedEnv } from '../config/env.js';
import type { Tunnel } from '../remote/tunnel.js';
import { NimbusClient } from './client.js';
import { NimbusError } from './errors.js';

export interface SessionOptions {
  /** Record a nimbus host key known_hosts does not know yet (never a changed one). */
  readonly acceptNewHostKey?: boolean;
  readonly connectTimeoutMs?: number;
  readonly callTimeoutMs?: number;
  /** ssh config file and known_hosts files (tests point these at their own). */
  readonly sshConfigPath?: string;
  readonly knownHostsPaths?: readonly string[];
  readonly identityFiles?: readonly string[];
  /** The SSH agent socket, or false for none (default: SSH_AUTH_SOCK). */
  readonly agent?: string | false;
  /** Called between opening the tunnel and connecting to Nimbus (the deploy view shows them as two steps). */
  readonly onTunnelOpen?: (tunnel: Tunnel) => void;
}

export interface NimbusSession {
  readonly client: NimbusClient;
  /** Where the client actually connects (the tunnel's local end when tunnelled). */
  readonly address: string;
  /** How messages name Nimbus: the env's host:port, also through a tunnel. */
  readonly label: string;
  readonly tunnel: Tunnel | undefined;
  close(): Promise<void>;
}

/** Whether this env reaches Nimbus through SSH. */
export function usesTunnel(env: ResolvedEnv): boolean {
  return env.config.use_ssh_for_nimbus;
}

/** Opens the tunnel (when the env asks for one) without connecting to Nimbus yet. */
export async function openNimbusTunnel(env: ResolvedEnv, options: SessionOptions = {}): Promise<Tunnel> {
  // SSH (ssh2) loads only for envs that tunnel: a direct cluster command never pays for it.
  const { openTunnel } = await import('../remote/tunnel.js');
  // Nimbus as seen from its own host: its Thrift port on the loopback interface.
  return openTunnel(env.nimbus.host, 'localhost', env.nimbus.port, {
    ...(env.config.user === undefined ? {} : { user: env.config.user }),
    ...(env.config.ssh_port === undefined ? {} : { port: env.config.ssh_port }),
    ...(options.acceptNewHostKey ? { acceptNewHostKey: true } : {}),
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.sshConfigPath === undefined ? {} : { sshConfigPath: options.sshConfigPath }),
    ...(options.knownHostsPaths === undefined ? {} : { knownHostsPaths: options.knownHostsPaths }),
    ...(options.identityFiles === undefined ? {} : { identityFiles: options.identityFiles }),
    ...(options.agent === undefined ? {} : { agent: options.agent }),
  });
}

/**
 * Asks Nimbus for its leader: the first call proves Nimbus answers (a TCP connection alone does not, least of all
 * to a tunnel's local end), so the connect step fails here rather than the next step at its first call.
 * Undefined when Nimbus answered without a leader (older Storm without getLeader, or none elected yet).
 */
async function askLeader(client: NimbusClient): Promise<Awaited<ReturnType<NimbusClient['getLeader']>> | undefined> {
  try {
    return await client.getLeader();
  } catch (error) {
    if (error instanceof NimbusError && (error.kind === 'timeout' || error.kind === 'disconnected' || error.kind === 'connect' || error.kind === 'not-nimbus')) {
      client.close();
      throw error;
    }
    return undefined;
  }
}

/**
 * Storm's own client asks any Nimbus for the leader and talks to the leader (only it accepts submits). Direct
 * connections do the same; when the leader cannot be reached from here, the first Nimbus is kept (its answers
 * then say it is not the leader). Tunnelled connections cannot reach other hosts and stay as they are.
 */
async function followLeader(client: NimbusClient, host: string, port: number, connect: (host: string, port: number) => Promise<NimbusClient>): Promise<NimbusClient> {
  const leader = await askLeader(client);
  if (!leader || leader.isLeader === false || (leader.host === host && leader.port === port)) return client;
  try {
    const led = await connect(leader.host, leader.port);
    client.close();
    return led;
  } catch {
    return client;
  }
}

/** Connects to Nimbus through `tunnel` when given, else directly (following the leader). */
export async function connectNimbus(env: ResolvedEnv, tunnel: Tunnel | undefined, options: SessionOptions = {}): Promise<NimbusSession> {
  const host = tunnel ? tunnel.localHost : env.nimbus.host;
  const port = tunnel ? tunnel.localPort : env.nimbus.port;
  const connect = (h: string, p: number) =>
    NimbusClient.connect({
      host: h,
      port: p,
      envName: env.name,
      // Through the tunnel, messages name the Nimbus behind it; its local end means nothing to the user.
      ...(tunnel && h === host && p === port ? { label: `${env.nimbus.host}:${env.nimbus.port}` } : {}),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs }),
    });
  let client: NimbusClient;
  try {
    client = await connect(host, port);
    if (tunnel) await askLeader(client);
    else client = await followLeader(client, host, port, connect);
  } catch (error) {
    await tunnel?.close();
    if (tunnel && error instanceof Error) {
      error.message = `${error.message} (through the SSH tunnel to ${env.nimbus.host}; is Nimbus listening on port ${env.nimbus.port} there?)`;
    }
    throw error;
  }
  return {
    client,
    address: client.address,
    label: client.label,
    tunnel,
    close: async () => {
      client.close();
      await tunnel?.close();
    },
  };
}

/** Tunnel (if the env wants one) plus connection. */
export async function openNimbusSession(env: ResolvedEnv, options: SessionOptions = {}): Promise<NimbusSession> {
  const tunnel = usesTunnel(env) ? await openNimbusTunnel(env, options) : undefined;
  if (tunnel) options.onTunnelOpen?.(tunnel);
  return connectNimbus(env, tunnel, options);
}
