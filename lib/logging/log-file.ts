// One task's rotating log file, `stp.<topology>.<component>.<task>.<pid>.log` under `stp.log.path` (see
// log-name.ts). Rotation is rotating-file-stream's classic mode: file.1 … file.N.
import { mkdirSync } from 'node:fs';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { logFileName } from './log-name.js';
import { LOG_CONF_KEYS, LogSettingsError } from './settings.js';

export interface LogFileOptions {
  readonly directory: string;
  readonly topology: string;
  readonly component: string;
  readonly task: number;
  readonly pid: number;
  readonly maxBytes: number;
  readonly backupCount: number;
}

export class LogFile {
  readonly path: string;
  #stream: RotatingFileStream;
  #closed: Promise<void> | undefined;

  constructor(options: LogFileOptions) {
    try {
      mkdirSync(options.directory, { recursive: true });
    } catch (error) {
      throw new LogSettingsError(
        `cannot create the log directory ${JSON.stringify(options.directory)} (conf '${LOG_CONF_KEYS.path}'): ${(error as Error).message}; point it at a writable directory`,
      );
    }
    const name = logFileName(options);
    this.path = `${options.directory}/${name}`;
    this.#stream = createStream(name, {
      path: options.directory,
      size: `${options.maxBytes}B`,
      rotate: options.backupCount,
    });
    // A log that cannot be written must not take the component down; say so once on stderr.
    this.#stream.once('error', (error) => process.stderr.write(`stp: cannot write log file ${this.path}: ${error.message}\n`));
  }

  write(line: string): void {
    if (!this.#closed) this.#stream.write(line);
  }

  /** Flushes and closes the file; resolves when everything written is on disk. */
  close(): Promise<void> {
    this.#closed ??= new Promise((resolve) => {
      this.#stream.end(() => resolve());
      this.#stream.once('error', () => resolve());
    });
    return this.#closed;
  }
}
