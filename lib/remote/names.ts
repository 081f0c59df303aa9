// Names that end up in remote paths and commands. They are quoted anyway (see quote.ts); validating them as well
// turns a typo or an attack into a clear message before anything reaches a host.
import { posix } from 'node:path';

/** Storm's own rule for topology names is `^[^/.:\\]+$`; we also keep out what has no place in a file name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export type NameKind = 'topology' | 'component' | 'env';

export class InvalidNameError extends Error {
  constructor(
    readonly kind: NameKind,
    readonly value: string,
  ) {
    super(
      `invalid ${kind} name ${JSON.stringify(value)}: use letters, digits, "_" and "-", starting with a letter or digit`,
    );
    this.name = 'InvalidNameError';
  }
}

export function validateName(kind: NameKind, value: string): string {
  if (!NAME.test(value) || value.length > 200) throw new InvalidNameError(kind, value);
  return value;
}

/** A remote directory in config.json that stp will not use: a usage error, like a bad name. */
export class InvalidRemoteDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRemoteDirError';
  }
}

/**
 * Folders of the system itself: log.path may not be one, since `stp remove-logs` deletes the topology's files
 * there. Component logs need a folder of their own (e.g. /var/log/storm/stp).
 */
const SYSTEM_DIRS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/libx32', '/media', '/mnt', '/opt',
  '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local',
  '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/lib', '/var/log', '/var/tmp',
]);

/**
 * Remote directories (config values such as log.path, node_modules_root) must be absolute and plain; they come
 * back normalized ("//var//log/stp/" is "/var/log/stp"), so what is checked is what is used. log.path may not be
 * a system folder.
 */
export function validateRemoteDir(key: string, value: string): string {
  const example = key === 'node_modules_root' ? '/data/stp/node_modules' : '/var/log/storm/stp';
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || /[\u0000-\u001f\u007f]/.test(value) || /(^|\/)\.\.(\/|$)/.test(value)) {
    throw new InvalidRemoteDirError(`${key} must be an absolute directory on the workers without ".." or control characters (found ${JSON.stringify(value)}), e.g. "${example}"`);
  }
  const normal = posix.normalize(value);
  const dir = normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
  if (key === 'log.path' && SYSTEM_DIRS.has(dir)) {
    const what = dir === '/' ? 'the root folder' : `the system folder ${dir}`;
    throw new InvalidRemoteDirError(`log.path must be a folder of the component logs' own, not ${what} (found ${JSON.stringify(value)}): stp remove-logs deletes the topology's files there; e.g. "${example}"`);
  }
  return dir;
}
