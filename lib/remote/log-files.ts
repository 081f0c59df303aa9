// Component log files on the workers: `stp_<topology>_<component>_<task>_<pid>.log`, plus rotated copies
// (`.log.1`, `.log.2`, ...). Listed over SFTP, so no shell ever sees a file name.
import { posix } from 'node:path';
import type { FileEntryWithStats, SFTPWrapper } from 'ssh2';
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

const LOG_NAME = /^stp_(.+)_(\d+)_(\d+)\.log(\.\d+|\.[A-Za-z0-9.-]+)?$/;

/** The parts of a log file name, or undefined for other files. With `topology`, only that topology's files. */
export function parseLogFileName(name: string, topology?: string): Omit<LogFile, 'path' | 'size' | 'mtimeMs'> | undefined {
  const prefix = topology === undefined ? 'stp_' : `stp_${topology}_`;
  if (!name.startsWith(prefix)) return undefined;
  const match = LOG_NAME.exec(name);
  if (!match) return undefined;
  const middle = match[1]!; // <topology>_<component>
  const component = topology === undefined ? middle.slice(middle.indexOf('_') + 1) : middle.slice(topology.length + 1);
  if (component === '' || (topology === undefined && !middle.includes('_'))) return undefined;
  return { name, component, task: Number(match[2]), pid: Number(match[3]), rotated: match[4] !== undefined };
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

/** The topology's log files in `logPath` on one host, oldest first; a missing directory names host and path. */
export async function listLogFiles(connection: SshConnection, logPath: string, topology?: string): Promise<LogFile[]> {
  const host = connection.target.alias;
  const entries = await withSftp(connection, (sftp) => readdir(sftp, logPath)).catch((error: unknown) => {
    const code = (error as { code?: number }).code;
    const reason = code === 2 ? 'does not exist' : code === 3 ? 'is not readable (permission denied)' : `cannot be read: ${(error as Error).message}`;
    throw new RemoteError(host, 'command', `log.path ${logPath} on ${host} ${reason}`, { cause: error });
  });
  const files: LogFile[] = [];
  for (const entry of entries) {
    if (!entry.attrs.isFile()) continue;
    const parsed = parseLogFileName(entry.filename, topology);
    if (!parsed) continue;
    files.push({ ...parsed, path: posix.join(logPath, entry.filename), size: entry.attrs.size, mtimeMs: entry.attrs.mtime * 1000 });
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
}
