import { FrameDecoder, encodeFrame, parseFrame, MalformedFrameError } from '../../lib/multilang/codec.js';

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

  it('names what arrived when a frame is not JSON', () => {
    const [frame] = new FrameDecoder().push(Buffer.from('{nope\nend\n'));
    expect(() => parseFrame(frame!)).toThrow(MalformedFrameError);
    expect(() => parseFrame(frame!)).toThrow(/not JSON.*"\{nope"/);
  });
});
