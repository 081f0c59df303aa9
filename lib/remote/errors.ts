// Failures that name the host they happened on; messages never contain key material.

export type RemoteFailure =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'timeout'
  | 'auth'
  | 'no-keys'
  | 'connect'
  | 'command';

export class RemoteError extends Error {
  constructor(
    readonly host: string,
    readonly failure: RemoteFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RemoteError';
  }
}
