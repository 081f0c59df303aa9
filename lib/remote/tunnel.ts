// A local port forward (`ssh -L`): connections to 127.0.0.1:<localPort> reach remoteHost:remotePort as seen from
// the SSH host. Used for Nimbus (use_ssh_for_nimbus) and the Storm UI.
import { createServer, type Server, type Socket } from 'node:net';
import { connectSsh, type ConnectOptions, type SshConnection } from './ssh.js';

export interface Tunnel {
  /** The port on 127.0.0.1 that leads to the remote end. */
  readonly localPort: number;
  readonly localHost: '127.0.0.1';
  /** Stops listening, ends open forwarded connections and the SSH connection. Safe to call twice. */
  close(): Promise<void>;
}

export interface TunnelOptions extends ConnectOptions {
  /** Local port to listen on; default 0 (any free port). */
  readonly localPort?: number;
  /** Reuse an open connection instead of opening one (it is then not closed by `close()`). */
  readonly connection?: SshConnection;
}

export async function openTunnel(sshHost: string, remoteHost: string, remotePort: number, options: TunnelOptions = {}): Promise<Tunnel> {
  const connection = options.connection ?? (await connectSsh(sshHost, options));
  const owned = options.connection === undefined;
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    connection.forwardOut(remoteHost, remotePort).then(
      (channel) => {
        if (socket.destroyed) {
          channel.close();
          return;
        }
        socket.pipe(channel).pipe(socket);
        channel.on('error', () => socket.destroy());
        channel.on('close', () => socket.destroy());
        socket.on('close', () => channel.close());
      },
      // The remote end refused (nothing listens there): the local client sees its connection reset.
      () => socket.destroy(),
    );
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.localPort ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (owned) connection.dispose();
    throw new Error(`could not listen on 127.0.0.1:${options.localPort ?? 0} for the tunnel to ${remoteHost}:${remotePort} via ${sshHost}: ${(error as Error).message}`);
  }
  const address = server.address();
  const localPort = typeof address === 'object' && address ? address.port : 0;

  let closed: Promise<void> | undefined;
  return {
    localPort,
    localHost: '127.0.0.1',
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        if (owned) connection.dispose();
      });
      return closed;
    },
  };
}
