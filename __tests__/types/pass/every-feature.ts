// Every builder feature compiles, the builder is a TopologyDefinition, and the negative cases below are refused
// (an unused @ts-expect-error is itself an error, so each of these lines must keep failing).
import { expectTypeOf } from 'expect-type';
import { topology } from '../../../lib/topology/builder.js';
import type { TopologyDefinition } from '../../../lib/topology/definition.js';
import { javaArg } from '../../../lib/topology/java-args.js';
import type { TopologySpec } from '../../../lib/topology/spec.js';
import { AnyReader, DatedSpout, Reporter, SentenceSpout, WordCounter, WordSpout } from '../components.js';

const full = topology('full', {
  workers: 4,
  'topology.debug': false,
  'topology.max.spout.pending': 1000,
  'topology.environment': { LANG: 'C' },
  'my.own.key': { anything: ['goes'] },
})
  .spout('words', WordSpout, { p: 2 })
  .spout('sentences', SentenceSpout)
  .spout('dates', DatedSpout)
  .javaSpout('kafka', { className: 'org.apache.storm.kafka.spout.KafkaSpout', args: ['broker:9092', javaArg.long(1)], outputs: { default: ['word', 'offset'] } })
  .shellSpout('feed', { command: 'python3', script: 'feed.py', outputs: { default: ['word'], meta: { fields: ['k'], direct: true } } })
  .bolt('count', WordCounter, { p: 4, tasks: 8, conf: { 'topology.tick.tuple.freq.secs': 5 } })
  .fields('words', ['word'])
  .shuffle('kafka')
  .localOrShuffle('feed')
  .none('words')
  .bolt('report', Reporter)
  .global('count', 'totals')
  .shellBolt('split', { command: 'python3', script: 'split.py', reads: ['sentence'], outputs: { default: ['word'] } }, { p: 2 })
  .shuffle('sentences')
  .javaBolt('store', { className: 'com.example.Store', args: [1, 'x', true], reads: ['word'] })
  .fields('split', ['word'])
  .all('count', 'default')
  .bolt('control', AnyReader)
  .direct('sentences', 'control')
  .direct('feed', 'meta')
  .custom('dates', { className: 'com.example.DateGrouping', args: [] })
  .externals('better-sqlite3');

expectTypeOf(full).toMatchTypeOf<TopologyDefinition>();
expectTypeOf(full.spec).toEqualTypeOf<TopologySpec>();

// A field list can also be a readonly array held in a variable.
const byWord = ['word'] as const;
topology('t').spout('words', WordSpout).bolt('count', WordCounter).fields('words', byWord);

// Ids computed at run time (e.g. generated topologies) fall back to plain strings.
const id: string = 'dynamic';
topology('t').spout(id, WordSpout);
// ...and the edges from them are left to the run-time check.
topology('t').spout(id, WordSpout).bolt('count', WordCounter).shuffle(id).fields('dynamic', ['word']);

const base = topology('t').spout('words', WordSpout).bolt('count', WordCounter);
// @ts-expect-error a field the source does not declare
base.fields('words', ['wrod']);
// @ts-expect-error a source that does not exist
base.shuffle('nope');
// @ts-expect-error a stream the source does not declare
base.shuffle('words', 'totals');
// @ts-expect-error the bolt cannot read its own output
base.shuffle('count');
// @ts-expect-error the id is taken
base.bolt('count', AnyReader);
// @ts-expect-error p must be a number
topology('t').spout('words', WordSpout, { p: '2' });
// @ts-expect-error typed conf keys take their own type
topology('t', { workers: 'two' });
