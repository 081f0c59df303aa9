// The engine's write queue toward a child must empty on its own, whatever the pipe does: a bolt whose producer is
// held back (the engine stopped reading it because this bolt was full) gets no new frame that would push the queue
// on. Before the fix, a batch the pipe took at once left the rest queued until the next send (in a run: the next
// heartbeat, one batch of ~190 tuples a second), so backpressure crawled and a 200,000-tuple fan-out took 1,000 s.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentChild } from '../../lib/local/child.js';
import { until } from '../helpers/until.js';

const FRAMES = 5000;

describe('ComponentChild write queue', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'stp-child-queue-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it(`hands all of ${FRAMES.toLocaleString('en')} frames sent in one turn to the child, with nothing sent after them`, async () => {
    const file = path.join(dir, 'received');
    let drained = 0;
    let exited = false;
    const problems: string[] = [];
    const child = new ComponentChild('sh', ['-c', 'cat > "$0"', file], dir, process.env, {
      message: (m) => problems.push(`message ${JSON.stringify(m)}`),
      protocolError: (e) => problems.push(e.message),
      stderrLine: (line) => problems.push(line),
      exit: () => (exited = true),
      spawnError: (e) => problems.push(e.message),
      drained: () => drained++,
    });
    try {
      let bytes = 0;
      for (let i = 0; i < FRAMES; i++) {
        const frame = `${JSON.stringify({ id: String(i), comp: 'explode', stream: 'default', task: 1, tuple: ['line-1', i] })}\nend\n`;
        bytes += Buffer.byteLength(frame);
        child.sendFrame(frame);
      }
      expect(bytes).toBeGreaterThan(10 * 16 * 1024); // many times one high-water mark: many batches
      await until(() => drained > 0, 30_000, 'the write queue to drain without another send');
      expect(child.queued).toBe(0);
      child.closeInput();
      await until(() => exited, 30_000, 'cat to exit at the end of its input');
      expect(statSync(file).size).toBe(bytes);
      expect(problems).toEqual([]);
    } finally {
      child.signalGroup('SIGKILL');
      await child.reaped;
    }
  });
});
