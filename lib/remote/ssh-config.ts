// What `ssh <host>` would use for a host, read from the user's ssh config (HostName, User, Port, IdentityFile,
// UserKnownHostsFile, ProxyJump, ConnectTimeout), so stp reaches hosts the way the user's own ssh does.
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';

export interface SshTargetOptions {
  /** The ssh config file; default ~/.ssh/config (a missing file is an empty config). */
  readonly sshConfigPath?: string;
  /** Overrides the config's User (as `user@host` does for ssh); stp passes the env's `user`. */
  readonly user?: string;
  /** Used when the config gives no Port (the env's `ssh_port`); default 22. */
  readonly port?: number;
  /** A port written in the destination (`host:2222`): wins over the config, as `ssh -p` does. */
  readonly explicitPort?: number;
}

export interface SshTarget {
  /** The name the user gave (an alias or a host name); used in every message. */
  readonly alias: string;
  readonly hostName: string;
  readonly port: number;
  readonly user: string;
  /** IdentityFile entries, expanded; may name files that do not exist. */
  readonly identityFiles: readonly string[];
  /** UserKnownHostsFile entries, expanded; empty when the config names none. */
  readonly knownHostsFiles: readonly string[];
  /** ProxyJump hops, first hop first (`none` disables). */
  readonly proxyJump: readonly string[];
  /** ConnectTimeout in ms, when the config sets it. */
  readonly connectTimeoutMs?: number;
  /** HostKeyAlias: the name to look up in known_hosts instead of the host name. */
  readonly hostKeyAlias?: string;
  /** Settings the config has for this host that stp does not act on (see UNHONOURED), in config order. */
  readonly unhonoured: readonly UnhonouredSetting[];
}

/** An ssh config setting stp reads but does not act on; the user is told, never left to find out. */
export interface UnhonouredSetting {
  readonly option: 'ProxyCommand' | 'LocalCommand' | 'Match exec';
  /** What stp does instead. */
  readonly effect: string;
}

export function defaultSshConfigPath(): string {
  return join(homedir(), '.ssh', 'config');
}

const cache = new Map<string, SSHConfig>();

function parsedConfig(path: string): SSHConfig {
  let parsed = cache.get(path);
  if (!parsed) {
    parsed = SSHConfig.parse(existsSync(path) ? readFileSync(path, 'utf8') : '');
    cache.set(path, parsed);
  }
  return parsed;
}

/** Forget parsed configs (tests rewrite their config files). */
export function clearSshConfigCache(): void {
  cache.clear();
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** ssh's tokens in paths: ~, %d (home), %u (local user), %h (host name), %r (remote user), %p (port), %n (alias), %%. */
function expandPath(path: string, tokens: { host: string; user: string; port: number; alias: string }): string {
  const home = homedir();
  const expanded = path.replace(/%([%dhupnr])/g, (_, token: string) => {
    switch (token) {
      case 'd':
        return home;
      case 'u':
        return userInfo().username;
      case 'h':
        return tokens.host;
      case 'r':
        return tokens.user;
      case 'p':
        return String(tokens.port);
      case 'n':
        return tokens.alias;
      default:
        return '%';
    }
  });
  return expanded.startsWith('~/') ? join(home, expanded.slice(2)) : expanded;
}

/** Whether an ssh pattern list (`a*,!b?`) matches `name`; a negated match wins, as in ssh. */
function patternListMatches(list: string, name: string): boolean {
  let matched = false;
  for (const raw of list.split(',').map((p) => p.trim()).filter(Boolean)) {
    const negated = raw.startsWith('!');
    const glob = new RegExp(`^${(negated ? raw.slice(1) : raw).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (glob.test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/**
 * `Match ... exec` blocks that may apply to the host. stp never runs their commands (a config file is data to us),
 * so their settings are not applied; a block whose host criterion excludes the host is left out.
 */
function matchExecBlocks(config: SSHConfig, alias: string, hostName: string): number {
  let count = 0;
  for (const line of config) {
    if (!('param' in line) || line.param.toLowerCase() !== 'match' || !('criteria' in line)) continue;
    const criteria = line.criteria as Record<string, unknown>;
    if (!Object.keys(criteria).some((key) => key.toLowerCase() === 'exec')) continue;
    const host = criteria['host'];
    if (typeof host === 'string' && !patternListMatches(host, hostName) && !patternListMatches(host, alias)) continue;
    count++;
  }
  return count;
}

export function resolveSshTarget(alias: string, options: SshTargetOptions = {}): SshTarget {
  const config = parsedConfig(options.sshConfigPath ?? defaultSshConfigPath());
  // matchExec: false, as a config file is data to us; `Match exec` lines are ignored rather than run.
  const computed = config.compute(alias, { ignoreCase: true, matchExec: false });
  const hostName = first(computed['hostname'])?.replace(/%h/g, alias) ?? alias;
  const configPort = first(computed['port']);
  const port = options.explicitPort ?? (configPort !== undefined ? Number(configPort) : (options.port ?? 22));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`ssh config: Port for host "${alias}" is ${JSON.stringify(configPort)}; use a number from 1 to 65535`);
  }
  const user = options.user ?? first(computed['user']) ?? userInfo().username;
  const tokens = { host: hostName, user, port, alias };
  const identityFiles = all(computed['identityfile']).map((file) => expandPath(file, tokens));
  const knownHostsFiles = all(computed['userknownhostsfile'])
    .flatMap((value) => value.split(/\s+/))
    .filter((file) => file !== '' && file !== '/dev/null')
    .map((file) => expandPath(file, tokens));
  const jump = first(computed['proxyjump']);
  const proxyJump = jump === undefined || jump === 'none' ? [] : jump.split(',').map((hop) => hop.trim()).filter(Boolean);
  const timeout = first(computed['connecttimeout']);
  const connectTimeoutMs = timeout !== undefined && Number(timeout) > 0 ? Number(timeout) * 1000 : undefined;
  const hostKeyAlias = first(computed['hostkeyalias']);
  const unhonoured: UnhonouredSetting[] = [];
  const proxyCommand = first(computed['proxycommand']);
  if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none') {
    const via = proxyJump.length > 0 ? `through ProxyJump ${proxyJump.join(',')}` : 'directly';
    unhonoured.push({ option: 'ProxyCommand', effect: `stp does not run it and connects to ${hostName}:${port} ${via}; use ProxyJump, which stp follows` });
  }
  if (first(computed['localcommand']) !== undefined) {
    unhonoured.push({ option: 'LocalCommand', effect: 'stp does not run it after connecting' });
  }
  const blocks = matchExecBlocks(config, alias, hostName);
  if (blocks > 0) {
    unhonoured.push({ option: 'Match exec', effect: `stp does not run the commands of ${blocks === 1 ? 'that block' : `those ${blocks} blocks`}, so their settings are not applied` });
  }
  return {
    alias,
    hostName,
    port,
    user,
    identityFiles,
    knownHostsFiles,
    proxyJump,
    ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
    ...(hostKeyAlias !== undefined ? { hostKeyAlias } : {}),
    unhonoured,
  };
}

/**
 * Splits `[user@]host[:port]` (IPv6 in brackets: `[::1]:2222`). A bare IPv6 address is left whole.
 * @example parseDestination('storm@w1:2222') // => { host: 'w1', user: 'storm', port: 2222 }
 */
export function parseDestination(destination: string): { host: string; user?: string; port?: number } {
  const at = destination.lastIndexOf('@');
  const user = at > 0 ? destination.slice(0, at) : undefined;
  const rest = at >= 0 ? destination.slice(at + 1) : destination;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const plain = /^([^:]+):(\d+)$/.exec(rest);
  const host = bracketed?.[1] ?? plain?.[1] ?? rest;
  const portText = bracketed?.[2] ?? plain?.[2];
  const port = portText !== undefined ? Number(portText) : undefined;
  if (host === '' || (port !== undefined && (port < 1 || port > 65535))) {
    throw new Error(`invalid host ${JSON.stringify(destination)}: write it as host, host:port or user@host:port (port 1-65535)`);
  }
  return { host, ...(user ? { user } : {}), ...(port !== undefined ? { port } : {}) };
}
