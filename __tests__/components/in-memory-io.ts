// Runs a component in this process over in-memory streams (the `io` parameter of runComponent), for fast unit tests.
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameDecoder, encodeFrame, parseFrame } from '../../lib/multilang/codec.js';
import { runComponent, type ComponentClassInput } from '../../lib/multilang/component-loop.js';
import type { ComponentIO } from '../../lib/multilang/component-io.js';

export type Out = Record<string, unknown>;

/** Pid folders handed out in handshakes, removed when the test file is done. */
const pidDirs: string[] = [];
afterAll(() => {
  for (const dir of pidDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export class InMemoryComponent {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly received: Out[] = [];
  diagnostics = '';
  exitCode: number | undefined;
  readonly done: Promise<number>;
  #decoder = new FrameDecoder();
  #waiters: (() => void)[] = [];

  constructor(Component: ComponentClassInput) {
    this.output.on('data', (chunk: Buffer) => {
      for (const frame of this.#decoder.push(chunk)) this.received.push(parseFrame(frame) as Out);
      for (const w of this.#waiters.splice(0)) w();
    });
    const io: ComponentIO = {
      input: this.input,
      output: this.output,
      diagnostics: { write: (text: string) => (this.diagnostics += text) },
      pid: 4242,
      exit: (code) => (this.exitCode = code),
    };
    this.done = runComponent(Component, io);
  }

  handshake(conf: Record<string, unknown> = {}, context: Record<string, unknown> = {}): Promise<Out[]> {
    const pidDir = mkdtempSync(join(tmpdir(), 'stp-pid-'));
    pidDirs.push(pidDir);
    this.send({
      pidDir,
      conf: { 'topology.name': 'unit', ...conf },
      context: { 'task->component': { '1': 'src', '2': 'it', '3': 'it' }, taskid: 2, componentid: 'it', ...context },
    });
    return this.until((m) => 'pid' in m);
  }

  send(message: unknown): void {
    this.input.write(encodeFrame(message));
  }

  tuple(id: string, values: unknown[], stream = 'default'): void {
    this.send({ id, comp: 'src', stream, task: 1, tuple: values });
  }

  /** Waits until a received message matches; returns everything received so far. */
  async until(match: (m: Out) => boolean, timeoutMs = 3000): Promise<Out[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.received.some(match)) {
      if (this.exitCode !== undefined) throw new Error(`component exited ${this.exitCode}: ${this.diagnostics}`);
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return this.received;
  }

  close(): Promise<number> {
    this.input.end();
    return this.done;
  }
}
