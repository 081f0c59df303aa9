// Splits a sentence into words; each word carries an id made of the sentence's id and the word's position, the
// same on every replay of the sentence.
import { Bolt, type Tuple } from 'storm-ts';

export class SplitSentence extends Bolt.define({
  reads: ['id', 'sentence'],
  outputs: { default: ['id', 'word'] },
  types: { id: String, sentence: String, word: String },
}) {
  override process(tuple: Tuple<[string, string]>): void {
    const [id, sentence] = tuple.values;
    sentence.split(' ').forEach((word, position) => this.emit([`${id}:${position}`, word]));
  }
}
