import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { startSshd, type TestSshd } from '../helpers/sshd.js';

const execFileAsync = promisify(execFile);

describe('test sshd harness', () => {
  let sshd: TestSshd | undefined;
  afterAll(async () => {
    await sshd?.stop();
  });

  it('accepts the OpenSSH client with only its own config, key and known_hosts', async () => {
    sshd = await startSshd();
    const { stdout } = await execFileAsync('ssh', ['-F', sshd.sshConfigPath, '-o', 'BatchMode=yes', sshd.alias, 'echo', 'hello']);
    expect(stdout.trim()).toBe('hello');
  });

  it('removes everything on stop, and stop is idempotent', async () => {
    const own = await startSshd();
    await own.stop();
    await own.stop();
    expect(existsSync(own.dir)).toBe(false);
  });
});
