// Topologies the topology tests share: one with every kind of component, grouping and option, and the small
// component classes it uses (classes that carry a declaration, as lib/components' define() produces).
import { topology } from '../../lib/topology/builder.js';
import { javaArg } from '../../lib/topology/java-args.js';

export class WordSpout {
  static readonly declaration = { outputs: { default: ['word'] }, types: { word: String } } as const;
}

export class WordCounter {
  static readonly declaration = {
    reads: ['word'],
    outputs: { default: ['word', 'count'], totals: { fields: ['total'] }, control: { fields: ['cmd'], direct: true } },
    types: { word: String, count: Number, total: Number },
  } as const;
}

export class Reporter {
  static readonly declaration = { reads: ['total'] } as const;
}

export class Sink {
  static readonly declaration = {} as const;
}

/** Every feature of the builder in one topology. */
export function fullTopology() {
  return topology('full', { workers: 3, 'topology.message.timeout.secs': 60, 'my.setting': { nested: [1, 'two'] } })
    .spout('words', WordSpout, { p: 2 })
    .javaSpout('kafka', {
      className: 'org.apache.storm.kafka.spout.KafkaSpout',
      args: ['broker:9092', 7, javaArg.long(5_000_000_000), 0.5, true],
      outputs: { default: ['word', 'offset'] },
    })
    .shellSpout('feed', { command: 'python3', script: 'feed.py', outputs: { default: ['word'] } })
    .bolt('count', WordCounter, { p: 4, tasks: 8, conf: { 'topology.tick.tuple.freq.secs': 5 } })
    .fields('words', ['word'])
    .shuffle('kafka')
    .localOrShuffle('feed')
    .shellBolt('split', { command: 'python3', script: 'split.py', outputs: { default: ['word'] } }, { p: 2 })
    .all('count', 'totals')
    .javaBolt('store', { className: 'com.example.StoreBolt', args: ['jdbc:x'] })
    .global('count', 'totals')
    .none('split')
    .bolt('ctl', Sink)
    .direct('count', 'control')
    .custom('words', { className: 'com.example.HashGrouping', args: [16] })
    .externals('better-sqlite3');
}

export function wordcount() {
  return topology('wordcount', { workers: 2 })
    .spout('words', WordSpout, { p: 2 })
    .bolt('count', WordCounter, { p: 4 })
    .fields('words', ['word']);
}
