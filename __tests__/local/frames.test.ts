// The engine's per-tuple frames must be byte for byte what encodeFrame gives for the same message.
import { encodeFrame } from '../../lib/multilang/codec.js';
import type { SpoutCommand, TupleMessage } from '../../lib/multilang/messages.js';
import { encodeSpoutCommand, encodeTupleFrame } from '../../lib/local/frames.js';

describe('engine frames', () => {
  const tuples: TupleMessage[] = [
    { id: '17', comp: 'words', stream: 'default', task: 3, tuple: ['apple'] },
    { id: '-1', comp: null, stream: '__heartbeat', task: -1, tuple: [] },
    { id: '9', comp: '__system', stream: '__tick', task: -1, tuple: [0.5] },
    { id: 'x"y', comp: 'wörds\n', stream: 's\\t', task: 12, tuple: [{ a: [1, null, true] }, 'é😀', 1e21, -0, null] },
  ];
  test.each(tuples)('tuple %j', (message) => {
    expect(encodeTupleFrame(message)).toBe(encodeFrame(message));
    expect(JSON.parse(encodeTupleFrame(message).slice(0, -5))).toEqual(JSON.parse(encodeFrame(message).slice(0, -5)));
  });

  const commands: SpoutCommand[] = [
    { command: 'next' },
    { command: 'ack', id: '1-5' },
    { command: 'fail', id: 42 },
    { command: 'ack', id: 'quote"and\\slash' },
    { command: 'activate' },
    { command: 'deactivate' },
  ];
  test.each(commands)('spout command %j', (command) => {
    expect(encodeSpoutCommand(command)).toBe(encodeFrame(command));
  });
});
