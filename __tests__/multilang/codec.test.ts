import { FrameDecoder, encodeComponentMessage, encodeFrame, parseFrame, MalformedFrameError } from '../../lib/multilang/codec.js';
import type { ComponentMessage } from '../../lib/multilang/messages.js';

const frames = (decoder: FrameDecoder, bytes: Buffer, step: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += step) out.push(...decoder.push(bytes.subarray(i, i + step)));
  return out;
};

describe('multilang framing', () => {
  const messages = [{ command: 'emit', tuple: ['héllo €🙂'] }, { command: 'sync' }, { pid: 42 }];
  const bytes = Buffer.from(messages.map(encodeFrame).join(''));

  it('decodes several frames from one chunk', () => {
    expect(new FrameDecoder().push(bytes).map(parseFrame)).toEqual(messages);
  });

  it.each([1, 2, 3, 5, 7])('decodes frames split into %i-byte chunks, including split UTF-8', (step) => {
    const decoder = new FrameDecoder();
    expect(frames(decoder, bytes, step).map(parseFrame)).toEqual(messages);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('decodes a very large message split across many chunks', () => {
    const big = { command: 'emit', tuple: ['x'.repeat(8_000_000)] };
    const decoder = new FrameDecoder();
    const out = frames(decoder, Buffer.from(encodeFrame(big)), 65536);
    expect(out).toHaveLength(1);
    expect(parseFrame(out[0]!)).toEqual(big);
  });

  it('keeps an unfinished frame pending', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.from('{"command":"sy'))).toEqual([]);
    expect(decoder.pendingBytes).toBe(14);
    expect(decoder.pendingPreview()).toBe('{"command":"sy');
  });

  it('holds a character cut at the end of a chunk until its other bytes arrive, and counts its bytes as pending', () => {
    const decoder = new FrameDecoder();
    const euro = Buffer.from('€'); // 3 bytes
    expect(decoder.push(Buffer.concat([Buffer.from('{"command":"sync"}\nend\n'), euro.subarray(0, 1)]))).toEqual(['{"command":"sync"}']);
    expect(decoder.pendingBytes).toBe(1);
    expect(decoder.push(Buffer.concat([euro.subarray(1), Buffer.from('\nend\n')]))).toEqual(['€']);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('finds a delimiter split across chunks at every position, after a long pending frame', () => {
    const text = `{"a":"${'y'.repeat(1000)}"}\nend\n{"b":1}\nend\n`;
    for (let cut = 995; cut < text.length; cut++) {
      const decoder = new FrameDecoder();
      const out = [...decoder.push(Buffer.from(text.slice(0, cut))), ...decoder.push(Buffer.from(text.slice(cut)))];
      expect(out.map(parseFrame)).toEqual([{ a: 'y'.repeat(1000) }, { b: 1 }]);
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('names what arrived when a frame is not JSON', () => {
    const [frame] = new FrameDecoder().push(Buffer.from('{nope\nend\n'));
    expect(() => parseFrame(frame!)).toThrow(MalformedFrameError);
    expect(() => parseFrame(frame!)).toThrow(/not JSON.*"\{nope"/);
  });
});

describe('encodeComponentMessage (the fast path for emit, ack, fail, sync)', () => {
  const messages: ComponentMessage[] = [
    { command: 'emit', tuple: ['héllo "quoted"\n', 1, null, { a: [true] }], stream: 'default', anchors: ['1', '-2'], need_task_ids: false },
    { command: 'emit', tuple: [], stream: 'ids', id: 'x"1', task: 7, need_task_ids: true },
    { command: 'emit', tuple: [1], id: 42 },
    { command: 'ack', id: 'a\\b' },
    { command: 'fail', id: '9' },
    { command: 'sync' },
    { command: 'log', msg: 'hi', level: 2 },
    { pid: 12 },
  ];

  it.each(messages.map((m) => [JSON.stringify(m), m] as const))('writes %s exactly as JSON.stringify does', (_, message) => {
    expect(encodeComponentMessage(message)).toBe(encodeFrame(message));
  });

  it('stays exact when the pieces it reuses (ids, anchor lists, streams) change between messages', () => {
    const anchors = ['7'];
    const sequence: ComponentMessage[] = [
      { command: 'emit', tuple: [1], stream: 'default', anchors, need_task_ids: false },
      { command: 'emit', tuple: [2], stream: 'copy', anchors, need_task_ids: false },
      { command: 'ack', id: '7' },
      { command: 'emit', tuple: [3], stream: 'default', anchors: ['8', 'x"9'], need_task_ids: true },
      { command: 'fail', id: '8' },
      { command: 'ack', id: 'x"9' },
      { command: 'emit', tuple: [4], stream: 's\u00e9', id: 8 },
      { command: 'emit', tuple: [5], stream: 'default', id: '8' },
      { command: 'emit', tuple: [6], stream: 'default', anchors: [], need_task_ids: false },
    ];
    for (const message of sequence) expect(encodeComponentMessage(message)).toBe(encodeFrame(message));
  });

  it('garbage between frames is reported with the frame that carries it', () => {
    const frames = new FrameDecoder().push(Buffer.from('{"command":"sync"}\nend\n\u0000\u0001garbage\nend\n'));
    expect(parseFrame(frames[0]!)).toEqual({ command: 'sync' });
    expect(() => parseFrame(frames[1]!)).toThrow(/not JSON.*garbage/);
  });
});
