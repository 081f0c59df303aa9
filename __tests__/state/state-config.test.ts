// The state keys in stp's one config checker: config.json's schema (envs.*.options), the conf checker that
// `stp run` and `stp submit` run over every layer (env options, topology conf, -o), and a stateful bolt's own
// conf on submit. Each mistake is one line naming the key, where it was set and what is allowed.
import { ConfigError, checkStormConf, parseConfig, parseOptionAssignments, resolveConf, resolveEnv } from '../../lib/config/index.js';
import { planSubmit, SubmitPlanError } from '../../lib/nimbus/plan.js';
import type { TopologySpec } from '../../lib/topology/spec.js';

const providers = '"file" (the default, no server), "redis" or "memory" (or Storm\'s class name for Redis or memory)';

function schemaProblems(options: Record<string, unknown>): string[] {
  try {
    parseConfig({ envs: { prod: { nimbus: 'n', options } } });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

function confProblems(input: { options?: Record<string, unknown>; topology?: Record<string, unknown>; cli?: string[] }): string[] {
  const env = resolveEnv(parseConfig({ envs: { prod: { nimbus: 'n', options: input.options ?? {} } } }));
  return checkStormConf(resolveConf({ env, topology: input.topology ?? {}, cli: { options: parseOptionAssignments(input.cli ?? []) } }).entries);
}

describe("config.json's schema knows the state keys of envs.*.options", () => {
  it('accepts the providers and their config, as a string or an object', () => {
    expect(schemaProblems({ 'topology.state.provider': 'redis', 'topology.state.provider.config': { jedisPoolConfig: { port: 6380 } } })).toEqual([]);
    expect(schemaProblems({ 'topology.state.provider': 'org.apache.storm.redis.state.RedisKeyValueStateProvider', 'topology.state.provider.config': '{}' })).toEqual([]);
    expect(schemaProblems({ 'topology.state.checkpoint.interval.ms': 500, 'myapp.other': [1] })).toEqual([]);
  });

  it('refuses an unknown provider, a config of another type and an interval that is not a positive integer', () => {
    expect(schemaProblems({ 'topology.state.provider': 'reddis' })).toEqual([
      'config.json: "envs.prod.options["topology.state.provider"]" is the string "reddis"; expected one of "file", "memory", "redis", ' +
        '"org.apache.storm.state.InMemoryKeyValueStateProvider", "org.apache.storm.redis.state.RedisKeyValueStateProvider"',
    ]);
    expect(schemaProblems({ 'topology.state.provider.config': 6379 })).toEqual([
      'config.json: "envs.prod.options["topology.state.provider.config"]" is number 6379; expected a JSON string, or an object (sent as its JSON text)',
    ]);
    expect(schemaProblems({ 'topology.state.checkpoint.interval.ms': 0 })).toEqual([
      'config.json: "envs.prod.options["topology.state.checkpoint.interval.ms"]" is number 0; expected a number > 0',
    ]);
  });
});

describe('the conf checker (stp run, stp submit) knows the state keys wherever they are set', () => {
  it('names an unknown provider and where it came from', () => {
    expect(confProblems({ cli: ['topology.state.provider=bogus'] })).toEqual([
      `conf "topology.state.provider" (from -o topology.state.provider="bogus") is "bogus", which is not a state provider stp has; use ${providers}`,
    ]);
    expect(confProblems({ topology: { 'topology.state.provider': 'jdbc' } })).toEqual([
      `conf "topology.state.provider" (from topology conf) is "jdbc", which is not a state provider stp has; use ${providers}`,
    ]);
    expect(confProblems({ topology: { 'topology.state.provider': 7 } })).toEqual(['conf "topology.state.provider" is 7 (from topology conf); Storm needs a string']);
  });

  it('checks the provider config against the store the provider chooses, wherever each was set', () => {
    expect(confProblems({ options: { 'topology.state.provider': 'redis' }, cli: ['topology.state.provider.config={jedisPoolConfig'] })).toEqual([
      expect.stringMatching(
        /^conf "topology\.state\.provider\.config" \(from -o topology\.state\.provider\.config="\{jedisPoolConfig"\) is not JSON \(.+\); e\.g\. '\{"jedisPoolConfig":\{"host":"127\.0\.0\.1","port":6379\}\}'$/,
      ),
    ]);
    expect(confProblems({ options: { 'topology.state.provider': 'redis', 'topology.state.provider.config': '{"jedisPoolConfig":{"port":70000}}' } })).toEqual([
      'conf "topology.state.provider.config".jedisPoolConfig.port (from envs.prod.options) for the redis store: Too big: expected number to be <=65535; ' +
        `e.g. '{"jedisPoolConfig":{"host":"127.0.0.1","port":6379}}'`,
    ]);
    // The file store is the default provider: its config is checked too.
    expect(confProblems({ topology: { 'topology.state.provider.config': '{"folder":"/tmp"}' } })).toEqual([
      `conf "topology.state.provider.config" (from topology conf) for the file store: Unrecognized key: "folder"; e.g. '{"dir":"/var/lib/stp/state"}'`,
    ]);
    expect(confProblems({ topology: { 'topology.state.provider.config': 5 } })).toEqual([
      `conf "topology.state.provider.config" (from topology conf) must be a JSON string, as Storm takes it (e.g. '{"dir":"/var/lib/stp/state"}'), got 5`,
    ]);
    // Memory takes no config (Storm's InMemoryKeyValueStateProvider reads none).
    expect(confProblems({ cli: ['topology.state.provider=memory', 'topology.state.provider.config=whatever'] })).toEqual([]);
  });

  it('refuses a checkpoint interval that is not a positive integer', () => {
    expect(confProblems({ cli: ['topology.state.checkpoint.interval.ms=0'] })).toEqual([
      'conf "topology.state.checkpoint.interval.ms" is 0 (from -o topology.state.checkpoint.interval.ms=0); Storm needs a positive integer',
    ]);
    expect(confProblems({ options: { 'topology.state.checkpoint.interval.ms': 250 } })).toEqual([]);
  });

  it('sends a provider config given as an object as the JSON string Storm takes (Nimbus refuses anything else)', () => {
    const env = resolveEnv(parseConfig({ envs: { prod: { nimbus: 'n', options: { 'topology.state.provider': 'redis', 'topology.state.provider.config': { jedisPoolConfig: { port: 6380 } } } } } }));
    const resolved = resolveConf({ env, cli: { options: parseOptionAssignments([]) } });
    expect(resolved.conf['topology.state.provider.config']).toBe('{"jedisPoolConfig":{"port":6380}}');
    const fromCli = resolveConf({ cli: { options: parseOptionAssignments(['topology.state.provider.config={"dir":"/data/state"}']) } });
    expect(fromCli.conf['topology.state.provider.config']).toBe('{"dir":"/data/state"}');
    expect(checkStormConf(fromCli.entries)).toEqual([]);
  });
});

describe("stp submit's plan checks a stateful bolt's own state conf", () => {
  const spec = (conf: Record<string, unknown>): TopologySpec => ({
    name: 'counts',
    conf: {},
    components: [
      { id: 'words', role: 'spout', impl: { kind: 'typescript', className: 'Words' }, streams: { default: { fields: ['word'], direct: false } }, inputs: [], parallelism: 1, conf: {} },
      {
        id: 'count',
        role: 'bolt',
        impl: { kind: 'typescript', className: 'Count' },
        streams: {},
        inputs: [{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['word'] } }],
        parallelism: 1,
        conf,
        stateful: true,
      },
    ],
  });
  const env = resolveEnv(parseConfig({ envs: { prod: { nimbus: 'n', options: { 'topology.state.provider': 'redis' } } } }));

  it("refuses a bolt's config that does not fit the provider it gets from the topology", () => {
    const refused = (() => {
      try {
        planSubmit({ spec: spec({ 'topology.state.provider.config': '{"dir":"/x"}' }), env });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(SubmitPlanError);
    expect((refused as SubmitPlanError).problems).toEqual([
      `component 'count' conf: "topology.state.provider.config" for the redis store: Unrecognized key: "dir"; e.g. '{"jedisPoolConfig":{"host":"127.0.0.1","port":6379}}'`,
    ]);
  });

  it('accepts a bolt that chooses a store of its own', () => {
    expect(planSubmit({ spec: spec({ 'topology.state.provider': 'memory' }), env }).conf.conf['topology.state.provider']).toBe('redis');
  });
});
