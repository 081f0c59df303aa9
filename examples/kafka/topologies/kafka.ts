// A JVM spout in a TypeScript topology: words from a Kafka topic (storm-kafka-client, through the small wrapper in
// java/), counted by a TypeScript bolt. Cluster only: `stp run` refuses Java components and says so; see README.md.
import { topology } from 'storm-ts';
import { KafkaWordCounter } from '../src/count.js';

export default topology('kafka-words', { workers: 2 })
  .javaSpout('kafka', {
    className: 'com.example.stp.WordsKafkaSpout',
    args: ['kafka1.example.com:9092', 'words'],
    outputs: { default: ['word', 'offset'] },
  })
  .bolt('count', KafkaWordCounter, { p: 2 })
  .fields('kafka', ['word']);
