// The wordcount example components, imported by package name ('storm-ts') as a user's code would: their declarations
// and behaviour in process (the conformance tests run their bundles as real processes).
import { WordCounter } from '../../examples/wordcount/src/bolts/count.js';
import { WordSpout } from '../../examples/wordcount/src/spouts/words.js';
import { Bolt, ReliableSpout } from '../../lib/index.js';
import { InMemoryComponent } from './in-memory-io.js';

describe('wordcount example components', () => {
  it('declare their streams and what they read', () => {
    expect(WordSpout.declaration).toEqual({ outputs: { default: ['word'] }, types: { word: String } });
    expect(WordCounter.declaration).toEqual({ reads: ['word'], outputs: { default: ['word', 'count'] }, types: { word: String, count: Number } });
  });

  it("share the library instance with relative imports ('storm-ts' resolves to this package)", () => {
    expect(WordCounter.prototype).toBeInstanceOf(Bolt);
    expect(WordSpout.prototype).toBeInstanceOf(ReliableSpout);
  });

  it('WordCounter counts per word', async () => {
    const c = new InMemoryComponent(WordCounter);
    await c.handshake();
    c.tuple('1', ['a']);
    c.tuple('2', ['b']);
    c.tuple('3', ['a']);
    const out = await c.until((m) => m['command'] === 'ack' && m['id'] === '3');
    expect(out.filter((m) => m['command'] === 'emit').map((m) => m['tuple'])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
    expect(await c.close()).toBe(0);
  });
});
