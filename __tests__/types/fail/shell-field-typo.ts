import { topology } from '../../../lib/topology/builder.js';

export default topology('wc')
  .javaSpout('kafka', { className: 'org.apache.storm.kafka.spout.KafkaSpout', outputs: { default: ['topic', 'value'] } })
  .shellBolt('split', { command: 'python3', script: 'split.py', outputs: { default: ['word'] } })
  // @expect-error: fields() call failed: fields "key", "offset" are not declared by "kafka" on stream "default"; it declares "topic", "value"
  .fields('kafka', ['key', 'value', 'offset']);
