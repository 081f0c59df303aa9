// Reaching the Storm UI: straight to the env's "ui" host:port, or, with use_ssh_for_nimbus, through an SSH tunnel
// to the nimbus host (the UI usually listens there and is not reachable from outside).
import { openTunnel } from '../tunnel.js';
import type { ConnectOptions } from '../ssh.js';
import { createStormUiClient, type StormUiClient } from './client.js';

export interface UiAccess {
  readonly ui: { readonly host: string; readonly port: number };
  readonly nimbusHost: string;
  readonly useSshForNimbus: boolean;
}

export interface OpenStormUi {
  readonly client: StormUiClient;
  /** Closes the tunnel, if one was opened. */
  close(): Promise<void>;
}

export async function openStormUi(access: UiAccess, options: { ssh?: ConnectOptions; timeoutMs?: number } = {}): Promise<OpenStormUi> {
  const address = `${access.ui.host}:${access.ui.port}`;
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  if (!access.useSshForNimbus) {
    return { client: createStormUiClient({ baseUrl: `http://${address}`, ...timeout }), close: async () => {} };
  }
  // On the nimbus host itself the UI is at localhost; elsewhere, as the nimbus host resolves its name.
  const remoteHost = access.ui.host === access.nimbusHost ? 'localhost' : access.ui.host;
  const tunnel = await openTunnel(access.nimbusHost, remoteHost, access.ui.port, options.ssh);
  return {
    client: createStormUiClient({
      baseUrl: `http://127.0.0.1:${tunnel.localPort}`,
      describe: `${address} (through an SSH tunnel via ${access.nimbusHost})`,
      ...timeout,
    }),
    close: () => tunnel.close(),
  };
}
