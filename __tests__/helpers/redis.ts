// A real redis-server on 127.0.0.1 for tests, in its own temp dir, with an append-only file written (and fsynced)
// before each write is answered, so that a kill loses nothing committed and a restart on the same dir and port
// finds it again. Its process group is killed when the test file ends, like every tree of process-tree.ts.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killTree, startTree } from './process-tree.js';
import { until } from './until.js';

const REDIS = process.env['STP_TEST_REDIS'] ?? 'redis-server';

export interface TestRedis {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dir: string;
  /** `topology.state.provider.config` for this server. */
  readonly providerConfig: string;
  /** SIGKILLs the server and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and dir; resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Kills it and removes its dir. Safe to call twice. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something answers PING on the port with +PONG. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'stp-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no', '--protected-mode', 'yes'];
    const started = startTree(REDIS, args, { stdio: 'ignore' });
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    let up = false;
    await until(() => {
      void answers(port).then((ok) => (up ||= ok));
      return up;
    }, 20_000, `redis-server on 127.0.0.1:${port}`);
  };
  await start();
  const kill = async (): Promise<void> => {
    if (child) killTree(child);
    await exited;
    child = undefined;
  };
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    dir,
    providerConfig: JSON.stringify({ jedisPoolConfig: { host: '127.0.0.1', port } }),
    kill,
    restart: start,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
