// tail and remove-logs against a real sshd, on log files in a temp dir.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmitter } from '../../lib/events.js';
import { parseLogFileName } from '../../lib/remote/log-files.js';
import { removeLogs } from '../../lib/remote/remove-logs.js';
import { clearSshConfigCache } from '../../lib/remote/ssh-config.js';
import { TailParser, tailLogs, type LogLine, type TailEvents } from '../../lib/remote/tail.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';

let sshd: TestSshd;
let scratch: string;
let sshConfigPath: string;
let logDir: string;
const HOSTS = ['worker-a', 'worker-b'];
const NASTY_FILE = `stp_wc_we ird';$(touch PWNED)\`x\`_1_77.log`;

beforeAll(async () => {
  sshd = await startSshd();
  scratch = await mkdtemp(join(tmpdir(), 'stp-logs-test-'));
  sshConfigPath = join(scratch, 'ssh_config');
  const hostBlock = (alias: string) =>
    `Host ${alias}\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${sshd.knownHostsPath}\n`;
  const dead = `Host dead-host\n  HostName 127.0.0.1\n  Port 1\n  IdentityFile ${sshd.privateKeyPath}\n`;
  await writeFile(sshConfigPath, [...HOSTS.map(hostBlock), dead].join('\n'));
});
const extraServers: TestSshd[] = [];
afterEach(async () => {
  clearSshConfigCache();
  for (const server of extraServers.splice(0)) await server.stop();
});
afterAll(async () => {
  await sshd?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const ssh = () => ({ sshConfigPath, agent: false as const, connectTimeoutMs: 5000 });

async function freshLogs(): Promise<string> {
  logDir = await mkdtemp(join(scratch, 'logs with space-'));
  await writeFile(join(logDir, 'stp_wc_count_3_101.log'), 'count one\ncount two\n');
  await writeFile(join(logDir, 'stp_wc_count_3_101.log.1'), 'rotated\n');
  await writeFile(join(logDir, 'stp_wc_split_sentence_1_102.log'), 'split one\n\nsplit after blank\n');
  await writeFile(join(logDir, 'stp_other_count_1_103.log'), 'other topology\n');
  await writeFile(join(logDir, 'unrelated.log'), 'not ours\n');
  await writeFile(join(logDir, NASTY_FILE), 'nasty content\n');
  return logDir;
}

function collect(emitter = createEmitter<TailEvents>()): { emitter: typeof emitter; lines: LogLine[] } {
  const lines: LogLine[] = [];
  emitter.on('line', (line) => lines.push(line));
  return { emitter, lines };
}

describe('log file names', () => {
  it('parses topology, component (with underscores), task, pid and rotation', () => {
    expect(parseLogFileName('stp_wc_split_sentence_4_99.log', 'wc')).toEqual({ name: 'stp_wc_split_sentence_4_99.log', component: 'split_sentence', task: 4, pid: 99, rotated: false });
    expect(parseLogFileName('stp_wc_count_1_2.log.3', 'wc')).toMatchObject({ component: 'count', rotated: true });
    expect(parseLogFileName('stp_other_count_1_2.log', 'wc')).toBeUndefined();
    expect(parseLogFileName('stp_wc_count.log')).toBeUndefined();
  });
});

describe('TailParser', () => {
  it('tracks files by header and drops the separator blank line, keeping real blank lines', () => {
    const out: string[] = [];
    const parser = new TailParser((file, text) => out.push(`${file}|${text}`));
    parser.push('==> a <==\nx\n\ny\n\n==> b');
    parser.push(' <==\nz\n');
    parser.end();
    expect(out).toEqual(['a|x', 'a|', 'a|y', 'b|z']);
  });
});

describe('tailLogs', () => {
  beforeEach(freshLogs);

  it('shows the last lines of the topology files on every host, each tagged with its host and file', async () => {
    const { emitter, lines } = collect();
    const outcomes = await tailLogs({ hosts: HOSTS, logPath: logDir, topology: 'wc', lines: 5, ssh: ssh(), emitter });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    for (const host of HOSTS) {
      const mine = lines.filter((line) => line.host === host).map((line) => `${line.file}: ${line.text}`);
      expect(mine).toEqual(
        expect.arrayContaining([
          'stp_wc_count_3_101.log: count one',
          'stp_wc_count_3_101.log: count two',
          'stp_wc_split_sentence_1_102.log: split one',
          'stp_wc_split_sentence_1_102.log: ',
          'stp_wc_split_sentence_1_102.log: split after blank',
          `${NASTY_FILE}: nasty content`,
        ]),
      );
      expect(mine.join('\n')).not.toMatch(/other topology|not ours|rotated/);
    }
    expect(existsSync(join(logDir, 'PWNED'))).toBe(false);
  });

  it('filters files by --pattern, which may hold quotes, ";", "$(...)" and spaces', async () => {
    const { emitter, lines } = collect();
    await tailLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wc', pattern: /we ird';\$\(touch/, ssh: ssh(), emitter });
    expect(lines.map((line) => line.text)).toEqual(['nasty content']);
    expect(existsSync(join(logDir, 'PWNED'))).toBe(false);
  });

  it('follows new lines until aborted, then leaves no tail running on the host', async () => {
    const { emitter, lines } = collect();
    const controller = new AbortController();
    const arrived = (text: string) =>
      new Promise<void>((resolve) => {
        const check = (line: LogLine) => {
          if (line.text === text) {
            emitter.off('line', check);
            resolve();
          }
        };
        emitter.on('line', check);
      });
    const firstSeen = arrived('count two');
    const running = tailLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wc', pattern: /count/, follow: true, ssh: ssh(), emitter, signal: controller.signal });
    await firstSeen;
    const appended = arrived('appended later');
    await appendFile(join(logDir, 'stp_wc_count_3_101.log'), 'appended later\n');
    await appended;
    controller.abort();
    const outcomes = await running;
    expect(outcomes[0]?.ok).toBe(true);
    expect(lines.at(-1)).toEqual({ host: 'worker-a', file: 'stp_wc_count_3_101.log', text: 'appended later' });
    // The remote tail exits once our stdin closes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps.split('\n').filter((line) => line.startsWith('tail') && line.includes('stp_wc_count_3_101.log'))).toEqual([]);
  });

  it('while following, picks up files that appear later (a restarted worker) from their first line', async () => {
    const { emitter, lines } = collect();
    const added: string[] = [];
    emitter.on('host:file-added', (host, file) => added.push(`${host} ${file.name}`));
    const controller = new AbortController();
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = (line: LogLine) => {
          if (line.text === text) resolve();
        };
        emitter.on('line', check);
      });
    const first = seen('split after blank');
    const running = tailLogs({ hosts: ['worker-b'], logPath: logDir, topology: 'wc', pattern: /split/, follow: true, rescanMs: 100, ssh: ssh(), emitter, signal: controller.signal });
    await first;
    const restarted = seen('second line of the new worker');
    await writeFile(join(logDir, 'stp_wc_split_sentence_1_999.log'), 'first line of the new worker\nsecond line of the new worker\n');
    await restarted;
    controller.abort();
    const [outcome] = await running;
    expect(outcome?.ok && outcome.value.files.map((file) => file.name)).toEqual(['stp_wc_split_sentence_1_102.log', 'stp_wc_split_sentence_1_999.log']);
    expect(added).toEqual(['worker-b stp_wc_split_sentence_1_999.log']);
    expect(lines.filter((line) => line.file === 'stp_wc_split_sentence_1_999.log').map((line) => line.text)).toEqual([
      'first line of the new worker',
      'second line of the new worker',
    ]);
  });

  it('keeps following through many restarts (more tails than one SSH connection may hold)', async () => {
    const { emitter, lines } = collect();
    const controller = new AbortController();
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        emitter.on('line', (line) => {
          if (line.text === text) resolve();
        });
      });
    // A server allowing 4 sessions per connection: 12 restarts need several connections.
    const strict = await startSshd({ extraConfig: ['MaxSessions 4'] });
    extraServers.push(strict);
    const config = join(scratch, 'strict_ssh_config');
    await writeFile(config, `Host strict\n  HostName 127.0.0.1\n  Port ${strict.port}\n  User ${strict.user}\n  IdentityFile ${strict.privateKeyPath}\n  UserKnownHostsFile ${strict.knownHostsPath}\n`);
    const first = seen('count two');
    const running = tailLogs({ hosts: ['strict'], logPath: logDir, topology: 'wc', pattern: /count/, follow: true, rescanMs: 50, ssh: { ...ssh(), sshConfigPath: config }, emitter, signal: controller.signal });
    try {
    await first;
      for (let restart = 1; restart <= 12; restart++) {
        const arrived = seen(`restart ${restart}`);
        await writeFile(join(logDir, `stp_wc_count_3_${1000 + restart}.log`), `restart ${restart}\n`);
        await arrived;
      }
    } finally {
      controller.abort();
    }
    const [outcome] = await running;
    expect(outcome?.ok).toBe(true);
    expect(lines.filter((line) => line.text.startsWith('restart '))).toHaveLength(12);
  });

  it('names a dead host and still shows the others', async () => {
    const { emitter, lines } = collect();
    const failed: string[] = [];
    emitter.on('host:failed', (host) => failed.push(host));
    const outcomes = await tailLogs({ hosts: ['dead-host', 'worker-b'], logPath: logDir, topology: 'wc', ssh: ssh(), emitter });
    expect(outcomes[0]).toMatchObject({ host: 'dead-host', ok: false });
    expect(outcomes[0]?.ok === false && outcomes[0].error.message).toContain('dead-host');
    expect(outcomes[1]?.ok).toBe(true);
    expect(failed).toEqual(['dead-host']);
    expect(lines.some((line) => line.host === 'worker-b')).toBe(true);
  });

  it('says when log.path does not exist on a host', async () => {
    const outcomes = await tailLogs({ hosts: ['worker-a'], logPath: join(scratch, 'missing'), ssh: ssh() });
    expect(outcomes[0]?.ok === false && outcomes[0].error.message).toMatch(/log.path .*missing on worker-a does not exist/);
  });
});

describe('removeLogs', () => {
  beforeEach(freshLogs);

  it('removes only the topology files older than the cut-off, and reports them per host', async () => {
    const now = Date.now();
    const old = new Date(now - 3 * 86_400_000);
    await utimes(join(logDir, 'stp_wc_count_3_101.log.1'), old, old);
    await utimes(join(logDir, 'stp_wc_split_sentence_1_102.log'), old, old);
    await utimes(join(logDir, 'stp_other_count_1_103.log'), old, old);
    const [outcome] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wc', olderThanDays: 2, ssh: ssh(), now });
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.value.removed.map((file) => file.name).sort()).toEqual(['stp_wc_count_3_101.log.1', 'stp_wc_split_sentence_1_102.log']);
    expect(outcome.value.kept).toBe(2);
    expect(outcome.value.bytes).toBe('rotated\n'.length + 'split one\n\nsplit after blank\n'.length);
    expect((await readdir(logDir)).sort()).toEqual(['stp_other_count_1_103.log', 'stp_wc_count_3_101.log', NASTY_FILE, 'unrelated.log'].sort());
  });

  it('without --older-than removes all of the topology files, nasty names included, and nothing else', async () => {
    const outcomes = await removeLogs({ hosts: ['worker-a', 'dead-host'], logPath: logDir, topology: 'wc', ssh: ssh() });
    expect(outcomes[0]?.ok && outcomes[0].value.removed).toHaveLength(4);
    expect(outcomes[1]).toMatchObject({ host: 'dead-host', ok: false });
    expect((await readdir(logDir)).sort()).toEqual(['stp_other_count_1_103.log', 'unrelated.log']);
    expect(await readFile(join(logDir, 'unrelated.log'), 'utf8')).toBe('not ours\n');
  });

  it('dry run deletes nothing', async () => {
    const [outcome] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wc', dryRun: true, ssh: ssh() });
    expect(outcome?.ok && outcome.value.removed).toHaveLength(4);
    expect(await readdir(logDir)).toHaveLength(6);
  });

  it('refuses bad input before connecting', async () => {
    await expect(removeLogs({ hosts: ['x'], logPath: logDir, topology: 'wc;rm', ssh: ssh() })).rejects.toThrow(/invalid topology name "wc;rm"/);
    await expect(removeLogs({ hosts: ['x'], logPath: logDir, olderThanDays: -1, ssh: ssh() })).rejects.toThrow(/--older-than must be/);
    await mkdir(join(scratch, 'unused'), { recursive: true });
  });
});
