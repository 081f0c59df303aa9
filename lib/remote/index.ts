// Remote operations: SSH connections and tunnels, worker preparation, logs, and the Storm UI.
export { RemoteError, type RemoteFailure } from './errors.js';
export { InvalidNameError, validateName, validateRemoteDir, type NameKind } from './names.js';
export { shellCommand, shellQuote, shellScript } from './quote.js';
export { resolveSshTarget, defaultSshConfigPath, type SshTarget, type SshTargetOptions } from './ssh-config.js';
export {
  connectSsh,
  fingerprint,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type ConnectOptions,
  type ExecResult,
  type SshConnection,
  type StreamOptions,
} from './ssh.js';
export { openTunnel, type Tunnel, type TunnelOptions } from './tunnel.js';
