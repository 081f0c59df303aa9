// The protocol's writes to stdout, made synchronously. Node writes to a stdout pipe asynchronously (the data waits
// in the stream while the pipe is full), so a bolt that emits a million tuples in one synchronous `process()` piled
// them all up in its own memory: nothing can hold back a loop that never yields. Written to the file descriptor
// here, an emit waits while the pipe is full, as a Python or Java multilang component's blocking write does, and
// the reader (Storm's ShellBolt, or stp run holding back a producer) bounds the writer.
import { writeSync } from 'node:fs';

/** The first wait for a full pipe is short, so a reader that empties it is not kept waiting; a pipe that stays
 * full (the reader holds this component back) is tried less and less often, so waiting costs next to no CPU. */
const FIRST_WAIT_MS = 1;
const LONGEST_WAIT_MS = 16;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` to `fd`, waiting while the pipe is full (a non-blocking descriptor answers EAGAIN). Throws
 * the write's error otherwise (EPIPE: the reader is gone).
 */
export function writeFully(fd: number, data: string): void {
  const bytes = Buffer.from(data, 'utf8');
  let offset = 0;
  let wait = FIRST_WAIT_MS;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
      wait = FIRST_WAIT_MS;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(sleeper, 0, 0, wait);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  }
}
