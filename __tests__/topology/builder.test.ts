import { topology } from '../../lib/topology/builder.js';
import { isTopologyDefinition } from '../../lib/topology/definition.js';
import { fullTopology, WordCounter, WordSpout, wordcount } from './fixtures.js';

describe('topology builder', () => {
  it('builds the spec of a simple topology', () => {
    const def = wordcount();
    expect(isTopologyDefinition(def)).toBe(true);
    expect(def.spec).toEqual({
      name: 'wordcount',
      conf: { 'topology.workers': 2 },
      components: [
        {
          id: 'words',
          role: 'spout',
          impl: { kind: 'typescript', className: 'WordSpout' },
          streams: { default: { fields: ['word'], direct: false } },
          inputs: [],
          parallelism: 2,
          conf: {},
        },
        {
          id: 'count',
          role: 'bolt',
          impl: { kind: 'typescript', className: 'WordCounter' },
          streams: {
            default: { fields: ['word', 'count'], direct: false },
            totals: { fields: ['total'], direct: false },
            control: { fields: ['cmd'], direct: true },
          },
          inputs: [{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['word'] } }],
          reads: ['word'],
          parallelism: 4,
          conf: {},
        },
      ],
    });
  });

  it('finds TypeScript component classes by id, and only those', () => {
    const def = fullTopology();
    expect(def.componentClass('words')).toBe(WordSpout);
    expect(def.componentClass('count')).toBe(WordCounter);
    expect(def.componentClass('kafka')).toBeUndefined();
    expect(def.componentClass('nope')).toBeUndefined();
  });

  it('records every grouping, stream, option and component kind', () => {
    const { spec } = fullTopology();
    const count = spec.components.find((c) => c.id === 'count')!;
    expect(count.inputs.map((i) => [i.source, i.stream, i.grouping.type])).toEqual([
      ['words', 'default', 'fields'],
      ['kafka', 'default', 'shuffle'],
      ['feed', 'default', 'localOrShuffle'],
    ]);
    expect(count.tasks).toBe(8);
    expect(count.conf).toEqual({ 'topology.tick.tuple.freq.secs': 5 });
    const ctl = spec.components.find((c) => c.id === 'ctl')!;
    expect(ctl.inputs).toEqual([
      { source: 'count', stream: 'control', grouping: { type: 'direct' } },
      { source: 'words', stream: 'default', grouping: { type: 'custom', className: 'com.example.HashGrouping', args: [{ type: 'int', value: 16 }] } },
    ]);
    const kafka = spec.components.find((c) => c.id === 'kafka')!;
    expect(kafka.impl).toEqual({
      kind: 'java',
      className: 'org.apache.storm.kafka.spout.KafkaSpout',
      args: [
        { type: 'string', value: 'broker:9092' },
        { type: 'int', value: 7 },
        { type: 'long', value: 5_000_000_000 },
        { type: 'double', value: 0.5 },
        { type: 'bool', value: true },
      ],
    });
    expect(spec.components.find((c) => c.id === 'feed')!.impl).toEqual({ kind: 'shell', command: 'python3', script: 'feed.py' });
    expect(spec.externals).toEqual(['better-sqlite3']);
  });

  it('is immutable: each call returns a new builder and leaves the old one untouched', () => {
    const base = topology('t').spout('words', WordSpout);
    const withBolt = base.bolt('count', WordCounter);
    const grouped = withBolt.fields('words', ['word']);
    expect(base.spec.components).toHaveLength(1);
    expect(withBolt.spec.components[1]!.inputs).toEqual([]);
    expect(grouped.spec.components[1]!.inputs).toHaveLength(1);
    expect(Object.isFrozen(grouped.spec)).toBe(true);
    expect(Object.isFrozen(grouped.spec.components)).toBe(true);
    expect(Object.isFrozen(grouped.spec.components[1]!.inputs)).toBe(true);
    expect(() => (grouped.spec.components as unknown[]).push({})).toThrow(TypeError);
  });

  it('refuses a grouping with no bolt to subscribe, and a class without a declaration (plain JavaScript)', () => {
    const loose = topology('t').spout('words', WordSpout) as unknown as { shuffle(s: string): unknown };
    expect(() => loose.shuffle('words')).toThrow('shuffle() call failed: there is no bolt to subscribe; call .bolt(id, Class) (or shellBolt/javaBolt) first');
    const b = topology('t') as unknown as { spout(id: string, c: unknown): unknown };
    class Splitter {
      static readonly declaration = {};
      process(): void {}
    }
    expect(() => b.spout('split', Splitter)).toThrow('spout() call failed for "split": Splitter is a bolt; add it with .bolt()');
    class Plain {}
    expect(() => b.spout('x', Plain)).toThrow(
      'spout() call failed for "x": function Plain is not a component class with a static declaration; extend Spout.define({ outputs: ... }) from "storm-ts"',
    );
  });
});
