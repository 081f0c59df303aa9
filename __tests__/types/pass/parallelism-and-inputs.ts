// Literal p and tasks that Storm accepts, numbers known only at run time (left to validate.ts), and bolts that
// get their inputs before the next component: all compile.
import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, WordCounter, WordSpout } from '../components.js';

const executors: number = Number(process.env['P'] ?? 4);

export default topology('t')
  .spout('words', WordSpout, { p: 2, tasks: 10 })
  .spout('more', WordSpout, { p: 12, tasks: 12 })
  .spout('fewer', WordSpout, { tasks: 1 })
  .bolt('count', WordCounter, { p: 9, tasks: 10 })
  .fields('words', ['word'])
  .bolt('computed', WordCounter, { p: executors, tasks: 2 })
  .shuffle('more')
  .bolt('mixed', AnyReader, { p: 3, tasks: executors })
  .shuffle('count')
  .shuffle('computed')
  .javaBolt('sink', { className: 'org.example.Sink' }, { p: 100, tasks: 1000 })
  .all('count')
  .externals('sharp');
