// startAll: a test file's servers started side by side. When one cannot start (no sshd here), the ones that did are
// closed before the error reaches the test: nothing is left listening to keep jest alive after a failed setup.
import { connect } from 'node:net';
import { startSshd } from './sshd.js';
import { startAll } from './start-all.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';

/** What connecting to 127.0.0.1:port gives: 'connected' or the error code. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('startAll', () => {
  it('gives every server when all start', async () => {
    const [a, b] = await startAll(FakeNimbus.start(), FakeNimbus.start());
    try {
      expect(await Promise.all([probe(a.port), probe(b.port)])).toEqual(['connected', 'connected']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('closes the servers that started when another fails, then throws its error', async () => {
    let started: FakeNimbus | undefined;
    const nimbus = FakeNimbus.start().then((server) => (started = server));
    const previous = process.env['STP_TEST_SSHD'];
    process.env['STP_TEST_SSHD'] = '/nonexistent/sshd';
    try {
      await expect(startAll(nimbus, startSshd())).rejects.toThrow(/could not run \/nonexistent\/sshd|spawn ssh-keygen ENOENT/);
    } finally {
      if (previous === undefined) delete process.env['STP_TEST_SSHD'];
      else process.env['STP_TEST_SSHD'] = previous;
    }
    expect(started).toBeDefined();
    expect(await probe(started!.port)).toBe('ECONNREFUSED');
  });
});
