// One config checker for every command: `stp run` refuses what `stp submit` refuses, with the same line, for
// config.json (unknown keys, wrong types, [], a topology_spec typo) and for -o (wrong types, topology.* keys Storm
// does not know). The real CLI on a copy of the word count project.
import { fileURLToPath } from 'node:url';
import { checkStormConf, resolveConf } from '../../lib/config/index.js';
import { runTree } from '../helpers/process-tree.js';
import { copyWordcount, type TempProject } from '../helpers/temp-project.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
let project: TempProject;

beforeAll(() => {
  project = copyWordcount();
});
afterAll(() => project?.remove());

async function stp(...args: string[]) {
  const result = await runTree(process.execPath, [bin, ...args], { cwd: project.dir, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeoutMs: 60_000 });
  return { status: result.status, stderr: result.stderr, timedOut: result.timedOut };
}

/** `stp run` (by name and by path) and `stp submit --dry-run`, side by side. */
async function runAndSubmit(...args: string[]) {
  return Promise.all([stp('run', 'wordcount', '-t', '1', ...args), stp('run', 'topologies/wordcount.ts', '-t', '1', ...args), stp('submit', 'wordcount', '--dry-run', ...args)]);
}

describe('config.json: stp run checks it as submit does', () => {
  const env = { envs: { prod: { nimbus: '127.0.0.1:6627' } } };
  const cases: [string, unknown, string][] = [
    ['a topology_spec typo', { ...env, topology_spec: 'flows/' }, 'unknown key "topology_spec"; allowed here: topology_specs, extra_jars, hooks, envs'],
    ['an unknown key in an env', { envs: { prod: { nimbus: 'n', wrokers: [] } } }, 'unknown key "envs.prod.wrokers"; allowed here: user, nimbus'],
    ['a wrong type', { envs: { prod: { nimbus: 6627 } } }, '"envs.prod.nimbus" is number 6627; expected a value of type string'],
    ['[]', [], '"(top level)" is an array []; expected a value of type object'],
  ];
  it.each(cases)('%s', async (_name, config, problem) => {
    project.writeConfig(config);
    const results = await runAndSubmit();
    for (const result of results) {
      expect(result.status).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`stp: ${project.dir}/config.json: ${problem}`);
    }
  });
});

describe('-o: stp run checks it as submit does', () => {
  beforeAll(() => project.writeConfig({ envs: { prod: { nimbus: '127.0.0.1:6627' } } }));
  const cases: [string, string][] = [
    ['topology.debug=yes', 'stp: conf "topology.debug" is "yes" (from -o topology.debug="yes"); Storm needs a boolean'],
    ['topology.workers=abc', 'stp: conf "topology.workers" is "abc" (from -o topology.workers="abc"); Storm needs a positive integer'],
    [
      'topology.debgu=true',
      'stp: conf "topology.debgu" (from -o topology.debgu=true) is not a Storm setting; did you mean "topology.debug"? (a setting of your own needs a prefix of your own, e.g. "myapp.debgu")',
    ],
  ];
  it.each(cases)('-o %s', async (option, line) => {
    const results = await runAndSubmit('-o', option);
    for (const result of results) expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 2, stderr: `${line}\n` });
  });

  it('keeps settings of the user\'s own (outside topology.*), which components read from their conf', async () => {
    const [byName, , dryRun] = await runAndSubmit('-o', 'wordcount.max_words=5');
    expect(byName).toMatchObject({ status: 0, stderr: '' });
    expect(dryRun).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('checkStormConf', () => {
  it('names a topology.* key Storm does not know, with the nearest one when it is near', () => {
    const resolved = resolveConf({ topology: { 'topology.max.spout.pendng': 10, 'topology.zzz': 1, 'topology.tick.tuple.freq.secs': 5 } });
    expect(checkStormConf(resolved.entries)).toEqual([
      'conf "topology.max.spout.pendng" (from topology conf) is not a Storm setting; did you mean "topology.max.spout.pending"? (a setting of your own needs a prefix of your own, e.g. "myapp.max.spout.pendng")',
      'conf "topology.zzz" (from topology conf) is not a Storm setting (a setting of your own needs a prefix of your own, e.g. "myapp.zzz")',
    ]);
  });
});
