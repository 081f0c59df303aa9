// The cluster commands end to end: the real CLI (bin/stp.js) on a small project, against a Thrift server playing
// Nimbus in this process. Off a TTY (CI=1), so the deploy view prints plain lines.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { writeJar } from '../../lib/bundle/jar.js';
import { serializerClassFiles } from '../../lib/bundle/multilang-serializer.js';
import { storm } from '../../lib/nimbus/generated.js';
import { runTree, startTree } from '../helpers/process-tree.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../bin/stp.js');
const project = path.join(here, 'fixtures/project');
const repo = path.resolve(here, '../..');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the fake Nimbus answers from this very process.
function stp(...args: string[]): Promise<Result> {
  return stpIn(project, ...args);
}

async function stpIn(cwd: string, ...args: string[]): Promise<Result> {
  const result = await runTree(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeoutMs: 60_000 });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

let nimbus: FakeNimbus;

beforeAll(async () => {
  nimbus = await FakeNimbus.start();
  writeFileSync(
    path.join(project, 'config.json'),
    JSON.stringify({ envs: { test: { nimbus: `127.0.0.1:${nimbus.port}`, ui: 'storm-ui.test:8080', options: { 'topology.message.timeout.secs': 45 } } } }),
  );
});

afterAll(async () => {
  await nimbus.close();
  rmSync(path.join(project, 'config.json'), { force: true });
  rmSync(path.join(project, '_build'), { recursive: true, force: true });
});

describe('stp submit / list / kill / rebalance / activate / deactivate', () => {
  it('--dry-run shows the conf with its origins and the topology, and asks Nimbus only for its slots', async () => {
    const result = await stp('submit', 'wc', '--dry-run', '-w', '3', '-o', 'topology.debug=true');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Topology "wc" for env "test" (Nimbus 127.0.0.1:${nimbus.port})`);
    expect(result.stdout).toMatch(/topology\.workers\s+3\s+cli: -w 3 {2}\(over topology 2\)/);
    expect(result.stdout).toMatch(/topology\.message\.timeout\.secs\s+45\s+env: envs\.test\.options/);
    expect(result.stdout).toMatch(/topology\.debug\s+true\s+cli: -o topology\.debug=true/);
    expect(result.stdout).toMatch(/split\s+bolt\s+python3 splitter\.py\s+1\s+1\s+lines shuffle/);
    expect(result.stdout).toMatch(/tally\s+bolt\s+node tally\.js\s+2\s+2\s+split fields\(word\)/);
    // Each component's own conf, and the serializer stp ships, with where they come from.
    expect(result.stdout).toMatch(/Component conf \(over the topology conf, for that component only\):\n +component +key +value\n[ -]+\n +tally +topology\.tick\.tuple\.freq\.secs +5\n/);
    expect(result.stdout).toMatch(/topology\.multilang\.serializer\s+stormts\.multilang\.StpJsonSerializer\s+stp: stp's multilang serializer, in the jar/);
    // The task count, and the cluster's slots (the fake has no supervisors): read-only calls, nothing submitted.
    expect(result.stdout).toContain('Tasks: lines 1, split 1, tally 2; 4 in all, 4 of them component processes on the workers\n');
    expect(result.stdout).toContain('Cluster (getClusterInfo): 0 supervisors, 0 worker slots, 0 used, 0 free\n');
    expect(result.stdout).toContain('Warning: the topology asks for 3 workers (topology.workers) but the cluster has 0 free slots');
    expect(nimbus.calls).toEqual(['getLeader', 'getClusterInfo']);
    // `stp deploy` is the same command.
    const deployed = await stp('deploy', 'wc', '--dry-run', '-w', '3', '-o', 'topology.debug=true');
    expect(deployed.stdout).toBe(result.stdout);
  });

  it('--dry-run warns when the tasks are far beyond the slots: with the cluster\'s slots, and without a cluster', async () => {
    nimbus.supervisors = [
      { host: 'storm1', slots: 4, usedSlots: 1, uptimeSecs: 60 },
      { host: 'storm2', slots: 4, usedSlots: 3, uptimeSecs: 60 },
    ];
    try {
      const fits = await stp('submit', 'wc', '--dry-run');
      expect(fits.code).toBe(0);
      expect(fits.stdout).toContain('Cluster (getClusterInfo): 2 supervisors, 8 worker slots, 4 used, 4 free\n');
      expect(fits.stdout).not.toContain('Warning:');
      const crowd = await stp('submit', 'crowd', '--dry-run');
      expect(crowd.stderr).toBe('');
      expect(crowd.code).toBe(0);
      expect(crowd.stdout).toMatch(/tally\s+bolt\s+node tally\.js\s+10000\s+10000\s+split fields\(word\)/);
      expect(crowd.stdout).toContain('Tasks: lines 1, split 1, tally 10000; 10002 in all, 10002 of them component processes on the workers\n');
      expect(crowd.stdout).toContain(
        'Warning: 10002 component processes on 2 workers is about 5001 per worker, far beyond 32 (each a process of about 48 MB: about 234.4 GB beside each worker\'s JVM); lower the parallelism (p, tasks) or raise topology.workers (-w)\n',
      );
      // -w 20 asks for more workers than there are free slots: both are said.
      const wide = await stp('submit', 'crowd', '--dry-run', '-w', '20');
      expect(wide.stdout).toContain('Warning: the topology asks for 20 workers (topology.workers) but the cluster has 4 free slots');
      expect(wide.stdout).toContain('Warning: 10002 component processes on 4 workers is about 2501 per worker');
    } finally {
      nimbus.supervisors = [];
    }
    // No cluster there: compared with topology.workers, and it says so.
    const config = readFileSync(path.join(project, 'config.json'), 'utf8');
    try {
      writeFileSync(path.join(project, 'config.json'), JSON.stringify({ envs: { test: { nimbus: '127.0.0.1:1' } } }));
      const alone = await stp('submit', 'crowd', '--dry-run');
      expect(alone.stderr).toBe('');
      expect(alone.code).toBe(0);
      expect(alone.stdout).toMatch(/\nCluster: not asked \(Nimbus did not answer: [^\n]*127\.0\.0\.1:1[^\n]*\); compared with topology\.workers \(2\) only\n/);
      expect(alone.stdout).toContain('Warning: 10002 component processes on 2 workers is about 5001 per worker, far beyond 32');
    } finally {
      writeFileSync(path.join(project, 'config.json'), config);
    }
  });

  it('-n chooses the topology as streamparse does (as the argument), -N renames it; two names for one topology are refused', async () => {
    const chosen = await stp('submit', '-n', 'wc', '-N', 'wc-canary', '--dry-run');
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toContain(`Topology "wc-canary" for env "test" (Nimbus 127.0.0.1:${nimbus.port})`);
    expect(chosen.stdout).toContain(`Jar: ${path.join(project, '_build', 'wc-canary-0.0.0.jar')}`);
    const twice = await stp('submit', 'wc', '-n', 'other', '--dry-run');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('stp: the topology is named twice: "wc" as the argument and "other" with -n; give one of them\n');
    const badRename = await stp('submit', 'wc', '-N', 'w.c', '--dry-run');
    expect(badRename.code).toBe(2);
    expect(badRename.stderr).toContain('topology name "w.c" is not allowed by Nimbus');
    const noName = await stp('kill');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toBe('stp: stp kill needs the topology\'s name: stp kill NAME (or -n NAME)\n');
    // The dry runs asked Nimbus for its slots, nothing else.
    expect(nimbus.calls.filter((call) => call !== 'getLeader' && call !== 'getClusterInfo')).toEqual([]);
  });

  it('submit builds the jar, uploads it and submits, printing each step', async () => {
    const result = await stp('submit', 'wc', '-p', '3');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/ \(.*$/, ''))).toEqual([
      '✓ Validate topology',
      '✓ Bundle components',
      '✓ Build jar',
      '✓ Connect to Nimbus',
      '- Kill the old topology: no "wc" running',
      '✓ Upload jar',
      '✓ Submit topology',
      expect.stringMatching(/^Submitted "wc" as wc-\d+-1700000000$/),
      expect.stringMatching(/^Storm UI, if one runs there: http:\/\/storm-ui\.test:8080\/topology\.html\?id=wc-/),
    ]);
    const running = nimbus.topologies.get('wc')!;
    expect(running.conf).toMatchObject({ 'topology.workers': 3, 'topology.acker.executors': 3, 'topology.message.timeout.secs': 45, 'topology.name': 'wc' });
    expect(running.jarEntries).toEqual(expect.arrayContaining(['resources/lines.js', 'resources/tally.js', 'resources/tally.js.map', 'resources/splitter.py']));
    const jar = path.join(project, '_build', 'wc-0.1.0.jar');
    expect(existsSync(jar) || existsSync(path.join(project, '_build'))).toBe(true);
  });

  it('jar and submit work on the project a topology file belongs to, from any directory', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'stp-elsewhere-'));
    try {
      const file = path.join(project, 'topologies', 'wc.ts');
      const dry = await stpIn(elsewhere, 'submit', file, '--dry-run');
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`Topology "wc" for env "test" (Nimbus 127.0.0.1:${nimbus.port})`);
      expect(dry.stdout).toContain(`Jar: ${path.join(project, '_build', 'wc-0.0.0.jar')}`);

      const submitted = await stpIn(elsewhere, 'submit', path.relative(elsewhere, file), '-N', 'from-elsewhere');
      expect(submitted.stderr).toBe('');
      expect(submitted.code).toBe(0);
      expect(nimbus.topologies.get('from-elsewhere')?.jarEntries).toEqual(expect.arrayContaining(['resources/lines.js', 'resources/splitter.py']));
      nimbus.topologies.delete('from-elsewhere'); // the tests below expect only "wc"

      // The case from the issue: an example's shell script is found from the repository root.
      const out = path.join(elsewhere, 'polyglot.jar');
      const jar = await stpIn(repo, 'jar', 'examples/polyglot/topologies/polyglot.ts', '--output', out);
      expect(jar.stderr).toBe('');
      expect(jar.code).toBe(0);
      const names = (await readZipEntries(out)).map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(['resources/split.py', 'resources/sentences.js', 'resources/count.js']));
      // And a project without config.json is named as the one stp looked at.
      const noConfig = await stpIn(repo, 'submit', 'examples/polyglot/topologies/polyglot.ts', '--dry-run');
      expect(noConfig.code).toBe(2);
      expect(noConfig.stderr).toContain(`no config.json in ${path.join(repo, 'examples', 'polyglot')}`);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("names the env's own settings in hints (envs.test.user), not a placeholder", async () => {
    nimbus.answer('getClusterInfo', { kind: 'throw', error: new storm.AuthorizationException({ msg: 'user bob is not authorized' }) });
    const result = await stp('list');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not allow getClusterInfo for this user: user bob is not authorized; ask the cluster's admins for the permission, or check envs\.test\.user\n$/);
  });

  it('without -f, refuses to replace the running topology and exits non-zero', async () => {
    const result = await stp('submit', 'wc');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/✗ Kill the old topology \(.*\): a topology named "wc" is already running .*submit with -f to replace it/);
  });

  it('list shows the running topologies', async () => {
    const result = await stp('list');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+STATUS\s+WORKERS\s+EXECUTORS\s+TASKS\s+UPTIME\s+ID\n/);
    expect(result.stdout).toMatch(/\nwc\s+ACTIVE\s+3\s+4\s+4\s+42s\s+wc-\d+-1700000000\n/);
    const json = await stp('list', '--json');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'wc', status: 'ACTIVE', workers: 3 })]);
  });

  it('deactivate, activate and rebalance', async () => {
    expect((await stp('deactivate', '-n', 'wc')).stdout).toBe('✓ Deactivated "wc".\n');
    expect(nimbus.topologies.get('wc')?.status).toBe('INACTIVE');
    expect((await stp('activate', 'wc')).stdout).toBe('✓ Activated "wc".\n');
    expect(nimbus.topologies.get('wc')?.status).toBe('ACTIVE');
    // tally has 2 tasks (p: 2): Nimbus's executor task ranges say so, and more executors than tasks is refused.
    const tooMany = await stp('rebalance', 'wc', '-x', 'tally=5');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe(
      'stp: component "tally" of "wc" has 2 tasks, so at most 2 executors, not 5 (Storm would silently keep 2); ' +
        'to go higher, give it more tasks in the topology (e.g. { tasks: 5 }) and submit again\n',
    );
    expect(nimbus.calls).not.toContain('rebalance');
    const rebalanced = await stp('rebalance', '-n', 'wc', '-w', '4', '-x', 'tally=1', '--wait', '0');
    expect(rebalanced.stderr).toBe('');
    expect(rebalanced.stdout).toBe('✓ Rebalancing "wc" to 4 workers, tally: 1 executor (2 tasks).\n');
    expect(nimbus.topologies.get('wc')).toMatchObject({ workers: 4, executors: { tally: 1 } });
    expect((await stp('rebalance', 'wc', '-w', '1')).stdout).toBe('✓ Rebalancing "wc" to 1 worker.\n');
    const bad = await stp('rebalance', 'wc', '-x', 'tally');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('stp: -x "tally" is not component=N; write e.g. -x count=4\n');
    const unknown = await stp('rebalance', 'wc', '--executor', 'ghost=2');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('stp: "wc" has no component "ghost"; its components are: lines, split, tally\n');
  });

  it('submit -f replaces the running topology; --inactive submits it deactivated', async () => {
    const before = nimbus.topologies.get('wc')!.id;
    const result = await stp('submit', 'wc', '-f', '--wait', '0', '--inactive');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ Kill the old topology \(.*\): killed the running "wc"/);
    expect(result.stdout).toMatch(/Submitted "wc" as .* \(inactive: "stp activate wc" starts it\)/);
    expect(nimbus.topologies.get('wc')?.id).not.toBe(before);
    expect(nimbus.topologies.get('wc')?.status).toBe('INACTIVE');
  });

  it('kill waits until the topology is gone; killing it again explains', async () => {
    const result = await stp('kill', 'wc', '--wait', '0');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Killing "wc" (Storm waits 0 s first)...\n✓ Killed "wc".\n');
    expect(nimbus.topologies.has('wc')).toBe(false);
    const again = await stp('kill', 'wc');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^stp: no topology named "wc" is running on Nimbus .*"stp list" shows the running topologies\n$/);
  });

  it('jar writes the reproducible jar stp submit uploads', async () => {
    const out = path.join(project, '_build', 'again.jar');
    const result = await stp('jar', 'wc', '--output', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ _build\/again\.jar \(.* entries\) in /);
    const names = (await readZipEntries(out)).map((e) => e.name);
    expect(names[1]).toBe('META-INF/MANIFEST.MF');
    expect(names).toEqual(expect.arrayContaining(['resources/lines.js', 'resources/splitter.py']));
  });

  it('--timeout bounds every Nimbus call', async () => {
    nimbus.answer('getClusterInfo', { kind: 'stall' });
    const result = await stp('list', '--timeout', '1');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^stp: Nimbus at 127\.0\.0\.1:\d+ did not answer getClusterInfo within 1 s; check that Nimbus is healthy, then try again\n$/);
  });

  it('reports config and flag mistakes as usage errors', async () => {
    const badFlag = await stp('submit', 'wc', '-w', 'many', '--dry-run');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe('stp: -w "many" is not a whole number >= 1; write e.g. -w 2\n');
    const badEnv = await stp('list', '-e', 'prod');
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toBe('stp: no env "prod" in config.json; the envs are: test\n');
  });

  it('Ctrl-C during the upload exits 130 and submits nothing', async () => {
    const big = path.join(project, '_build', 'big.jar');
    await writeJar(big, {
      resources: new Map([['lines.js', randomBytes(3_000_000)], ['tally.js', Buffer.from('x')], ['splitter.py', Buffer.from('x')]]),
      classes: serializerClassFiles(),
    });
    nimbus.chunkDelayMs = 150;
    const callsBefore = nimbus.calls.length;
    try {
      const child = startTree(process.execPath, [bin, 'submit', 'wc', '-N', 'interrupted', '--jar', big], { cwd: project, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Kill the old topology')) setTimeout(() => child.kill('SIGINT'), 300);
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(130);
      expect(stderr).toMatch(/✗ Upload jar \(.*\): upload cancelled; nothing was submitted/);
      const calls = nimbus.calls.slice(callsBefore);
      expect(calls).toContain('uploadChunk');
      expect(calls).not.toContain('finishFileUpload');
      expect(calls).not.toContain('submitTopologyWithOpts');
      expect(nimbus.topologies.has('interrupted')).toBe(false);
    } finally {
      nimbus.chunkDelayMs = 0;
    }
  });

  it('--json prints one record per line, ending with the result', async () => {
    const result = await stp('submit', 'wc', '-N', 'as-json', '--json');
    expect(result.code).toBe(0);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; step?: string; status?: string });
    expect(records[0]).toEqual({ type: 'plan', steps: ['validate', 'bundle', 'jar', 'connect', 'kill', 'upload', 'submit'] });
    expect(records.filter((r) => r.type === 'step').map((r) => `${r.step}:${r.status}`)).toEqual([
      'validate:done', 'bundle:done', 'jar:done', 'connect:done', 'kill:skipped', 'upload:done', 'submit:done',
    ]);
    expect(records.some((r) => r.type === 'upload')).toBe(true);
    expect(records.at(-1)).toMatchObject({ type: 'submitted', name: 'as-json', topologyId: nimbus.topologies.get('as-json')!.id, inactive: false });
  });
});
