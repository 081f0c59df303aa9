// Small component classes that carry a declaration, as lib/components' Spout.define/Bolt.define produce; the type
// tests use them so they depend only on the declaration contract.
import { field } from '../../lib/components/declaration.js';

export class WordSpout {
  static readonly declaration = { outputs: { default: ['word'] }, types: { word: String } } as const;
}

export class SentenceSpout {
  static readonly declaration = {
    outputs: { default: ['sentence'], control: { fields: ['task', 'command'], direct: true } },
    types: { sentence: String },
  } as const;
}

export class WordCounter {
  static readonly declaration = {
    reads: ['word'],
    outputs: { default: ['word', 'count'], totals: ['total'] },
    types: { word: String, count: Number, total: Number },
  } as const;
}

export class Reporter {
  static readonly declaration = { reads: ['total'], types: { total: Number } } as const;
}

export class AnyReader {
  static readonly declaration = {} as const;
}

export class NumericWordReader {
  static readonly declaration = { reads: ['word'], types: { word: Number } } as const;
}

export class DatedSpout {
  static readonly declaration = { outputs: { default: ['at'] }, types: { at: field<Date>() } } as const;
}
