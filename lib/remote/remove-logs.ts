// `stp remove-logs`: deletes a topology's component log files on every worker (optionally only those older
// than N days), over SFTP (no shell involved), and reports what went per host.
import type { SFTPWrapper } from 'ssh2';
import { forEachHost, type HostOutcome } from './hosts.js';
import { listLogFiles, withSftp, type LogFile, type SkippedLogFile } from './log-files.js';
import { validateName, validateRemoteDir } from './names.js';
import { connectSsh, type ConnectOptions } from './ssh.js';

export interface RemoveLogsOptions {
  readonly hosts: readonly string[];
  readonly logPath: string;
  /** Only this topology's files; every stp log file in log.path when absent. */
  readonly topology?: string;
  /** The topology's component ids when its file is at hand: they settle old-style (`stp_…`) file names. */
  readonly componentIds?: readonly string[];
  /** Only files last modified more than this many days ago. */
  readonly olderThanDays?: number;
  /** Report what would go without deleting anything. */
  readonly dryRun?: boolean;
  readonly ssh?: ConnectOptions;
  /** Clock for the age check (tests). */
  readonly now?: number;
}

export interface RemovedLogs {
  readonly removed: readonly LogFile[];
  /** Files that could not be deleted, with the reason. */
  readonly failed: readonly { file: LogFile; reason: string }[];
  /** The topology's files left in place because they are newer than the cut-off. */
  readonly kept: number;
  readonly bytes: number;
  /** Files that may be the topology's but were left alone, with the reason. */
  readonly skipped: readonly SkippedLogFile[];
}

function unlink(sftp: SFTPWrapper, path: string): Promise<void> {
  return new Promise((resolve, reject) => sftp.unlink(path, (error) => (error ? reject(error) : resolve())));
}

export async function removeLogs(options: RemoveLogsOptions): Promise<HostOutcome<RemovedLogs>[]> {
  const logPath = validateRemoteDir('log.path', options.logPath);
  if (options.topology !== undefined) validateName('topology', options.topology);
  const days = options.olderThanDays;
  if (days !== undefined && (!Number.isFinite(days) || days < 0)) {
    throw new Error(`--older-than must be a number of days >= 0 (found ${JSON.stringify(days)})`);
  }
  const cutoff = days === undefined ? Infinity : (options.now ?? Date.now()) - days * 86_400_000;

  return forEachHost(options.hosts, async (host) => {
    const connection = await connectSsh(host, options.ssh);
    try {
      const { files, skipped } = await listLogFiles(connection, logPath, {
        ...(options.topology !== undefined ? { topology: options.topology } : {}),
        ...(options.componentIds ? { componentIds: options.componentIds } : {}),
      });
      const old = files.filter((file) => file.mtimeMs < cutoff);
      const removed: LogFile[] = [];
      const failed: { file: LogFile; reason: string }[] = [];
      if (!options.dryRun && old.length > 0) {
        await withSftp(connection, async (sftp) => {
          for (const file of old) {
            try {
              await unlink(sftp, file.path);
              removed.push(file);
            } catch (error) {
              failed.push({ file, reason: (error as Error).message });
            }
          }
        });
      } else {
        removed.push(...old);
      }
      return { removed, failed, skipped, kept: files.length - old.length, bytes: removed.reduce((sum, file) => sum + file.size, 0) };
    } finally {
      connection.dispose();
    }
  });
}
