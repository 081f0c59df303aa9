import { topology } from '../../lib/topology/builder.js';
import { toDot } from '../../lib/topology/dot.js';
import { FluxExportError, toFlux } from '../../lib/topology/flux.js';
import { toMermaid } from '../../lib/topology/mermaid.js';
import { toStormTopology, topologyConfJson } from '../../lib/topology/storm-topology.js';
import { toSvg } from '../../lib/topology/svg.js';
import { parse } from 'yaml';
import { fullTopology, Reporter, WordSpout, wordcount } from './fixtures.js';
import { expectGolden, toGoldenJson } from './golden.js';

/** Everything Flux can express: shell, Java and TypeScript components, named streams, tasks, conf, custom groupings. */
function fluxable() {
  return topology('fluxable', { workers: 2, 'topology.debug': true })
    .spout('words', WordSpout, { p: 2, conf: { 'topology.max.spout.pending': 100 } })
    .javaSpout('kafka', { className: 'org.apache.storm.kafka.spout.KafkaSpout', args: ['broker:9092', 3], outputs: { default: ['word'] } })
    .shellBolt('split', { command: 'python3', script: 'split.py', outputs: { default: ['word'], totals: ['total'] } }, { p: 2, tasks: 4 })
    .shuffle('words')
    .localOrShuffle('kafka')
    .bolt('report', Reporter)
    .global('split', 'totals')
    .bolt('hash', class Sink { static readonly declaration = {} as const })
    .custom('words', { className: 'com.example.HashGrouping', args: [16] })
    .fields('split', ['word'])
    .all('kafka')
    .none('split', 'totals');
}

describe('StormTopology structs', () => {
  it('match the golden structure for every component kind and grouping', () => {
    expectGolden('full.storm.json', toGoldenJson(toStormTopology(fullTopology().spec)));
  });

  it('run TypeScript components as <node> <id>.js, with the executable configurable', () => {
    const storm = toStormTopology(wordcount().spec, { nodeExecutable: '/opt/node/bin/node' });
    expect(storm.spouts['words']!.spout_object).toEqual({ shell: { execution_command: '/opt/node/bin/node', script: 'words.js' } });
    expect(storm.bolts['count']!.common.parallelism_hint).toBe(4);
    expect([...storm.bolts['count']!.common.inputs]).toEqual([[{ componentId: 'words', streamId: 'default' }, { fields: ['word'] }]]);
    expect(storm.bolts['count']!.common.json_conf).toBeUndefined();
    expect(storm.state_spouts).toEqual({});
  });

  it('put tasks into json_conf as topology.tasks, beside the component conf', () => {
    const common = toStormTopology(fullTopology().spec).bolts['count']!.common;
    expect(JSON.parse(common.json_conf!)).toEqual({ 'topology.tick.tuple.freq.secs': 5, 'topology.tasks': 8 });
  });

  it('give the topology conf as JSON with the topology name', () => {
    expect(JSON.parse(topologyConfJson(wordcount().spec))).toEqual({ 'topology.workers': 2, 'topology.name': 'wordcount' });
  });
});

describe('Flux YAML', () => {
  it('matches the golden file and parses back', () => {
    const yaml = toFlux(fluxable().spec);
    expectGolden('fluxable.flux.yaml', yaml);
    const doc = parse(yaml) as { spouts: { id: string }[]; bolts: { id: string }[]; streams: unknown[] };
    expect(doc.spouts.map((s) => s.id)).toEqual(['words', 'kafka']);
    expect(doc.bolts.map((b) => b.id)).toEqual(['split', 'report', 'hash']);
    expect(doc.streams).toHaveLength(7);
  });

  it('refuses what Flux cannot express, naming each thing', () => {
    expect(() => toFlux(fullTopology().spec)).toThrow(FluxExportError);
    expect(() => toFlux(fullTopology().spec)).toThrow(
      'topology "full" cannot be written as Flux YAML:\n' +
        '  bolt "count": stream "control" is direct, which Flux\'s shell wrappers cannot declare',
    );
  });
});

describe('pictures', () => {
  it('DOT matches the golden file', () => {
    expectGolden('full.dot', toDot(fullTopology().spec));
  });

  it('mermaid matches the golden file', () => {
    expectGolden('full.mmd', toMermaid(fullTopology().spec));
  });

  it('escapes quotes in DOT and mermaid labels', () => {
    const odd = topology('odd').shellSpout('say "hi"', { command: 'sh', script: 'a\\b.sh', outputs: { default: ['x'] } });
    expect(toDot(odd.spec)).toContain('"say \\"hi\\"" [label="say \\"hi\\"\\nsh a\\\\b.sh · p=1"');
    expect(toMermaid(odd.spec)).toContain('n0(["say #34;hi#34;<br/>sh a\\b.sh · p=1"])');
  });

  it('SVG renders without a system Graphviz', async () => {
    const svg = await toSvg(wordcount().spec);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(svg).toContain('fields(word)');
    expect(svg).toContain('WordCounter · p=4');
  });
});
