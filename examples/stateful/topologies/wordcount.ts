// The word count with its counts in state: numbered sentences (from 4 spout tasks: each spout command is a round
// trip, so one task alone caps the rate), split into words that carry the sentence's id and their position,
// counted by two stateful bolts (one with dedupe, one with Storm's at-least-once). stp adds the checkpoint spout
// and the $checkpoint streams (`stp visualize` shows them).
//   stp run examples/stateful/topologies/wordcount.ts --chaos 40-60 --chaos-components count,count-at-least-once
// (each kill costs a message timeout, 30 s here: kills closer together keep it recovering)
import { topology } from 'storm-ts';
import { AtLeastOnceCounter, WordCounter } from '../src/bolts/count.js';
import { SplitSentence } from '../src/bolts/split.js';
import { SentenceSpout } from '../src/spouts/sentences.js';

export default topology('stateful-wordcount', { 'topology.message.timeout.secs': 30, 'topology.state.checkpoint.interval.ms': 1000 })
  .spout('sentences', SentenceSpout, { p: 4 })
  .bolt('split', SplitSentence)
  .shuffle('sentences')
  .bolt('count', WordCounter, { p: 2 })
  .fields('split', ['word'])
  .bolt('count-at-least-once', AtLeastOnceCounter, { p: 2 })
  .fields('split', ['word']);
