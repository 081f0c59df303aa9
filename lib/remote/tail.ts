// `stp tail`: the component log files on every worker, merged as they arrive, each line prefixed by its host.
// With `follow`, runs until the signal aborts (Ctrl-C), picking up new files as workers restart; the remote
// `tail`s are stopped then, not left behind.
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { forEachHost, type HostOutcome } from './hosts.js';
import { listLogFiles, type LogFile, type SkippedLogFile } from './log-files.js';
import { validateName, validateRemoteDir } from './names.js';
import { shellScript } from './quote.js';
import { connectSsh, type ConnectOptions, type SshConnection } from './ssh.js';

export interface LogLine {
  readonly host: string;
  /** The file name (no directory). */
  readonly file: string;
  readonly text: string;
}

export type TailEvents = {
  /** The files one host will show (after the topology and pattern filters). */
  'host:files': (host: string, files: readonly LogFile[]) => void;
  /** Files that may be the topology's but are not shown, with the reason (each said once, also while following). */
  'host:skipped': (host: string, skipped: readonly SkippedLogFile[]) => void;
  line: (line: LogLine) => void;
  'host:failed': (host: string, error: Error) => void;
  /** While following: a log file that appeared since (a restarted worker writes to a new file). */
  'host:file-added': (host: string, file: LogFile) => void;
};

export interface TailOptions {
  readonly hosts: readonly string[];
  /** The env's log.path. */
  readonly logPath: string;
  /** Only this topology's files; all stp log files when absent. */
  readonly topology?: string;
  /** The topology's component ids when its file is at hand: they settle old-style (`stp_…`) file names. */
  readonly componentIds?: readonly string[];
  /** Only files whose name matches (streamparse's --pattern). */
  readonly pattern?: RegExp;
  /** Lines of each file to show first; default 10. */
  readonly lines?: number;
  /** Keep following (`tail -F`) until `signal` aborts. */
  readonly follow?: boolean;
  /** Include rotated copies (`.log.1`, ...); default only live files. */
  readonly rotated?: boolean;
  readonly ssh?: ConnectOptions;
  readonly signal?: AbortSignal;
  readonly emitter?: TypedEventEmitter<TailEvents>;
  /** While following, how often to look for new log files; default 5 s. */
  readonly rescanMs?: number;
}

export const DEFAULT_RESCAN_MS = 5000;
/** What ssh2 reports when sshd refuses one more session on a connection. */
const SESSION_REFUSED = /channel open fail|open failed/i;

// $1 the log dir, the rest tail's arguments. Following: tail runs in the background and is killed when our
// stdin closes (Ctrl-C, or the connection drops), so nothing is left running on the worker.
const TAIL_ONCE = 'cd -- "$1" || exit 97; shift; exec tail "$@"';
const TAIL_FOLLOW =
  'cd -- "$1" || exit 97; shift; tail "$@" </dev/null & pid=$!; cat >/dev/null; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0';

/** Splits tail's output into lines, tracking which file each comes from by tail's `==> name <==` headers. */
export class TailParser {
  #pending = '';
  #file = '';
  #blank = false;

  constructor(private readonly onLine: (file: string, text: string) => void) {}

  push(chunk: string): void {
    this.#pending += chunk;
    const lines = this.#pending.split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
  }

  end(): void {
    if (this.#pending) this.#line(this.#pending);
    this.#pending = '';
    if (this.#blank) this.onLine(this.#file, '');
    this.#blank = false;
  }

  #line(line: string): void {
    const header = /^==> (.*) <==$/.exec(line);
    if (header) {
      // tail separates sections with a blank line before the header: it belongs to no file.
      this.#blank = false;
      this.#file = header[1]!;
      return;
    }
    if (this.#blank) this.onLine(this.#file, '');
    this.#blank = line === '';
    if (!this.#blank) this.onLine(this.#file, line);
  }
}

export async function tailLogs(options: TailOptions): Promise<HostOutcome<{ files: readonly LogFile[] }>[]> {
  const logPath = validateRemoteDir('log.path', options.logPath);
  if (options.topology !== undefined) validateName('topology', options.topology);
  const lines = options.lines ?? 10;
  if (!Number.isInteger(lines) || lines < 0) throw new Error(`--lines must be a whole number >= 0 (found ${JSON.stringify(lines)})`);
  const emitter = options.emitter ?? createEmitter<TailEvents>();
  const wanted = (file: LogFile) => (options.rotated || !file.rotated) && (!options.pattern || options.pattern.test(file.name));

  return forEachHost(options.hosts, async (host) => {
    try {
      const connection = await connectSsh(host, options.ssh);
      try {
        const listing = await listLogFiles(connection, logPath, filterOf(options));
        const files = listing.files.filter(wanted);
        if (listing.skipped.length > 0) emitter.emit('host:skipped', host, listing.skipped);
        emitter.emit('host:files', host, files);
        if (!options.follow) {
          if (files.length > 0 && !options.signal?.aborted) await runTail(connection, host, logPath, files, String(lines), false, emitter, options.signal);
          return { files };
        }
        const skipped = new Set(listing.skipped.map((file) => file.name));
        return { files: await follow(connection, host, logPath, files, skipped, String(lines), options, wanted, emitter) };
      } finally {
        connection.dispose();
      }
    } catch (error) {
      emitter.emit('host:failed', host, error as Error);
      throw error;
    }
  });
}

const filterOf = (options: TailOptions) => ({
  ...(options.topology !== undefined ? { topology: options.topology } : {}),
  ...(options.componentIds ? { componentIds: options.componentIds } : {}),
});

/** One remote `tail` over a batch of files, its output parsed into lines; resolves when it ends. */
async function runTail(
  connection: SshConnection,
  host: string,
  logPath: string,
  files: readonly LogFile[],
  first: string,
  following: boolean,
  emitter: TypedEventEmitter<TailEvents>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const args = [logPath, '-v', '-n', first, ...(following ? ['-F'] : []), '--', ...files.map((file) => file.name)];
  const parser = new TailParser((file, text) => emitter.emit('line', { host, file, text }));
  let stderr = '';
  const result = await connection.stream(shellScript(following ? TAIL_FOLLOW : TAIL_ONCE, args), {
    onStdout: (chunk) => parser.push(chunk.toString('utf8')),
    onStderr: (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    },
    ...(signal ? { signal } : {}),
    holdStdin: following,
  });
  parser.end();
  if (result.code !== 0 && !signal?.aborted) {
    throw new Error(`tail failed on ${host} (exit status ${result.code ?? result.signal})${stderr ? `: ${stderr.trim()}` : ''}`);
  }
}

/**
 * Follows until the signal aborts. Workers that restart write to new files (the pid is in the name), so the log
 * directory is listed again every `rescanMs`, and new files are followed from their first line.
 */
async function follow(
  connection: SshConnection,
  host: string,
  logPath: string,
  initial: readonly LogFile[],
  skipped: Set<string>,
  lines: string,
  options: TailOptions,
  wanted: (file: LogFile) => boolean,
  emitter: TypedEventEmitter<TailEvents>,
): Promise<readonly LogFile[]> {
  const signal = options.signal;
  const all = [...initial];
  const seen = new Set(initial.map((file) => file.name));
  const running: Promise<void>[] = [];
  let failure: ((error: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    failure = reject;
  });
  failed.catch(() => {});
  // The first connection runs the initial tail and the listings. New files go to other connections, each used
  // until sshd refuses another session on it (MaxSessions, 10 by default), then a fresh one.
  const extra: SshConnection[] = [];
  let current: SshConnection | undefined;
  const tailNewFiles = async (batch: readonly LogFile[]): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (!current) {
        current = await connectSsh(host, options.ssh);
        extra.push(current);
      }
      try {
        await runTail(current, host, logPath, batch, '+1', true, emitter, signal);
        return;
      } catch (error) {
        if (attempt < 2 && SESSION_REFUSED.test((error as Error).message)) {
          current = undefined;
          continue;
        }
        throw error;
      }
    }
  };
  const start = (batch: readonly LogFile[], isNew: boolean) => {
    if (batch.length === 0 || signal?.aborted) return;
    const tail = isNew ? tailNewFiles(batch) : runTail(connection, host, logPath, batch, lines, true, emitter, signal);
    running.push(tail.catch((error: unknown) => failure?.(error)));
  };
  start(initial, false);

  const aborted = new Promise<void>((resolve) => {
    if (!signal || signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  let timer: NodeJS.Timeout | undefined;
  const rescan = async (): Promise<void> => {
    try {
      const listing = await listLogFiles(connection, logPath, filterOf(options));
      const newlySkipped = listing.skipped.filter((file) => !skipped.has(file.name));
      newlySkipped.forEach((file) => skipped.add(file.name));
      if (newlySkipped.length > 0) emitter.emit('host:skipped', host, newlySkipped);
      const fresh = listing.files.filter((file) => wanted(file) && !seen.has(file.name));
      fresh.forEach((file) => seen.add(file.name));
      all.push(...fresh);
      for (const file of fresh) emitter.emit('host:file-added', host, file);
      start(fresh, true);
    } catch (error) {
      failure?.(error);
      return;
    }
    if (!signal?.aborted) timer = setTimeout(() => void rescan(), options.rescanMs ?? DEFAULT_RESCAN_MS);
  };
  timer = setTimeout(() => void rescan(), options.rescanMs ?? DEFAULT_RESCAN_MS);
  try {
    await Promise.race([aborted, failed]);
    await Promise.all(running);
  } finally {
    clearTimeout(timer);
    for (const connection of extra) connection.dispose();
  }
  return all;
}
