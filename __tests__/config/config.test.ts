import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  checkStormConf,
  loadConfig,
  parseConfig,
  parseOptionAssignments,
  resolveConf,
  resolveEnv,
} from '../../lib/config/index.js';

const minimal = { envs: { prod: { nimbus: 'nimbus.example.com' } } };

function problemsOf(json: unknown): string[] {
  try {
    parseConfig(json);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills defaults', () => {
    const config = parseConfig(minimal);
    expect(config.topology_specs).toBe('topologies/');
    expect(config.extra_jars).toEqual([]);
    const env = config.envs['prod']!;
    expect(env).toMatchObject({ workers: [], use_ssh_for_nimbus: false, node_executable: 'node', use_node_modules: false, options: {} });
  });

  it('reports unknown keys with their path and the allowed keys', () => {
    const problems = problemsOf({ envs: { prod: { nimbus: 'n', wrokers: [] } }, topologies: 'x' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown key "topologies"; allowed here: topology_specs, extra_jars, hooks, envs/),
        expect.stringMatching(/unknown key "envs\.prod\.wrokers"; allowed here: user, nimbus, workers/),
      ]),
    );
  });

  it('names the Node analog of a streamparse virtualenv key', () => {
    expect(problemsOf({ envs: { prod: { nimbus: 'n', virtualenv_root: '/data' } } })).toEqual([
      'config.json: unknown key "envs.prod.virtualenv_root" (a streamparse key; use node_modules_root)',
    ]);
  });

  it('says what was found and what is allowed', () => {
    const problems = problemsOf({
      envs: { prod: { nimbus: 'nimbus:99999', workers: 'w1', log: { level: 'loud', max_bytes: 1.5 } } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'config.json: "envs.prod.nimbus" is the string "nimbus:99999"; expected a port between 1 and 65535',
        'config.json: "envs.prod.workers" is the string "w1"; expected a value of type array',
        expect.stringContaining('"envs.prod.log.level" is the string "loud"; expected one of "trace", "debug"'),
        'config.json: "envs.prod.log.max_bytes" is number 1.5; expected an integer',
      ]),
    );
  });

  it('says in one line that IPv6 addresses are not supported', () => {
    for (const nimbus of ['[::1]:6627', '::1']) {
      expect(problemsOf({ envs: { prod: { nimbus } } })).toEqual([
        `config.json: "envs.prod.nimbus" is the string ${JSON.stringify(nimbus)}; expected a host name or IPv4 address: IPv6 addresses are not supported here; give the host a name (e.g. in /etc/hosts) and use that`,
      ]);
    }
    expect(problemsOf({ envs: { prod: { nimbus: 'n', ui: '[::1]' } } })).toHaveLength(1);
  });

  it('refuses a node_executable with arguments, which Storm would not split', () => {
    expect(problemsOf({ envs: { prod: { nimbus: 'n', node_executable: 'node --inspect' } } })).toEqual([
      'config.json: "envs.prod.node_executable" is the string "node --inspect"; expected one executable with no arguments: Storm runs it as a single program name and does not split it at spaces, so every component would fail to start on the workers; to pass node flags, name a wrapper script (e.g. "/opt/stp/node-inspect" holding: exec node --inspect "$@")',
    ]);
    expect(problemsOf({ envs: { prod: { nimbus: 'n', node_executable: '/usr/bin/node -r x' } } })).toHaveLength(1);
    // A path may hold spaces: it is still one executable.
    expect(parseConfig({ envs: { prod: { nimbus: 'n', node_executable: '/opt/my node/bin/node' } } }).envs['prod']?.node_executable).toBe('/opt/my node/bin/node');
  });

  it('checks node_modules_root and log.path as absolute directories without ".." with the config', () => {
    expect(problemsOf({ envs: { prod: { nimbus: 'n', node_modules_root: 'deps', log: { path: '/var/log/../tmp' } } } })).toEqual([
      'config.json: "envs.prod.log.path" is the string "/var/log/../tmp"; expected an absolute directory on the workers without ".." (stp builds paths under it), e.g. "/var/log/storm/stp"',
      'config.json: "envs.prod.node_modules_root" is the string "deps"; expected an absolute directory on the workers without ".." (stp builds paths under it), e.g. "/data/stp/node_modules"',
    ]);
    expect(problemsOf({ envs: { prod: { nimbus: 'n', node_modules_root: '/data/../x' } } })).toHaveLength(1);
  });

  it('requires nimbus', () => {
    expect(problemsOf({ envs: { prod: {} } })).toEqual(['config.json: "envs.prod.nimbus" is nothing; expected a value of type string']);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stp-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads config.json from the project folder', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(minimal));
    expect(loadConfig(dir).config.envs['prod']?.nimbus).toBe('nimbus.example.com');
  });

  it('explains a missing file and bad JSON', () => {
    expect(() => loadConfig(dir)).toThrow(/no config\.json in .*; run stp from the project folder/);
    writeFileSync(join(dir, 'config.json'), '{\n  "envs": {\n    "prod" {}\n  }\n}');
    expect(() => loadConfig(dir)).toThrow(/config\.json:3:12 is not valid JSON: ColonExpected at "\{"/);
    writeFileSync(join(dir, 'config.json'), '{"envs": ');
    expect(() => loadConfig(dir)).toThrow(/config\.json:1:10 is not valid JSON: ValueExpected/);
  });

  it('accepts comments and trailing commas, as tsconfig.json does', () => {
    writeFileSync(
      join(dir, 'config.json'),
      '{\n  // the production cluster\n  "envs": {\n    "prod": { "nimbus": "nimbus.example.com", /* default port */ },\n  },\n}\n',
    );
    expect(loadConfig(dir).config.envs['prod']?.nimbus).toBe('nimbus.example.com');
  });
});

describe('resolveEnv', () => {
  it('picks the only env and derives nimbus and UI addresses', () => {
    const env = resolveEnv(parseConfig(minimal));
    expect(env.name).toBe('prod');
    expect(env.nimbus).toEqual({ host: 'nimbus.example.com', port: 6627 });
    expect(env.ui).toEqual({ host: 'nimbus.example.com', port: 8080 });
    expect(env.installNodeModules).toBe(false);
  });

  it('needs a name when there are several, and names the choices', () => {
    const config = parseConfig({ envs: { prod: { nimbus: 'a:7000', ui: 'ui' }, beta: { nimbus: 'b', use_node_modules: true } } });
    expect(() => resolveEnv(config)).toThrow('config.json has 2 envs (prod, beta); choose one with -e ENV');
    expect(() => resolveEnv(config, 'qa')).toThrow('no env "qa" in config.json; the envs are: prod, beta');
    expect(resolveEnv(config, 'prod').nimbus.port).toBe(7000);
    expect(resolveEnv(config, 'prod').ui).toEqual({ host: 'ui', port: 8080 });
    expect(resolveEnv(config, 'beta').installNodeModules).toBe(true);
  });

  it('refuses a config without envs', () => {
    expect(() => resolveEnv(parseConfig({}))).toThrow(/has no envs/);
  });
});

describe('conf precedence', () => {
  const env = resolveEnv(
    parseConfig({
      envs: {
        prod: {
          nimbus: 'n',
          log: { path: '/var/log/stp', level: 'info' },
          options: { 'topology.workers': 1, 'topology.message.timeout.secs': 30 },
        },
      },
    }),
  );

  it('puts CLI over topology over env and records every origin', () => {
    const resolved = resolveConf({
      env,
      topology: { 'topology.workers': 2, 'topology.max.spout.pending': 10 },
      cli: { workers: 4, debug: true, options: parseOptionAssignments(['topology.message.timeout.secs=60', 'x.name=abc']) },
    });
    expect(resolved.conf).toEqual({
      'stp.log.level': 'debug',
      'stp.log.path': '/var/log/stp',
      'topology.debug': true,
      'topology.max.spout.pending': 10,
      'topology.message.timeout.secs': 60,
      'topology.workers': 4,
      'x.name': 'abc',
    });
    expect(resolved.entries['topology.workers']).toEqual({
      value: 4,
      origin: { source: 'cli', detail: '-w 4' },
      overrides: [
        { value: 2, origin: { source: 'topology', detail: 'topology conf' } },
        { value: 1, origin: { source: 'env', detail: 'envs.prod.options' } },
      ],
    });
    expect(resolved.entries['stp.log.path']?.origin).toEqual({ source: 'env', detail: 'envs.prod.log.path' });
  });

  it('lets -p set workers and ackers, and -w/-a override it', () => {
    const { conf } = resolveConf({ cli: { par: 3, ackers: 1 } });
    expect(conf).toEqual({ 'topology.workers': 3, 'topology.acker.executors': 1 });
  });

  it('rejects -o without "=" and keeps non-JSON values as strings', () => {
    expect(() => parseOptionAssignments('topology.debug')).toThrow('-o "topology.debug" is not key=value');
    expect(parseOptionAssignments(['a=1', 'b=[1,2]', 'c=hello world', 'd='])).toEqual([
      ['a', 1],
      ['b', [1, 2]],
      ['c', 'hello world'],
      ['d', ''],
    ]);
  });

  it('reads -o values as JSON when they parse, else as text, for stp run and stp submit alike', () => {
    expect(parseOptionAssignments(['a=10', 'b=2.5', 'c=true', 'd=null', 'e={"k":"v"}', 'f="quoted"', 'g=x=y', 'a=2'])).toEqual([
      ['a', 10],
      ['b', 2.5],
      ['c', true],
      ['d', null],
      ['e', { k: 'v' }],
      ['f', 'quoted'],
      ['g', 'x=y'],
      ['a', 2],
    ]);
    expect(() => parseOptionAssignments(['=3'])).toThrow('-o "=3" is not key=value');
  });

  it('checks value types Storm would reject, naming the origin', () => {
    const resolved = resolveConf({ env, cli: { options: parseOptionAssignments(['topology.workers=two', 'topology.debug=1']) } });
    expect(checkStormConf(resolved.entries)).toEqual([
      'conf "topology.debug" is 1 (from -o topology.debug=1); Storm needs a boolean',
      'conf "topology.workers" is "two" (from -o topology.workers="two"); Storm needs a positive integer',
    ]);
  });
});
