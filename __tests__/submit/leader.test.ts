// Like Storm's own client, a direct session asks Nimbus for the leader and talks to the leader.
import { parseConfig, resolveEnv } from '../../lib/config/index.js';
import { openNimbusSession } from '../../lib/nimbus/session.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';
import { startAll } from '../helpers/start-all.js';

let follower: FakeNimbus;
let leader: FakeNimbus;

beforeEach(async () => {
  [follower, leader] = await startAll(FakeNimbus.start(), FakeNimbus.start());
  leader.addRunning('on-leader');
  follower.addRunning('on-follower');
});
afterEach(async () => {
  await Promise.all([follower.close(), leader.close()]);
});

const envFor = (port: number) => resolveEnv(parseConfig({ envs: { prod: { nimbus: `127.0.0.1:${port}` } } }));

describe('leader discovery', () => {
  it('moves to the leader that the configured Nimbus names', async () => {
    follower.leader = { host: '127.0.0.1', port: leader.port };
    const session = await openNimbusSession(envFor(follower.port));
    try {
      expect(session.address).toBe(`127.0.0.1:${leader.port}`);
      expect((await session.client.getClusterInfo()).topologies.map((t) => t.name)).toEqual(['on-leader']);
    } finally {
      await session.close();
    }
  });

  it('stays when it already talks to the leader, or when the leader cannot be reached', async () => {
    const direct = await openNimbusSession(envFor(leader.port));
    expect(direct.address).toBe(`127.0.0.1:${leader.port}`);
    await direct.close();

    const gonePort = leader.port;
    await leader.close();
    follower.leader = { host: '127.0.0.1', port: gonePort };
    const session = await openNimbusSession(envFor(follower.port), { connectTimeoutMs: 2000 });
    try {
      expect(session.address).toBe(`127.0.0.1:${follower.port}`);
      expect((await session.client.getClusterInfo()).topologies.map((t) => t.name)).toEqual(['on-follower']);
    } finally {
      await session.close();
      leader = await FakeNimbus.start(); // afterEach closes it again
    }
  });
});
