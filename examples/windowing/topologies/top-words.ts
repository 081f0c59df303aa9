// A sliding top three of the words of the last 30 s, by event time, with a late stream: the report bolt groups on
// both of the window bolt's streams. The message timeout is above the window's 35 s (length + slide), as Storm
// requires, and max.spout.pending above what 30 s of words hold.
import { topology } from 'storm-ts';
import { TimedWordSpout } from '../src/spouts/timed-words.js';
import { Report } from '../src/bolts/report.js';
import { TopWords } from '../src/bolts/top-words.js';

export default topology('top-words', { 'topology.message.timeout.secs': 60, 'topology.max.spout.pending': 5000 })
  .spout('words', TimedWordSpout, { p: 2 })
  .bolt('top', TopWords)
  .global('words')
  .bolt('report', Report)
  .global('top')
  .global('top', 'late');
