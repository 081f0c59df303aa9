// Multilang framing: each message is one JSON document followed by the line `end` (`JSON + "\nend\n"`, UTF-8).
// The decoder is streaming: it accepts chunks as the pipe delivers them (a message split over many chunks,
// several messages in one chunk, a multi-byte character split between chunks) and costs O(bytes) even for
// very large messages, because bytes are joined once per message and decoded only when the frame is whole.

import type { ComponentMessage } from './messages.js';

const DELIMITER = Buffer.from('\nend\n');
const TAIL = DELIMITER.length - 1;

export function encodeFrame(message: unknown): string {
  return `${JSON.stringify(message)}\nend\n`;
}

export class FrameDecoder {
  #chunks: Buffer[] = [];
  #size = 0;

  /** Feeds bytes from the pipe; returns the text of every frame completed by them, in order. */
  push(chunk: Buffer): string[] {
    const frames: string[] = [];
    let rest = chunk;
    for (;;) {
      const at = this.#findDelimiter(rest);
      if (at < 0) {
        if (rest.length > 0) {
          this.#chunks.push(rest);
          this.#size += rest.length;
        }
        return frames;
      }
      // `at` is relative to the pending bytes followed by `rest`.
      const whole = this.#size === 0 ? rest : Buffer.concat([...this.#chunks, rest]);
      frames.push(whole.toString('utf8', 0, at));
      rest = whole.subarray(at + DELIMITER.length);
      this.#chunks = [];
      this.#size = 0;
    }
  }

  /** Bytes received that do not yet form a whole frame (non-zero when a pipe closes mid-message). */
  get pendingBytes(): number {
    return this.#size;
  }

  /** The start of the unfinished frame, for error messages. */
  pendingPreview(max = 200): string {
    return Buffer.concat(this.#chunks).toString('utf8', 0, Math.min(max, this.#size));
  }

  #findDelimiter(rest: Buffer): number {
    if (this.#size === 0) return rest.indexOf(DELIMITER);
    // The delimiter may straddle the pending bytes and `rest`: search the last few pending bytes too.
    const tail = this.#tail();
    const found = Buffer.concat([tail, rest]).indexOf(DELIMITER);
    return found < 0 ? -1 : this.#size - tail.length + found;
  }

  /** The last (delimiter length - 1) pending bytes, gathered from as many chunks as needed. */
  #tail(): Buffer {
    const parts: Buffer[] = [];
    let need = TAIL;
    for (let i = this.#chunks.length - 1; i >= 0 && need > 0; i--) {
      const chunk = this.#chunks[i]!;
      const part = chunk.subarray(Math.max(0, chunk.length - need));
      parts.unshift(part);
      need -= part.length;
    }
    return Buffer.concat(parts);
  }
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
 * JSON as JSON.stringify gives, without walking the message object. Anything else goes through `encodeFrame`.
 */
export function encodeComponentMessage(message: ComponentMessage): string {
  if (!('command' in message)) return encodeFrame(message);
  switch (message.command) {
    case 'emit': {
      let text = `{"command":"emit","tuple":${JSON.stringify(message.tuple)}`;
      if (message.stream !== undefined) text += `,"stream":${JSON.stringify(message.stream)}`;
      if (message.anchors !== undefined) text += `,"anchors":${JSON.stringify(message.anchors)}`;
      if (message.id !== undefined) text += `,"id":${JSON.stringify(message.id)}`;
      if (message.task !== undefined) text += `,"task":${JSON.stringify(message.task)}`;
      if (message.need_task_ids !== undefined) text += `,"need_task_ids":${message.need_task_ids ? 'true' : 'false'}`;
      return `${text}}\nend\n`;
    }
    case 'ack':
    case 'fail':
      return `{"command":"${message.command}","id":${JSON.stringify(message.id)}}\nend\n`;
    case 'sync':
      return SYNC_FRAME;
    default:
      return encodeFrame(message);
  }
}

export const SYNC_FRAME = '{"command":"sync"}\nend\n';
