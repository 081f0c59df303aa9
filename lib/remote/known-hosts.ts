// known_hosts, read the way OpenSSH reads it: plain and hashed (`|1|salt|hash`) host names, `[host]:port` for
// non-default ports, comma-separated patterns with `*`/`?` and `!` negation, `@revoked` markers.
import { createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ServerHostKeyAlgorithm } from 'ssh2';

const SERVER_HOST_KEY_TYPES: ReadonlySet<string> = new Set<ServerHostKeyAlgorithm>([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-dss',
]);

export interface KnownHostEntry {
  readonly file: string;
  readonly line: number;
  readonly marker?: '@revoked' | '@cert-authority';
  readonly patterns: string;
  readonly keyType: string;
  /** base64 of the key blob. */
  readonly key: string;
}

export type HostKeyCheck =
  | { readonly status: 'match'; readonly entry: KnownHostEntry }
  | { readonly status: 'changed'; readonly entries: readonly KnownHostEntry[] }
  | { readonly status: 'revoked'; readonly entry: KnownHostEntry }
  | { readonly status: 'unknown' };

/** User files first (new keys are recorded in the first), then the system-wide file. */
export function defaultKnownHostsFiles(): string[] {
  return [join(homedir(), '.ssh', 'known_hosts'), join(homedir(), '.ssh', 'known_hosts2'), '/etc/ssh/ssh_known_hosts'];
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function readKnownHosts(files: readonly string[]): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        const text = raw.trim();
        if (text === '' || text.startsWith('#')) return;
        const fields = text.split(/\s+/);
        let marker: KnownHostEntry['marker'];
        if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as KnownHostEntry['marker'];
        const [patterns, keyType, key] = fields;
        if (!patterns || !keyType || !key) return;
        entries.push({ file, line: index + 1, ...(marker ? { marker } : {}), patterns, keyType, key });
      });
  }
  return entries;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, kind, salt, hash] = pattern.split('|');
  if (kind !== '1' || !salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

/** Whether a comma-separated pattern list matches `name`; a matching negated pattern wins. */
export function hostPatternsMatch(patterns: string, name: string): boolean {
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('|')) {
      if (hashedMatches(pattern, name)) matched = true;
      continue;
    }
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(glob).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** The key type inside an SSH public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** The known_hosts entries (not CA lines) for `name`. */
export function entriesFor(entries: readonly KnownHostEntry[], name: string): KnownHostEntry[] {
  return entries.filter((entry) => entry.marker !== '@cert-authority' && hostPatternsMatch(entry.patterns, name));
}

export function checkHostKey(entries: readonly KnownHostEntry[], name: string, blob: Buffer): HostKeyCheck {
  const key = blob.toString('base64');
  const candidates = entriesFor(entries, name);
  const revoked = entries.find((entry) => entry.marker === '@revoked' && entry.key === key);
  if (revoked) return { status: 'revoked', entry: revoked };
  const match = candidates.find((entry) => !entry.marker && entry.key === key);
  if (match) return { status: 'match', entry: match };
  const sameType = candidates.filter((entry) => !entry.marker && entry.keyType === keyTypeOf(blob));
  if (sameType.length > 0) return { status: 'changed', entries: sameType };
  const other = candidates.filter((entry) => !entry.marker);
  return other.length > 0 ? { status: 'changed', entries: other } : { status: 'unknown' };
}

/** Records a host key (plain name, as `ssh -o StrictHostKeyChecking=accept-new` does without HashKnownHosts). */
export function recordHostKey(file: string, name: string, blob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${name} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}

/** The host key algorithms ssh2 may negotiate so the server shows a key type we have on record. */
export function hostKeyAlgorithmsFor(entries: readonly KnownHostEntry[]): ServerHostKeyAlgorithm[] {
  const types = new Set<ServerHostKeyAlgorithm>();
  for (const entry of entries) {
    if (entry.marker) continue;
    if (entry.keyType === 'ssh-rsa') (['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] as const).forEach((type) => types.add(type));
    else if (SERVER_HOST_KEY_TYPES.has(entry.keyType)) types.add(entry.keyType as ServerHostKeyAlgorithm);
  }
  return [...types];
}
