// The log settings a component reads from the topology conf: streamparse's log.* keys under our `stp.` prefix.
//   stp.log.path          directory for per-task log files; unset = log only through the protocol
//   stp.log.max_bytes     rotate a file when it reaches this size (default 1 MB, as streamparse)
//   stp.log.backup_count  rotated files kept (default 10)
//   stp.log.level         trace | debug | info | warn | error (also warning, critical); default info
import { LOG_LEVELS, type LogLevel } from '../multilang/messages.js';

export interface LogSettings {
  readonly path: string | undefined;
  readonly maxBytes: number;
  readonly backupCount: number;
  readonly level: LogLevel;
}

export const LOG_CONF_KEYS = {
  path: 'stp.log.path',
  maxBytes: 'stp.log.max_bytes',
  backupCount: 'stp.log.backup_count',
  level: 'stp.log.level',
} as const;

const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = { warning: 'warn', critical: 'error', fatal: 'error' };

/** Thrown for a log setting of the wrong type or value; the message names the key, the value and the fix. */
export class LogSettingsError extends Error {
  override name = 'LogSettingsError';
}

export function logSettings(conf: Readonly<Record<string, unknown>>): LogSettings {
  const path = conf[LOG_CONF_KEYS.path];
  if (path !== undefined && path !== null && (typeof path !== 'string' || path === '')) {
    throw new LogSettingsError(`conf '${LOG_CONF_KEYS.path}' must be a directory path, got ${JSON.stringify(path)}`);
  }
  return {
    path: typeof path === 'string' ? path : undefined,
    maxBytes: positiveInteger(conf, LOG_CONF_KEYS.maxBytes, 1_048_576),
    backupCount: positiveInteger(conf, LOG_CONF_KEYS.backupCount, 10),
    level: parseLevel(conf[LOG_CONF_KEYS.level]),
  };
}

export function parseLevel(value: unknown): LogLevel {
  if (value === undefined || value === null) return 'info';
  const name = String(value).toLowerCase();
  if (name in LOG_LEVELS) return name as LogLevel;
  const alias = LEVEL_ALIASES[name];
  if (alias) return alias;
  throw new LogSettingsError(
    `conf '${LOG_CONF_KEYS.level}' is ${JSON.stringify(value)}; use one of ${Object.keys(LOG_LEVELS).join(', ')}`,
  );
}

/** Whether a message at `level` passes the threshold `min`. */
export function levelEnabled(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS[level] >= LOG_LEVELS[min];
}

function positiveInteger(conf: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = conf[key];
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new LogSettingsError(`conf '${key}' must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return n;
}
