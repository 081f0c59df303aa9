// Which hosts the remote commands work on: the env's "workers", or the supervisors Nimbus reports.
import type { AddressInfo, Server, Socket } from 'node:net';
import thrift from 'thrift';
import { parseConfig, resolveEnv } from '../../lib/config/index.js';
import { Nimbus, storm } from '../../lib/nimbus/generated.js';
import { workerHostsFor } from '../../lib/remote/env.js';

let server: Server;
let port: number;
let supervisors: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  // Only getLeader (the client finds the leader first) and getClusterInfo are answered.
  const handler = {
    async getLeader() {
      return new storm.NimbusSummary({ host: '127.0.0.1', port, uptime_secs: 10, isLeader: true, version: '2.8.1' });
    },
    async getClusterInfo() {
      return new storm.ClusterSummary({
        supervisors: supervisors.map(
          (host, index) => new storm.SupervisorSummary({ host, uptime_secs: 100, num_workers: 4, num_used_workers: 1, supervisor_id: `s${index}` }),
        ),
        topologies: [],
        nimbuses: [],
      });
    },
  };
  // thrift's types want every Nimbus method; this server answers only the two above.
  server = thrift.createServer(Nimbus, handler as never, { transport: thrift.TFramedTransport, protocol: thrift.TBinaryProtocol }) as unknown as Server;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const env = (workers: string[]) => resolveEnv(parseConfig({ envs: { prod: { nimbus: `127.0.0.1:${port}`, workers } } }));

describe('workerHostsFor', () => {
  it('uses the env\'s workers as listed, asking no one', async () => {
    supervisors = ['never-asked'];
    expect(await workerHostsFor(env(['w2', 'storm@w1:2222']))).toEqual(['w2', 'storm@w1:2222']);
  });

  it('falls back to the supervisor hosts Nimbus reports, each once', async () => {
    supervisors = ['w2.example.com', 'w1.example.com', 'w2.example.com'];
    expect(await workerHostsFor(env([]))).toEqual(['w1.example.com', 'w2.example.com']);
  });

  it('says what to do when there are none', async () => {
    supervisors = [];
    await expect(workerHostsFor(env([]))).rejects.toThrow('env "prod" lists no "workers" and Nimbus reports no supervisors; list the worker hosts in envs.prod.workers');
  });
});
