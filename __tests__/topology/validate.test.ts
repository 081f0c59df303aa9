import type { ComponentSpec, TopologySpec } from '../../lib/topology/spec.js';
import { topologyProblems, TopologyValidationError, validateTopology } from '../../lib/topology/validate.js';
import { fullTopology, wordcount } from './fixtures.js';

const spout = (id: string, fields: string[] = ['word'], extra: Partial<ComponentSpec> = {}): ComponentSpec => ({
  id,
  role: 'spout',
  impl: { kind: 'typescript', className: 'S' },
  streams: { default: { fields, direct: false } },
  inputs: [],
  parallelism: 1,
  conf: {},
  ...extra,
});
const bolt = (id: string, inputs: ComponentSpec['inputs'], extra: Partial<ComponentSpec> = {}): ComponentSpec => ({
  id,
  role: 'bolt',
  impl: { kind: 'typescript', className: 'B' },
  streams: {},
  inputs,
  parallelism: 1,
  conf: {},
  ...extra,
});
const spec = (components: ComponentSpec[], extra: Partial<TopologySpec> = {}): TopologySpec => ({ name: 'wc', components, conf: {}, ...extra });
const messages = (value: unknown): string[] => topologyProblems(value).map((p) => `${p.path}: ${p.message}`);

describe('validateTopology', () => {
  it('accepts what the builder builds', () => {
    expect(topologyProblems(wordcount().spec)).toEqual([]);
    expect(topologyProblems(fullTopology().spec)).toEqual([]);
    const valid = wordcount().spec;
    expect(validateTopology(valid)).toBe(valid);
  });

  it('lists every problem with its path in one error', () => {
    const bad = spec([
      spout('words'),
      bolt('count', [
        { source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['wrod'] } },
        { source: 'wrods', stream: 'default', grouping: { type: 'shuffle' } },
      ]),
    ]);
    let error: unknown;
    try {
      validateTopology(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TopologyValidationError);
    expect((error as TopologyValidationError).problems).toHaveLength(2);
    expect((error as Error).message).toBe(
      'topology "wc" is invalid (2 problems):\n' +
        '  components["count"].inputs[0].grouping.fields[0]: field "wrod" is not declared by "words" on stream "default"; it declares "word"\n' +
        '  components["count"].inputs[1].source: "wrods" is not a component declared before bolt "count"; known: "words"',
    );
  });

  it('checks the name as Nimbus does', () => {
    expect(messages(spec([spout('s')], { name: 'word.count' }))).toEqual([
      'name: "word.count" contains "."; Storm refuses "/", ".", ":" and "\\" in topology names',
    ]);
    expect(messages(spec([spout('s')], { name: '' }))).toEqual(['name: the topology needs a non-empty name, got ""']);
  });

  it('checks ids: unique, not reserved, not empty', () => {
    expect(messages(spec([spout('s'), spout('s'), spout('__acker'), spout('')]))).toEqual([
      'components["s"].id: component id "s" is already used by an earlier component (ids must be unique)',
      'components["__acker"].id: component id "__acker" is reserved by Storm (ids starting with "__"); choose another',
      'components[""].id: a component needs a non-empty string id, got ""',
    ]);
  });

  it('needs at least one spout, and spouts take no input', () => {
    expect(messages(spec([]))).toEqual(['components: the topology has no components; add a spout and the bolts that read it']);
    expect(messages(spec([spout('a', ['x'], { inputs: [{ source: 'a', stream: 'default', grouping: { type: 'shuffle' } }] })]))).toEqual([
      'components["a"].inputs: spout "a" has 1 input(s); spouts take no input (make it a bolt)',
    ]);
    expect(messages(spec([bolt('b', [])]))).toContain('components: the topology has no spout; Storm needs at least one');
  });

  it('checks sources, streams, self-subscription, order and duplicate subscriptions', () => {
    const s = spec([
      spout('words'),
      bolt('count', [
        { source: 'count', stream: 'default', grouping: { type: 'shuffle' } },
        { source: 'later', stream: 'default', grouping: { type: 'shuffle' } },
        { source: 'words', stream: 'totals', grouping: { type: 'shuffle' } },
        { source: 'words', stream: 'default', grouping: { type: 'shuffle' } },
        { source: 'words', stream: 'default', grouping: { type: 'all' } },
      ]),
      bolt('later', [{ source: 'words', stream: 'default', grouping: { type: 'shuffle' } }]),
    ]);
    expect(messages(s)).toEqual([
      'components["count"].inputs[0].source: bolt "count" cannot subscribe to itself; name a component declared before it',
      'components["count"].inputs[1].source: "later" is not a component declared before bolt "count"; known: "words"',
      'components["count"].inputs[2].stream: "words" does not declare stream "totals"; it declares "default"',
      'components["count"].inputs[4]: bolt "count" subscribes to stream "default" of "words" twice; Storm keeps one grouping per stream, so remove one',
    ]);
  });

  it('checks fields groupings per stream, direct streams and what a bolt reads', () => {
    const s = spec([
      spout('words', ['word'], { streams: { default: { fields: ['word'], direct: false }, ctl: { fields: ['c'], direct: true } } }),
      bolt('a', [{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: [] } }]),
      bolt('b', [{ source: 'words', stream: 'default', grouping: { type: 'direct' } }]),
      bolt('c', [{ source: 'words', stream: 'ctl', grouping: { type: 'shuffle' } }]),
      bolt('d', [{ source: 'words', stream: 'default', grouping: { type: 'shuffle' } }], { reads: ['word', 'count'] }),
      bolt('e', [{ source: 'words', stream: 'default', grouping: { type: 'custom', className: '', args: [{ type: 'int', value: 2 ** 40 }] } }]),
    ]);
    expect(messages(s)).toEqual([
      'components["a"].inputs[0].grouping.fields: name at least one field of "words" (it declares "word"); an empty list would be a global grouping',
      'components["b"].inputs[0].grouping: a direct grouping needs a direct stream, and stream "default" of "words" is not; declare it { fields: [...], direct: true }',
      'components["c"].inputs[0].grouping: stream "ctl" of "words" is direct; subscribe to it with direct()',
      'components["d"].inputs[0]: bolt "d" reads "count", which stream "default" of "words" does not carry; it carries "word"',
      'components["e"].inputs[0].grouping.className: a custom grouping needs the Java class name of a CustomStreamGrouping, got ""',
      'components["e"].inputs[0].grouping.args[0]: int argument 1099511627776 is not a 32-bit whole number; use type "long" or "double"',
    ]);
  });

  it('checks streams, parallelism, tasks and implementations', () => {
    const s = spec([
      spout('s', ['a'], {
        streams: { __system: { fields: ['a'], direct: false }, dup: { fields: ['x', 'x'], direct: false } },
        parallelism: 0,
        tasks: 1.5,
      }),
      spout('t', ['a'], { parallelism: 4, tasks: 2, impl: { kind: 'shell', command: 'node --inspect', script: '../x.js' } }),
      spout('j', ['a'], { impl: { kind: 'java', className: ' ', args: [{ type: 'str', value: 1 } as never] } }),
    ]);
    expect(messages(s)).toEqual([
      'components["s"].streams["__system"]: stream id "__system" is reserved by Storm (ids starting with "__"); rename it',
      'components["s"].streams["dup"].fields[1]: field "x" is declared twice on stream "dup"',
      'components["s"].parallelism: p must be a whole number >= 1, got 0',
      'components["s"].tasks: tasks must be a whole number >= 1, got 1.5',
      'components["t"].impl.command: "node --inspect" contains a space; Storm runs exactly [command, script] without a shell, so give one executable and put other arguments in a bootstrap script',
      'components["t"].impl.script: "../x.js" must be a path inside the project\'s resources/ folder, relative to it (e.g. "split.py")',
      'components["t"].tasks: tasks (2) is fewer than p (4); Storm would run only 2 executor(s). Raise tasks or lower p',
      'components["j"].impl.className: the Java class name must be a non-empty string, got " "',
      'components["j"].impl.args[0]: Java argument type "str" is unknown; use "int", "long", "string", "bool", "double" or "binary"',
    ]);
  });

  it('checks conf value types of known keys and that every value is JSON', () => {
    const s = spec([spout('s', ['a'], { conf: { 'topology.tick.tuple.freq.secs': '5' } })], {
      conf: { 'topology.workers': -1, 'topology.debug': 'yes', 'my.key': { when: new Date(0) }, ok: [1, 'a', null] },
      externals: ['', 'sharp'],
    });
    expect(messages(s)).toEqual([
      'conf["topology.workers"]: -1 is not valid for topology.workers; it takes a whole number >= 0',
      'conf["topology.debug"]: "yes" is not valid for topology.debug; it takes true or false',
      'conf["my.key"]["when"]: this value cannot be sent to Storm: conf values must be JSON (strings, finite numbers, booleans, null, lists, plain objects)',
      'externals[0]: expected a module name, got ""',
      'components["s"].conf["topology.tick.tuple.freq.secs"]: "5" is not valid for topology.tick.tuple.freq.secs; it takes a whole number >= 0',
    ]);
  });

  it('survives garbage from data', () => {
    expect(messages(null)).toEqual(['topology: expected a topology spec object, got null']);
    expect(messages({ name: 'x', components: [7, { id: 'a', role: 'spout', impl: null, streams: [], inputs: 'no', parallelism: 1 }] })).toEqual([
      'components[0]: expected a component object, got 7',
      'components["a"].impl: expected { kind: "typescript" | "shell" | "java", ... }, got null',
      'components["a"].streams: expected an object of streams by id, got []',
      'components["a"].inputs: expected a list of inputs, got "no"',
    ]);
  });
});
