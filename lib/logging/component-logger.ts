// A component's logger: every line passes the `stp.log.level` filter once, then goes to the task's log file
// (when `stp.log.path` is set) and to Storm's log through the protocol's `log` command.
import { LOG_LEVELS, type LogLevel } from '../multilang/messages.js';
import { LogFile } from './log-file.js';
import { levelEnabled, type LogSettings } from './settings.js';

export interface ComponentLoggerOptions {
  readonly settings: LogSettings;
  readonly topology: string;
  readonly component: string;
  readonly task: number;
  readonly pid: number;
  /** Sends a line to Storm (`{"command":"log"}`); absent when the protocol is gone. */
  readonly toStorm?: (message: string, level: number) => void;
}

export class ComponentLogger {
  readonly file: LogFile | undefined;
  readonly #level: LogLevel;
  readonly #prefix: string;
  #toStorm: ((message: string, level: number) => void) | undefined;

  constructor(options: ComponentLoggerOptions) {
    this.#level = options.settings.level;
    this.#toStorm = options.toStorm;
    this.#prefix = `${options.component}:${options.task}`;
    this.file = options.settings.path
      ? new LogFile({
          directory: options.settings.path,
          topology: options.topology,
          component: options.component,
          task: options.task,
          pid: options.pid,
          maxBytes: options.settings.maxBytes,
          backupCount: options.settings.backupCount,
        })
      : undefined;
  }

  enabled(level: LogLevel): boolean {
    return levelEnabled(level, this.#level);
  }

  log(level: LogLevel, message: string, options: { toStorm?: boolean } = {}): void {
    if (!this.enabled(level)) return;
    this.file?.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${this.#prefix} ${message}\n`);
    if (options.toStorm !== false) this.#toStorm?.(message, LOG_LEVELS[level]);
  }

  /** Stops sending to Storm (the pipe is gone); the file keeps working. */
  detachStorm(): void {
    this.#toStorm = undefined;
  }

  close(): Promise<void> {
    return this.file?.close() ?? Promise.resolve();
  }
}
