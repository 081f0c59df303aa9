// The remote commands as a user runs them: the real bin/stp.js in a child process (plain output), against a
// real sshd and a real HTTP server answering like the Storm UI. The project's ssh config comes from
// STP_SSH_CONFIG, so the machine's own ~/.ssh is never read.
import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTree, type RunTreeOptions, type TreeResult } from '../helpers/process-tree.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';
import { startFakeStormUi, type FakeStormUi } from './fake-storm-ui.js';
import { startAll } from '../helpers/start-all.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

let sshd: TestSshd;
let ui: FakeStormUi;
let scratch: string;
let project: string;
let logDir: string;

function stp(args: string[], options: { onStdout?: RunTreeOptions['onStdout']; env?: NodeJS.ProcessEnv } = {}): Promise<TreeResult> {
  const { CI: _ci, SSH_AUTH_SOCK: _agent, ...env } = process.env;
  return runTree('node', [bin, ...args], {
    cwd: project,
    env: { ...env, NO_COLOR: '1', STP_SSH_CONFIG: sshd.sshConfigPath, ...options.env },
    timeoutMs: 30_000,
    ...(options.onStdout ? { onStdout: options.onStdout } : {}),
  });
}

async function writeConfig(env: Record<string, unknown>): Promise<void> {
  await writeFile(join(project, 'config.json'), JSON.stringify({ envs: { test: env } }, null, 2));
}

const baseEnv = () => ({
  nimbus: '127.0.0.1',
  ui: `127.0.0.1:${ui.port}`,
  workers: [sshd.alias],
  log: { path: logDir },
  node_modules_root: join(scratch, 'node_modules_root'),
  npm_flags: `--offline --no-audit --no-fund --cache ${join(scratch, 'npm-cache')}`,
});

beforeAll(async () => {
  [sshd, ui] = await startAll(startSshd(), startFakeStormUi());
  scratch = await mkdtemp(join(tmpdir(), 'stp-remote-cli-'));
  project = join(scratch, 'project');
  logDir = join(scratch, 'logs');
  await mkdir(project);
  await mkdir(logDir);
  await writeConfig(baseEnv());
});
afterAll(async () => {
  await Promise.all([sshd?.stop(), ui?.close()]);
  await rm(scratch, { recursive: true, force: true });
});

describe('Storm UI commands', () => {
  it('stp stats prints the topology tables', async () => {
    const result = await stp(['stats', 'wordcount']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Bolts of wordcount (all time)');
    expect(result.stdout).toMatch(/^count\s+2\s+2\s+0\s+0\s+0\.500\s+2\.000\s+300\s+2\.100\s+295\s+5\s+Error: boom \(w2\.example\.com:6701\)$/m);
  });

  it('stp slot-usage --json prints data', async () => {
    const result = await stp(['slot-usage', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      topologies: ['pixels', 'wordcount'],
      hosts: [
        { host: 'w1.example.com', topologies: { wordcount: { slots: 1, executors: 3 }, pixels: { slots: 1, executors: 2 } } },
        { host: 'w2.example.com', topologies: { wordcount: { slots: 1, executors: 2 } } },
      ],
      source: { kind: 'storm-ui', address: `127.0.0.1:${ui.port}` },
    });
  });

  it('stp worker-uptime goes through the SSH tunnel with use_ssh_for_nimbus', async () => {
    await writeConfig({ ...baseEnv(), nimbus: sshd.alias, ui: `127.0.0.1:${ui.port}`, use_ssh_for_nimbus: true });
    try {
      const result = await stp(['worker-uptime', '-e', 'test']);
      expect(result.status).toBe(0);
      expect(result.stdout.split('\n').slice(0, 4)).toEqual([
        'Worker uptime',
        'Host            Port  Topology    Uptime  Log',
        `--------------  ----  ---------  -------  ${'-'.repeat(62)}`,
        'w2.example.com  6701  wordcount    5m 0s  http://w2.example.com:8000/log?file=wc-1-1%2F6701%2Fworker.log',
      ]);
    } finally {
      await writeConfig(baseEnv());
    }
  });

  it('usage errors exit 2 with the reason', async () => {
    const unknownEnv = await stp(['stats', '-e', 'prod']);
    expect(unknownEnv.status).toBe(2);
    expect(unknownEnv.stderr).toContain('no env "prod" in config.json; the envs are: test');
    const badName = await stp(['stats', 'wc;$(id)']);
    expect(badName.status).toBe(2);
    expect(badName.stderr).toContain('invalid topology name "wc;$(id)"');
    const orphan = await stp(['stats', '--component', 'count']);
    expect(orphan.status).toBe(2);
    expect(orphan.stderr).toContain('--component needs a topology');
  });
});

describe('log commands', () => {
  beforeEach(async () => {
    for (const name of await readdir(logDir)) await rm(join(logDir, name));
    await writeFile(join(logDir, 'stp_wc_count_2_10.log'), 'counted a\ncounted b\n');
    await writeFile(join(logDir, 'stp_wc_split_1_11.log'), 'split a\n');
  });

  it('stp tail prints every line prefixed by host and component:task', async () => {
    const result = await stp(['tail', 'wc']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(
      [`${sshd.alias} count:2 | counted a`, `${sshd.alias} count:2 | counted b`, `${sshd.alias} split:1 | split a`].sort(),
    );
  });

  it('-N finds the logs of a topology submitted under another name; remove_logs is streamparse\'s name for remove-logs', async () => {
    await writeFile(join(logDir, 'stp.wc-canary.count.2.12.log'), 'canary\n');
    const tail = await stp(['tail', '-n', 'wc', '-N', 'wc-canary']);
    expect(tail.status).toBe(0);
    expect(tail.stdout).toBe(`${sshd.alias} count:2 | canary\n`);
    const dry = await stp(['remove_logs', '-n', 'wc', '-N', 'wc-canary', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(`${sshd.alias}: would remove 1 log file of "wc-canary" (7 B) from ${logDir}; kept 0\n  stp.wc-canary.count.2.12.log\n`);
  });

  it('stp tail -f follows until Ctrl-C and exits cleanly', async () => {
    let interrupted = false;
    const result = await stp(['tail', 'wc', '-f', '--pattern', 'count'], {
      onStdout: (text, child) => {
        if (!interrupted && text.includes('counted b')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('split a');
  });

  it('stp tail refuses a bad regex and a bad --lines', async () => {
    const regex = await stp(['tail', 'wc', '--pattern', '(unclosed']);
    expect(regex.status).toBe(2);
    expect(regex.stderr).toMatch(/--pattern "\(unclosed" is not a valid regular expression/);
    const lines = await stp(['tail', 'wc', '-l', 'ten']);
    expect(lines.status).toBe(2);
    expect(lines.stderr).toContain('--lines must be a whole number >= 0 (found "ten")');
  });

  it('stp remove-logs --older-than reports per host and removes only old files', async () => {
    const old = new Date(Date.now() - 5 * 86_400_000);
    await utimes(join(logDir, 'stp_wc_split_1_11.log'), old, old);
    const dry = await stp(['remove-logs', 'wc', '--older-than', '2', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(`${sshd.alias}: would remove 1 log file of "wc" older than 2 days (8 B) from ${logDir}; kept 1\n  stp_wc_split_1_11.log\n`);
    expect(await readdir(logDir)).toHaveLength(2);
    const real = await stp(['remove-logs', 'wc', '--older-than', '2']);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain(`${sshd.alias}: removed 1 log file of "wc"`);
    expect(await readdir(logDir)).toEqual(['stp_wc_count_2_10.log']);
  });

  it('stp remove-logs wordcount removes only wordcount files, not those of wordcount_x or word', async () => {
    await writeFile(join(logDir, 'stp.wordcount.count.1.1.log'), 'mine\n');
    await writeFile(join(logDir, 'stp.wordcount_x.count.1.2.log'), 'not mine\n');
    await writeFile(join(logDir, 'stp.word.count.1.3.log'), 'not mine\n');
    await writeFile(join(logDir, 'stp_wordcount_x_count_1_4.log'), 'old, whose?\n');
    const tail = await stp(['tail', 'wordcount']);
    expect(tail.status).toBe(0);
    expect(tail.stdout).toBe(`${sshd.alias} count:1 | mine\n`);
    expect(tail.stderr).toContain(`${sshd.alias}: not shown: "stp_wordcount_x_count_1_4.log": old-style name: it may be topology "wordcount_x"'s (component "count")`);
    const result = await stp(['remove-logs', 'wordcount']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${sshd.alias}: removed 1 log file of "wordcount" (5 B) from ${logDir}; kept 0\n  stp.wordcount.count.1.1.log\n` +
        `  left alone "stp_wordcount_x_count_1_4.log": old-style name: it may be topology "wordcount_x"'s (component "count"); run stp in the project that has topology "wordcount" so its component ids decide, or remove it by hand\n`,
    );
    expect((await readdir(logDir)).sort()).toEqual(
      ['stp.word.count.1.3.log', 'stp.wordcount_x.count.1.2.log', 'stp_wc_count_2_10.log', 'stp_wc_split_1_11.log', 'stp_wordcount_x_count_1_4.log'].sort(),
    );
  });

  it('names a failed host once, and warns once about ssh config settings stp does not act on', async () => {
    const config = join(scratch, 'proxy_ssh_config');
    await writeFile(
      config,
      `Host ${sshd.alias}\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${sshd.knownHostsPath}\n  ProxyCommand nc bastion 22\n` +
        `Host dead-host\n  HostName 127.0.0.1\n  Port 1\n  IdentityFile ${sshd.privateKeyPath}\n`,
    );
    await writeConfig({ ...baseEnv(), workers: [sshd.alias, 'dead-host'] });
    try {
      const result = await stp(['tail', 'wc'], { env: { STP_SSH_CONFIG: config } });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('counted b');
      const lines = result.stderr.trim().split('\n');
      expect(lines.filter((line) => line.includes('ProxyCommand'))).toEqual([
        `stp: warning: the ssh config for "${sshd.alias}" has ProxyCommand: stp does not run it and connects to 127.0.0.1:${sshd.port} directly; use ProxyJump, which stp follows`,
      ]);
      expect(lines.filter((line) => line.startsWith('dead-host:'))).toHaveLength(1);
      expect(lines.at(-1)).toBe('stp: tail failed on 1 of 2 hosts (see above)');
    } finally {
      await writeConfig(baseEnv());
    }
  });

  it('a refused host key fails the command, naming the host', async () => {
    const strict = join(scratch, 'strict_ssh_config');
    const empty = join(scratch, 'empty_known_hosts');
    await writeFile(empty, '');
    await writeFile(strict, `Host ${sshd.alias}\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${empty}\n`);
    const result = await stp(['tail', 'wc'], { env: { STP_SSH_CONFIG: strict } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${sshd.alias}: host key of .*${sshd.alias}.* is unknown \\(SHA256:`));
  });
});

describe('the SSH review\'s findings (issue 31)', () => {
  beforeEach(async () => {
    for (const name of await readdir(logDir)) await rm(join(logDir, name));
  });
  afterEach(async () => {
    await writeConfig(baseEnv());
  });

  it('refuses "/", "//" and system folders as log.path, in one line, before connecting', async () => {
    for (const [path, what] of [['/', 'the root folder'], ['//', 'the root folder'], ['/etc/', 'the system folder /etc'], ['/var//log', 'the system folder /var/log']] as const) {
      await writeConfig({ ...baseEnv(), log: { path } });
      const result = await stp(['remove-logs', 'wordcount', '--dry-run']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`stp: log.path must be a folder of the component logs' own, not ${what} (found ${JSON.stringify(path)}): stp remove-logs deletes the topology's files there; e.g. "/var/log/storm/stp"\n`);
    }
    await writeConfig({ ...baseEnv(), log: { path: '/' } });
    const tail = await stp(['tail', 'wordcount']);
    expect(tail.status).toBe(2);
    expect(tail.stderr).toContain('log.path must be a folder of the component logs\' own, not the root folder');
  });

  it('normalizes log.path before checking and using it', async () => {
    await writeFile(join(logDir, 'stp.wordcount.count.1.1.log'), 'mine\n');
    await writeConfig({ ...baseEnv(), log: { path: `/${logDir.replace(/\//g, '//')}/./` } });
    const dry = await stp(['remove-logs', 'wordcount', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(`${sshd.alias}: would remove 1 log file of "wordcount" (5 B) from ${logDir}; kept 0\n  stp.wordcount.count.1.1.log\n`);
  });

  it('removes the rotated copies the log rotation writes (.log.1, .log.2) and nothing else', async () => {
    const base = 'stp.wordcount.count.1.100.log';
    const ours = [base, `${base}.1`, `${base}.2`, `${base}.12`];
    const others = [`${base}.bak`, `${base}.1.gz`, `${base}.0`, `${base}.01`, `${base}.old-1`, 'stp_wordcount_count_1_100.log.bak'];
    for (const name of [...ours, ...others]) await writeFile(join(logDir, name), 'x\n');
    const result = await stp(['remove-logs', 'wordcount']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${sshd.alias}: removed 4 log files of "wordcount"`);
    expect((await readdir(logDir)).sort()).toEqual([...others].sort());
  });

  it('tail wordcount_x: the note on an old-style name names the other topology it may be', async () => {
    await writeFile(join(logDir, 'stp_wordcount_x_count_1_4.log'), 'whose?\n');
    const result = await stp(['tail', 'wordcount_x']);
    expect(result.stderr).toContain(
      `${sshd.alias}: not shown: "stp_wordcount_x_count_1_4.log": old-style name: it may be topology "wordcount"'s (component "x_count"); run stp in the project that has topology "wordcount_x" so its component ids decide, or remove it by hand\n`,
    );
  });

  it('quotes line breaks in names and paths in its messages', async () => {
    const missing = await stp(['remove-logs', 'flows/new\nline.ts', '--dry-run']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no topology file at "flows/new\\nline.ts"');
    await writeConfig({ ...baseEnv(), log: { path: `${logDir}\nx` } });
    const path = await stp(['remove-logs', 'wordcount', '--dry-run']);
    expect(path.status).toBe(2);
    expect(path.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prepare refuses a node_executable with a space that is no executable file on the worker, and takes a path holding one', async () => {
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'proj', version: '1.0.0', private: true }));
    await writeFile(
      join(project, 'package-lock.json'),
      JSON.stringify({ name: 'proj', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'proj', version: '1.0.0' } } }),
    );
    await writeConfig({ ...baseEnv(), node_executable: '/usr/bin/env node' });
    const result = await stp(['prepare', 'wc']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `${sshd.alias}: FAILED after`,
    );
    expect(result.stdout).toContain(
      `node_executable "/usr/bin/env node" is not an executable file on ${sshd.alias}: Storm runs node_executable as one program name and never splits it at spaces`,
    );
    // A path that holds a space and is an executable file there is fine.
    const spaced = join(scratch, 'my node', 'bin');
    await mkdir(spaced, { recursive: true });
    await symlink(process.execPath, join(spaced, 'node'));
    await writeConfig({ ...baseEnv(), node_executable: join(spaced, 'node') });
    const ok = await stp(['prepare', 'wc']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^${sshd.alias}: done in `, 'm'));
  });
});

describe('stp prepare', () => {
  it('installs on the workers and reports one line per host', async () => {
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'proj', version: '1.0.0', private: true }));
    await writeFile(
      join(project, 'package-lock.json'),
      JSON.stringify({ name: 'proj', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'proj', version: '1.0.0' } } }),
    );
    const result = await stp(['prepare', 'wc']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`preparing "wc" in ${join(scratch, 'node_modules_root', 'wc')} on 1 host (from ${project})`);
    expect(lines[1]).toMatch(new RegExp(`^${sshd.alias}: done in \\d+\\.\\d s$`));
    expect(lines[2]).toContain('use_node_modules off');
  });

  it('takes a topology file path, as run and submit do', async () => {
    const builder = fileURLToPath(new URL('../../lib/topology/builder.js', import.meta.url));
    await mkdir(join(project, 'flows'), { recursive: true });
    await writeFile(
      join(project, 'flows', 'counting.mts'),
      `import { topology } from ${JSON.stringify(builder)};\nclass Words {\n  static readonly declaration = { outputs: { default: ['word'] } } as const;\n}\nexport default topology('counting').spout('words', Words);\n`,
    );
    const result = await stp(['prepare', 'flows/counting.mts']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`preparing "counting" in ${join(scratch, 'node_modules_root', 'counting')} on 1 host (from ${project})`);
    const missing = await stp(['prepare', 'flows/nope.ts']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no topology file at flows/nope.ts');
  });
});
