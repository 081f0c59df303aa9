// `stp top`'s watcher through an SSH tunnel (use_ssh_for_nimbus), against a real OpenSSH server on 127.0.0.1 and
// the Thrift server playing Nimbus: frames come through the tunnel, and after Nimbus comes back a new tunnel
// carries the watch on.
import { parseConfig, resolveEnv } from '../../lib/config/index.js';
import { openNimbusSession } from '../../lib/nimbus/session.js';
import { watchTopology, type TopEvents, type TopWatch } from '../../lib/top/watch.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';
import { startFakeCluster, type FakeCluster } from './fake-cluster.js';
import { startAll } from '../helpers/start-all.js';

let sshd: TestSshd;
let cluster: FakeCluster;
let watch: TopWatch | undefined;

beforeAll(async () => {
  [sshd, cluster] = await startAll(startSshd(), startFakeCluster());
});
afterAll(async () => {
  watch?.stop();
  await watch?.done.catch(() => undefined);
  await Promise.all([sshd?.stop(), cluster?.close()]);
});

function next<K extends keyof TopEvents>(w: TopWatch, event: K, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} event within ${ms} ms`)), ms);
    w.events.once(event, (() => {
      clearTimeout(timer);
      resolve();
    }) as never);
  });
}

it('watches through the tunnel and reconnects through a new one', async () => {
  const env = resolveEnv(parseConfig({ envs: { prod: { nimbus: `${sshd.alias}:${cluster.nimbus.port}`, use_ssh_for_nimbus: true } } }));
  const tunnels: number[] = [];
  watch = await watchTopology({
    name: 'wordcount',
    intervalMs: 200,
    retryDelaysMs: [200],
    connect: async () => {
      const session = await openNimbusSession(env, { sshConfigPath: sshd.sshConfigPath, agent: false });
      tunnels.push(session.tunnel!.localPort);
      return session;
    },
  });
  expect(watch.first.snapshot.name).toBe('wordcount');
  await next(watch, 'frame');
  await cluster.nimbus.stopListening();
  await next(watch, 'retrying');
  await cluster.nimbus.listenAgain();
  await next(watch, 'reconnected');
  await next(watch, 'frame');
  // Every session went through its own tunnel (a local port forwarded over SSH), never to Nimbus's port directly.
  expect(tunnels.length).toBeGreaterThanOrEqual(2);
  expect(tunnels).not.toContain(cluster.nimbus.port);
});
