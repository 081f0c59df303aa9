// Component log files on the workers (names: lib/logging/log-name.ts), plus rotated copies (`.log.1`, ...).
// Listed over SFTP, so no shell ever sees a file name.
import { posix } from 'node:path';
import type { FileEntryWithStats, SFTPWrapper } from 'ssh2';
import { legacyComponent, parseLogName } from '../logging/log-name.js';
import { RemoteError } from './errors.js';
import type { SshConnection } from './ssh.js';

export interface LogFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  /** Last modification, ms since the epoch. */
  readonly mtimeMs: number;
  readonly component: string;
  readonly task: number;
  readonly pid: number;
  /** Whether this is a rotated copy (`.log.N`) rather than the live file. */
  readonly rotated: boolean;
}

/** Which files are wanted: one topology's (its component ids settle legacy names), or every stp log file. */
export interface LogFileFilter {
  readonly topology?: string;
  /** The topology's component ids, when its file is at hand. */
  readonly componentIds?: readonly string[];
}

/** A file in log.path that may be the topology's but is left alone, and why: said to the user, never silent. */
export interface SkippedLogFile {
  readonly name: string;
  readonly reason: string;
}

export type ParsedLogFile = Omit<LogFile, 'path' | 'size' | 'mtimeMs'>;

/** The parts of a log file name, or undefined for other files. With a topology, only that topology's files. */
export function parseLogFileName(name: string, filter: LogFileFilter = {}): ParsedLogFile | undefined {
  const parsed = parseLogName(name);
  if (!parsed) return undefined;
  const { task, pid, rotated } = parsed;
  const { topology, componentIds } = filter;
  if (parsed.scheme === 'current') {
    if (topology !== undefined && parsed.topology !== topology) return undefined;
    return { name, component: parsed.component, task, pid, rotated };
  }
  if (topology === undefined) {
    // Every stp file is wanted; the split only labels lines, so the first "_" will do.
    const cut = parsed.middle.indexOf('_');
    return cut > 0 && cut < parsed.middle.length - 1 ? { name, component: parsed.middle.slice(cut + 1), task, pid, rotated } : undefined;
  }
  const component = legacyComponent(parsed.middle, topology, componentIds);
  return component === undefined ? undefined : { name, component, task, pid, rotated };
}

/** Why a file that is not parsed as the topology's still deserves a word, or undefined when it is plainly not. */
function skipReason(name: string, filter: LogFileFilter): string | undefined {
  if (/[\r\n]/.test(name)) {
    return name.startsWith('stp') ? 'its name holds a line break, which stp never writes and tail cannot show; look at it by hand' : undefined;
  }
  const { topology } = filter;
  const parsed = parseLogName(name);
  if (topology === undefined || parsed?.scheme !== 'legacy' || !parsed.middle.startsWith(`${topology}_`)) return undefined;
  if (filter.componentIds) return undefined; // matched against the real ids: not this topology's
  // Left alone because it splits more than one way: say which other topology it may be.
  return `old-style name: it may be ${otherReadings(parsed.middle, topology).join(' or ')}; run stp in the project that has topology "${topology}" so its component ids decide, or remove it by hand`;
}

/** The other ways an old-style `<topology>_<component>` splits: `topology "wordcount"'s (component "x_count")`. */
function otherReadings(middle: string, topology: string): string[] {
  const readings: string[] = [];
  for (let cut = middle.indexOf('_'); cut > 0; cut = middle.indexOf('_', cut + 1)) {
    const [other, component] = [middle.slice(0, cut), middle.slice(cut + 1)];
    if (other !== topology && component !== '') readings.push(`topology "${other}"'s (component "${component}")`);
  }
  return readings;
}

function readdir(sftp: SFTPWrapper, dir: string): Promise<FileEntryWithStats[]> {
  return new Promise((resolve, reject) => {
    sftp.readdir(dir, (error, list) => (error ? reject(error) : resolve(list)));
  });
}

export async function withSftp<T>(connection: SshConnection, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  const sftp = await connection.sftp();
  try {
    return await work(sftp);
  } finally {
    sftp.end();
  }
}

export interface LogListing {
  /** Oldest first. */
  readonly files: LogFile[];
  readonly skipped: SkippedLogFile[];
}

/** The topology's log files in `logPath` on one host; a missing directory names host and path. */
export async function listLogFiles(connection: SshConnection, logPath: string, filter: LogFileFilter = {}): Promise<LogListing> {
  const host = connection.target.alias;
  const entries = await withSftp(connection, (sftp) => readdir(sftp, logPath)).catch((error: unknown) => {
    const code = (error as { code?: number }).code;
    const reason = code === 2 ? 'does not exist' : code === 3 ? 'is not readable (permission denied)' : `cannot be read: ${(error as Error).message}`;
    throw new RemoteError(host, 'command', `log.path ${logPath} on ${host} ${reason}`, { cause: error });
  });
  const files: LogFile[] = [];
  const skipped: SkippedLogFile[] = [];
  for (const entry of entries) {
    if (!entry.attrs.isFile()) continue;
    const parsed = /[\r\n]/.test(entry.filename) ? undefined : parseLogFileName(entry.filename, filter);
    if (!parsed) {
      const reason = skipReason(entry.filename, filter);
      if (reason) skipped.push({ name: entry.filename, reason });
      continue;
    }
    files.push({ ...parsed, path: posix.join(logPath, entry.filename), size: entry.attrs.size, mtimeMs: entry.attrs.mtime * 1000 });
  }
  return { files: files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name)), skipped };
}
