// `stp tail`: the component log files on every worker, merged as they arrive, each line prefixed by its host.
// With `follow`, runs until the signal aborts (Ctrl-C); the remote `tail` is stopped then, not left behind.
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { forEachHost, type HostOutcome } from './hosts.js';
import { listLogFiles, type LogFile } from './log-files.js';
import { validateName, validateRemoteDir } from './names.js';
import { shellScript } from './quote.js';
import { connectSsh, type ConnectOptions } from './ssh.js';

export interface LogLine {
  readonly host: string;
  /** The file name (no directory). */
  readonly file: string;
  readonly text: string;
}

export type TailEvents = {
  /** The files one host will show (after the topology and pattern filters). */
  'host:files': (host: string, files: readonly LogFile[]) => void;
  line: (line: LogLine) => void;
  'host:failed': (host: string, error: Error) => void;
};

export interface TailOptions {
  readonly hosts: readonly string[];
  /** The env's log.path. */
  readonly logPath: string;
  /** Only this topology's files; all stp log files when absent. */
  readonly topology?: string;
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
}

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

  const outcomes = await forEachHost(options.hosts, async (host) => {
    try {
      const connection = await connectSsh(host, options.ssh);
      try {
        const files = (await listLogFiles(connection, logPath, options.topology)).filter(
          (file) => (options.rotated || !file.rotated) && (!options.pattern || options.pattern.test(file.name)),
        );
        emitter.emit('host:files', host, files);
        if (files.length === 0 || options.signal?.aborted) return { files };
        const args = [logPath, '-v', '-n', String(lines), ...(options.follow ? ['-F'] : []), '--', ...files.map((file) => file.name)];
        const parser = new TailParser((file, text) => emitter.emit('line', { host, file, text }));
        let stderr = '';
        const result = await connection.stream(shellScript(options.follow ? TAIL_FOLLOW : TAIL_ONCE, args), {
          onStdout: (chunk) => parser.push(chunk.toString('utf8')),
          onStderr: (chunk) => {
            stderr = (stderr + chunk.toString('utf8')).slice(-2000);
          },
          ...(options.signal ? { signal: options.signal } : {}),
          holdStdin: options.follow === true,
        });
        parser.end();
        if (result.code !== 0 && !options.signal?.aborted) {
          throw new Error(`tail failed on ${host} (exit status ${result.code ?? result.signal})${stderr ? `: ${stderr.trim()}` : ''}`);
        }
        return { files };
      } finally {
        connection.dispose();
      }
    } catch (error) {
      emitter.emit('host:failed', host, error as Error);
      throw error;
    }
  });
  return outcomes;
}
