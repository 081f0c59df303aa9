// scripts/test-packages.sh, which `npm test` (pretest) and .ci/run run first: with everything present it says
// nothing; with tools missing and nothing it may install, one line names them and the command that installs them,
// at once. Tools are hidden by PATH (and STP_TEST_SSHD), nothing is uninstalled; the install path itself runs in CI.
import { chmodSync, copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTree } from '../helpers/process-tree.js';

const script = fileURLToPath(new URL('../../scripts/test-packages.sh', import.meta.url));
const isRoot = process.getuid?.() === 0;

/** A PATH dir holding only the named programs (symlinks to the machine's). */
function pathWith(dir: string, programs: readonly string[]): string {
  for (const program of programs) symlinkSync(`/usr/bin/${program}`, join(dir, program));
  return dir;
}

function check(env: Record<string, string>, asNobody?: string) {
  if (asNobody === undefined || !isRoot) return runTree('/bin/bash', [script], { env: { ...process.env, ...env }, timeoutMs: 10_000 });
  // The user 'nobody' may not read the checkout (a clone under /root is mode 700): it runs a copy from a folder it
  // can read, and starts there.
  chmodSync(asNobody, 0o755);
  const copy = join(asNobody, 'test-packages.sh');
  copyFileSync(script, copy);
  chmodSync(copy, 0o644);
  const command = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '/bin/bash', copy];
  return runTree(command[0]!, command.slice(1), { cwd: asNobody, env: { ...process.env, ...env }, timeoutMs: 10_000 });
}

describe('scripts/test-packages.sh', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stp-packages-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says nothing and exits 0 when every tool is there (this machine has them)', async () => {
    const result = await check({ STP_TEST_PACKAGES: 'check' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('names every missing tool and the apt-get command in one line, and exits 1 without installing', async () => {
    const result = await check({ PATH: pathWith(dir, ['id', 'apt-get']), STP_TEST_PACKAGES: 'check', STP_TEST_SSHD: join(dir, 'no-sshd') });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `stp tests: missing thrift, sshd at ${join(dir, 'no-sshd')}, ssh, ssh-keygen, ssh-agent, zip, unzip, ps, python3, java, javac, redis-server; ` +
        `install them with: ${isRoot ? '' : 'sudo '}apt-get install -y --no-install-recommends thrift-compiler openssh-server openssh-client zip unzip procps python3 default-jdk-headless redis-server`,
    );
  });

  it('tells a user who is not root to use sudo, naming only what is missing', async () => {
    const result = await check({ STP_TEST_SSHD: '/nonexistent/sshd' }, dir);
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd()).toBe('stp tests: missing sshd at /nonexistent/sshd; install them with: sudo apt-get install -y --no-install-recommends openssh-server');
  });

  it('without apt-get, points to the system package manager and names the Debian packages', async () => {
    const result = await check({ PATH: pathWith(dir, ['id']) });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("stp tests: missing thrift, ssh, ssh-keygen, ssh-agent, zip, unzip, ps, python3, java, javac, redis-server; install the packages that bring them with your system's package manager (on Debian: apt-get install -y --no-install-recommends thrift-compiler openssh-client");
  });
});
