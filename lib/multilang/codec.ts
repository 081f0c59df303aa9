// Multilang framing: each message is one JSON document followed by the line `end` (`JSON + "\nend\n"`, UTF-8).
// The decoder is streaming: it accepts chunks as the pipe delivers them (a message split over many chunks,
// several messages in one chunk, a multi-byte character split between chunks) and costs O(bytes) even for
// very large messages. Each chunk is decoded to text once and frames are cut from it with string searches: far
// cheaper per frame than cutting and decoding Buffers (see docs/performance.md). The delimiter is ASCII, so it
// never falls inside a multi-byte character; only a character split at the end of a chunk waits for the next.

import type { ComponentMessage } from './messages.js';

const DELIMITER = '\nend\n';
const TAIL = DELIMITER.length - 1;

export function encodeFrame(message: unknown): string {
  return `${JSON.stringify(message)}\nend\n`;
}

export class FrameDecoder {
  /** Text of the unfinished frame, in the pieces it arrived in (joined once, when the frame completes). */
  #parts: string[] = [];
  #length = 0;
  /** The first bytes of a character the last chunk cut in two. */
  #split: Buffer | undefined;

  /** Feeds bytes from the pipe; returns the text of every frame completed by them, in order. */
  push(chunk: Buffer): string[] {
    let bytes = chunk;
    if (this.#split) {
      bytes = Buffer.concat([this.#split, chunk]);
      this.#split = undefined;
    }
    const whole = wholeCharacters(bytes);
    if (whole < bytes.length) this.#split = Buffer.from(bytes.subarray(whole));
    return this.#pushText(bytes.toString('utf8', 0, whole));
  }

  #pushText(text: string): string[] {
    const frames: string[] = [];
    let start = 0;
    if (this.#length > 0) {
      // The delimiter may straddle the pending text and this chunk: search the last few pending characters too.
      const tail = this.#tail();
      const found = (tail + text).indexOf(DELIMITER);
      if (found < 0) {
        if (text.length > 0) this.#keep(text);
        return frames;
      }
      const end = found - tail.length; // where the frame ends in `text`; negative: inside the pending text
      const pending = this.#parts.join('');
      frames.push(end >= 0 ? pending + text.slice(0, end) : pending.slice(0, pending.length + end));
      this.#parts = [];
      this.#length = 0;
      start = end + DELIMITER.length;
    }
    let at: number;
    while ((at = text.indexOf(DELIMITER, start)) >= 0) {
      frames.push(text.slice(start, at));
      start = at + DELIMITER.length;
    }
    if (start < text.length) this.#keep(start === 0 ? text : text.slice(start));
    return frames;
  }

  /** Bytes received that do not yet form a whole frame (non-zero when a pipe closes mid-message). */
  get pendingBytes(): number {
    return this.#parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0) + (this.#split?.length ?? 0);
  }

  /** The start of the unfinished frame, for error messages. */
  pendingPreview(max = 200): string {
    return this.#parts.join('').slice(0, max);
  }

  #keep(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
  }

  /** The last (delimiter length - 1) pending characters, gathered from as many parts as needed. */
  #tail(): string {
    let tail = '';
    for (let i = this.#parts.length - 1; i >= 0 && tail.length < TAIL; i--) tail = this.#parts[i]!.slice(-(TAIL - tail.length)) + tail;
    return tail;
  }
}

/** How many bytes of `bytes` are whole UTF-8 characters: all, or all but a character cut short at the end. */
function wholeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  // Step back over continuation bytes (10xxxxxx) to the last character's first byte, at most 3.
  while (lead >= 0 && bytes.length - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const first = bytes[lead]!;
  const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead < size ? lead : bytes.length;
}

/** Thrown for a frame that is not valid JSON; says what arrived. */
export class MalformedFrameError extends Error {
  constructor(
    readonly frame: string,
    cause: unknown,
  ) {
    const preview = frame.length > 200 ? `${frame.slice(0, 200)}… (${frame.length} chars)` : frame;
    super(`malformed multilang message (not JSON: ${cause instanceof Error ? cause.message : String(cause)}): ${JSON.stringify(preview)}`);
    this.name = 'MalformedFrameError';
  }
}

export function parseFrame(frame: string): unknown {
  try {
    return JSON.parse(frame) as unknown;
  } catch (error) {
    throw new MalformedFrameError(frame, error);
  }
}

/**
 * `encodeFrame` for the messages a component sends most (emit, ack, fail, sync), written field by field: the same
 * JSON as JSON.stringify gives, without walking the message object. A bolt's emits and its ack name the same input
 * tuple, and its emits go to a few streams: those pieces are encoded once and reused, so a pass-through tuple costs
 * one JSON.stringify (its values). Anything else goes through `encodeFrame`.
 */
export function encodeComponentMessage(message: ComponentMessage): string {
  if (!('command' in message)) return encodeFrame(message);
  switch (message.command) {
    case 'emit': {
      let text = `{"command":"emit","tuple":${JSON.stringify(message.tuple)}`;
      if (message.stream !== undefined) text += streamField(message.stream);
      if (message.anchors !== undefined) text += `,"anchors":${anchorsJson(message.anchors)}`;
      if (message.id !== undefined) text += `,"id":${idJson(message.id)}`;
      if (message.task !== undefined) text += `,"task":${JSON.stringify(message.task)}`;
      if (message.need_task_ids !== undefined) text += message.need_task_ids ? ',"need_task_ids":true}\nend\n' : ',"need_task_ids":false}\nend\n';
      else text += '}\nend\n';
      return text;
    }
    case 'ack':
      return `{"command":"ack","id":${idJson(message.id)}}\nend\n`;
    case 'fail':
      return `{"command":"fail","id":${idJson(message.id)}}\nend\n`;
    case 'sync':
      return SYNC_FRAME;
    default:
      return encodeFrame(message);
  }
}

export const SYNC_FRAME = '{"command":"sync"}\nend\n';

// The last id encoded: an input tuple's id is encoded for its emits' anchors and again for its ack.
let lastId: string | number | undefined;
let lastIdJson = '';
function idJson(id: string | number): string {
  if (id !== lastId) {
    lastId = id;
    lastIdJson = JSON.stringify(id);
  }
  return lastIdJson;
}

// The last anchor list encoded: a bolt anchors every emit of one `process` call to the same (never changed) array.
let lastAnchors: readonly string[] | undefined;
let lastAnchorsJson = '';
function anchorsJson(anchors: readonly string[]): string {
  if (anchors !== lastAnchors) {
    lastAnchors = anchors;
    lastAnchorsJson = anchors.length === 1 ? `[${idJson(anchors[0]!)}]` : JSON.stringify(anchors);
  }
  return lastAnchorsJson;
}

// `,"stream":"<id>"` per stream id; a component has a few streams, the cap only guards against unbounded names.
const streamFields = new Map<string, string>();
function streamField(stream: string): string {
  let field = streamFields.get(stream);
  if (field === undefined) {
    field = `,"stream":${JSON.stringify(stream)}`;
    if (streamFields.size < 1000) streamFields.set(stream, field);
  }
  return field;
}
