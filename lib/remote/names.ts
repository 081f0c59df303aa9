// Names that end up in remote paths and commands. They are quoted anyway (see quote.ts); validating them as well
// turns a typo or an attack into a clear message before anything reaches a host.

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

/** Remote directories (config values such as log.path, node_modules_root) must be absolute and plain. */
export function validateRemoteDir(key: string, value: string): string {
  if (!value.startsWith('/') || value.includes('\0') || /(^|\/)\.\.(\/|$)/.test(value)) {
    const example = key === 'node_modules_root' ? '/data/stp/node_modules' : '/var/log/storm/stp';
    throw new Error(`${key} must be an absolute directory on the workers without ".." (found ${JSON.stringify(value)}), e.g. "${example}"`);
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}
