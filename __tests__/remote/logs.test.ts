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
  await writeFile(join(logDir, 'stp.wc.count.3.101.log'), 'count one\ncount two\n');
  await writeFile(join(logDir, 'stp.wc.count.3.101.log.1'), 'rotated\n');
  await writeFile(join(logDir, 'stp.wc.split_sentence.1.102.log'), 'split one\n\nsplit after blank\n');
  await writeFile(join(logDir, 'stp.other.count.1.103.log'), 'other topology\n');
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
    expect(parseLogFileName('stp.wc.split_sentence.4.99.log', { topology: 'wc' })).toEqual({ name: 'stp.wc.split_sentence.4.99.log', component: 'split_sentence', task: 4, pid: 99, rotated: false });
    expect(parseLogFileName('stp.wc.count.1.2.log.3', { topology: 'wc' })).toMatchObject({ component: 'count', rotated: true });
    expect(parseLogFileName('stp.wc.a%2Eb.1.2.log', { topology: 'wc' })).toMatchObject({ component: 'a.b' });
    expect(parseLogFileName('stp.other.count.1.2.log', { topology: 'wc' })).toBeUndefined();
    expect(parseLogFileName('stp.wc_x.count.1.2.log', { topology: 'wc' })).toBeUndefined();
    expect(parseLogFileName('stp.wc.count.log')).toBeUndefined();
  });

  it('reads old-style names only where the owner is certain', () => {
    // One "_" between the names: nothing else could have written it.
    expect(parseLogFileName('stp_wc_count_1_2.log.3', { topology: 'wc' })).toMatchObject({ component: 'count', rotated: true });
    // wordcount's x_count or wordcount_x's count: only the component ids can tell.
    expect(parseLogFileName('stp_wordcount_x_count_1_1.log', { topology: 'wordcount' })).toBeUndefined();
    expect(parseLogFileName('stp_wordcount_x_count_1_1.log', { topology: 'wordcount', componentIds: ['words', 'count'] })).toBeUndefined();
    expect(parseLogFileName('stp_wordcount_x_count_1_1.log', { topology: 'wordcount', componentIds: ['x_count'] })).toMatchObject({ component: 'x_count' });
    expect(parseLogFileName('stp_wordcount_x_count_1_1.log', { topology: 'wordcount_x', componentIds: ['count'] })).toMatchObject({ component: 'count' });
    expect(parseLogFileName('stp_wordcount_x_count_1_1.log', { topology: 'word' })).toBeUndefined();
    expect(parseLogFileName('stp_wc_split_sentence_4_99.log', { topology: 'wc', componentIds: ['split_sentence'] })).toMatchObject({ component: 'split_sentence' });
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
          'stp.wc.count.3.101.log: count one',
          'stp.wc.count.3.101.log: count two',
          'stp.wc.split_sentence.1.102.log: split one',
          'stp.wc.split_sentence.1.102.log: ',
          'stp.wc.split_sentence.1.102.log: split after blank',
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
    await appendFile(join(logDir, 'stp.wc.count.3.101.log'), 'appended later\n');
    await appended;
    controller.abort();
    const outcomes = await running;
    expect(outcomes[0]?.ok).toBe(true);
    expect(lines.at(-1)).toEqual({ host: 'worker-a', file: 'stp.wc.count.3.101.log', text: 'appended later' });
    // The remote tail exits once our stdin closes.
    const tails = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.startsWith('tail') && line.includes('stp.wc.count.3.101.log'));
    for (const end = Date.now() + 10000; tails().length > 0 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tails()).toEqual([]);
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
    await writeFile(join(logDir, 'stp.wc.split_sentence.1.999.log'), 'first line of the new worker\nsecond line of the new worker\n');
    await restarted;
    controller.abort();
    const [outcome] = await running;
    expect(outcome?.ok && outcome.value.files.map((file) => file.name)).toEqual(['stp.wc.split_sentence.1.102.log', 'stp.wc.split_sentence.1.999.log']);
    expect(added).toEqual(['worker-b stp.wc.split_sentence.1.999.log']);
    expect(lines.filter((line) => line.file === 'stp.wc.split_sentence.1.999.log').map((line) => line.text)).toEqual([
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
        await writeFile(join(logDir, `stp.wc.count.3.${1000 + restart}.log`), `restart ${restart}\n`);
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
    await utimes(join(logDir, 'stp.wc.count.3.101.log.1'), old, old);
    await utimes(join(logDir, 'stp.wc.split_sentence.1.102.log'), old, old);
    await utimes(join(logDir, 'stp.other.count.1.103.log'), old, old);
    const [outcome] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wc', olderThanDays: 2, ssh: ssh(), now });
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.value.removed.map((file) => file.name).sort()).toEqual(['stp.wc.count.3.101.log.1', 'stp.wc.split_sentence.1.102.log']);
    expect(outcome.value.kept).toBe(2);
    expect(outcome.value.bytes).toBe('rotated\n'.length + 'split one\n\nsplit after blank\n'.length);
    expect((await readdir(logDir)).sort()).toEqual(['stp.other.count.1.103.log', 'stp.wc.count.3.101.log', NASTY_FILE, 'unrelated.log'].sort());
  });

  it('without --older-than removes all of the topology files, nasty names included, and nothing else', async () => {
    const outcomes = await removeLogs({ hosts: ['worker-a', 'dead-host'], logPath: logDir, topology: 'wc', ssh: ssh() });
    expect(outcomes[0]?.ok && outcomes[0].value.removed).toHaveLength(4);
    expect(outcomes[1]).toMatchObject({ host: 'dead-host', ok: false });
    expect((await readdir(logDir)).sort()).toEqual(['stp.other.count.1.103.log', 'unrelated.log']);
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

describe('topologies whose names share a prefix (wordcount, wordcount_x, word)', () => {
  const LINE_BREAK_FILE = 'stp.wordcount.count.1.8.log\nstp.wordcount.count.1.9.log';
  beforeEach(async () => {
    logDir = await mkdtemp(join(scratch, 'shared-prefix-'));
    const files: Record<string, string> = {
      'stp.wordcount.count.1.1.log': 'wordcount count\n',
      'stp.wordcount.x_count.2.4.log': 'wordcount x_count\n',
      'stp.wordcount_x.count.1.2.log': 'wordcount_x count\n',
      'stp.word.count.1.3.log': 'word count\n',
      // Old-style names: the first two are certain, the third could be wordcount's x_count or wordcount_x's count.
      'stp_wordcount_split_1_5.log': 'old wordcount split\n',
      'stp_word_count_1_7.log': 'old word count\n',
      'stp_wordcount_x_count_1_6.log': 'old wordcount_x count\n',
      [LINE_BREAK_FILE]: 'line break\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(logDir, name), text);
  });

  const tailOf = async (topology: string, componentIds?: string[]) => {
    const { emitter, lines } = collect();
    const skipped: string[] = [];
    emitter.on('host:skipped', (host, files) => skipped.push(...files.map((file) => `${host} ${file.name}: ${file.reason}`)));
    const outcomes = await tailLogs({ hosts: ['worker-a'], logPath: logDir, topology, ...(componentIds ? { componentIds } : {}), ssh: ssh(), emitter });
    expect(outcomes[0]?.ok).toBe(true);
    return { texts: lines.map((line) => line.text).sort(), skipped: skipped.sort() };
  };

  it('tail shows each topology only its own files, and says which old-style or odd names it left out', async () => {
    const wordcount = await tailOf('wordcount');
    expect(wordcount.texts).toEqual(['old wordcount split', 'wordcount count', 'wordcount x_count']);
    expect(wordcount.skipped).toEqual([
      expect.stringMatching(/^worker-a stp\.wordcount\.count\.1\.8\.log\nstp\.wordcount\.count\.1\.9\.log: its name holds a line break, which stp never writes/),
      expect.stringMatching(/^worker-a stp_wordcount_x_count_1_6\.log: old-style name: it may be topology "wordcount_x"'s \(component "count"\); run stp in the project/),
    ]);
    // With the component ids at hand, the old-style file is plainly not wordcount's: no word about it.
    const withIds = await tailOf('wordcount', ['count', 'split']);
    expect(withIds.texts).toEqual(['old wordcount split', 'wordcount count', 'wordcount x_count']);
    expect(withIds.skipped).toEqual([expect.stringContaining('line break')]);
    expect((await tailOf('wordcount_x', ['count'])).texts).toEqual(['old wordcount_x count', 'wordcount_x count']);
    expect((await tailOf('word')).texts).toEqual(['old word count', 'word count']);
  });

  it('remove-logs removes only the named topology files, and reports what it left alone', async () => {
    const [wordcount] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wordcount', ssh: ssh() });
    expect(wordcount?.ok).toBe(true);
    if (!wordcount?.ok) return;
    expect(wordcount.value.removed.map((file) => file.name).sort()).toEqual(['stp.wordcount.count.1.1.log', 'stp.wordcount.x_count.2.4.log', 'stp_wordcount_split_1_5.log']);
    expect(wordcount.value.skipped.map((file) => file.name).sort()).toEqual([LINE_BREAK_FILE, 'stp_wordcount_x_count_1_6.log']);
    expect((await readdir(logDir)).sort()).toEqual(
      [LINE_BREAK_FILE, 'stp.word.count.1.3.log', 'stp.wordcount_x.count.1.2.log', 'stp_word_count_1_7.log', 'stp_wordcount_x_count_1_6.log'].sort(),
    );

    const [word] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'word', ssh: ssh() });
    expect(word?.ok && word.value.removed.map((file) => file.name).sort()).toEqual(['stp.word.count.1.3.log', 'stp_word_count_1_7.log']);
    const [wordcountX] = await removeLogs({ hosts: ['worker-a'], logPath: logDir, topology: 'wordcount_x', componentIds: ['count'], ssh: ssh() });
    expect(wordcountX?.ok && wordcountX.value.removed.map((file) => file.name).sort()).toEqual(['stp.wordcount_x.count.1.2.log', 'stp_wordcount_x_count_1_6.log']);
    expect(await readdir(logDir)).toEqual([LINE_BREAK_FILE]);
  });
});
