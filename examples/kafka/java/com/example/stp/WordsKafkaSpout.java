package com.example.stp;

import org.apache.storm.kafka.spout.KafkaSpout;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.tuple.Fields;

/**
 * Storm's KafkaSpout takes a KafkaSpoutConfig, which a Thrift JavaObject cannot carry; this subclass builds one
 * from two strings, so a stp topology can name it with plain constructor arguments. It emits the record value as
 * 'word' and the offset as 'offset' (storm-kafka-client's default record translator emits topic, partition,
 * offset, key, value; we declare our own fields to match the TypeScript side).
 */
public class WordsKafkaSpout extends KafkaSpout<String, String> {
  public WordsKafkaSpout(String bootstrapServers, String topic) {
    super(KafkaSpoutConfig.builder(bootstrapServers, topic)
        .setRecordTranslator(record -> new org.apache.storm.tuple.Values(record.value(), record.offset()),
            new Fields("word", "offset"))
        .build());
  }

  @Override
  public void declareOutputFields(OutputFieldsDeclarer declarer) {
    declarer.declare(new Fields("word", "offset"));
  }
}
