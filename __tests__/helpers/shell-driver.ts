// Plays Storm's ShellSpout / ShellBolt against a component process, over real pipes, the way
// ../../../shared/storm-reference.md §1–2 describes: argv exactly [node, <script>] with the script's folder as cwd,
// handshake with pidDir/conf/context, `{"pid"}` reply and pid file, spout turns ended by sync, bolt tuples,
// heartbeats, ticks, and task-id lists for every emit whose need_task_ids is absent or true.
// It also checks what Storm would kill the worker for and records it in `violations`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FrameDecoder, encodeFrame, parseFrame } from '../../lib/multilang/codec.js';

export type Message = Record<string, unknown> & { command?: string };

export interface DriverOptions {
  /** The component file, e.g. `<outDir>/count.js`; run as `node count.js` in its folder. */
  readonly script: string;
  readonly componentId: string;
  readonly taskId?: number;
  readonly conf?: Record<string, unknown>;
  /** Extra context keys (stream->outputfields, source->stream->fields, ...). */
  readonly context?: Record<string, unknown>;
  readonly taskToComponent?: Record<string, string>;
  /** What Storm answers an emit that asks for task ids. @default [4, 5] */
  readonly taskIdsFor?: (emit: Message) => number[];
  /** Skip the handshake (to test what happens before or instead of it). */
  readonly noHandshake?: boolean;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const running = new Set<ShellDriver>();

/** Kills every driver still running (call from afterEach/afterAll). */
export async function stopAllDrivers(): Promise<void> {
  await Promise.all([...running].map((d) => d.kill()));
}

export class ShellDriver {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pidDir: string;
  readonly exited: Promise<Exit>;
  /** Storm rules the component broke (each would kill a real worker). */
  readonly violations: string[] = [];
  stderr = '';
  /** Every message the component sent, in order. */
  readonly received: Message[] = [];

  #queue: Message[] = [];
  #waiters: ((m: Message | undefined) => void)[] = [];
  #decoder = new FrameDecoder();
  #mode: 'spout' | 'bolt' | 'unknown' = 'unknown';
  #inTurn = false;
  #pendingTuples = new Set<string>();
  #heartbeatIds = new Set<string>();
  #done = false;
  #taskIdsFor: (emit: Message) => number[];

  private constructor(readonly options: DriverOptions) {
    this.pidDir = mkdtempSync(join(tmpdir(), 'stp-pids-'));
    this.#taskIdsFor = options.taskIdsFor ?? (() => [4, 5]);
    this.child = spawn(process.execPath, [basename(options.script)], { cwd: dirname(options.script), stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '' } });
    running.add(this);
    this.child.stdin.on('error', () => {}); // the component may be gone; tests look at the exit instead
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.child.stdout.on('data', (chunk: Buffer) => {
      for (const frame of this.#decoder.push(chunk)) this.#onMessage(frame);
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.#done = true;
        running.delete(this);
        // The pid file is the component's; the folder is ours to clean whichever way the process ended.
        rmSync(this.pidDir, { recursive: true, force: true });
        for (const w of this.#waiters.splice(0)) w(undefined);
        resolve({ code, signal });
      }),
    );
  }

  /** Spawns the component and, unless `noHandshake`, does the handshake and checks the pid reply and pid file. */
  static async start(options: DriverOptions): Promise<ShellDriver> {
    const driver = new ShellDriver(options);
    if (!options.noHandshake) await driver.handshake();
    return driver;
  }

  async handshake(): Promise<number> {
    const taskId = this.options.taskId ?? 1;
    this.send({
      pidDir: this.pidDir,
      conf: { 'topology.name': 'wordcount', 'storm.id': 'wordcount-1-1700000000', ...this.options.conf },
      context: {
        'task->component': this.options.taskToComponent ?? { [String(taskId)]: this.options.componentId },
        taskid: taskId,
        componentid: this.options.componentId,
        ...this.options.context,
      },
    });
    const reply = await this.next();
    if (!reply || typeof reply['pid'] !== 'number') throw new Error(`expected {"pid": N} after the handshake, got ${JSON.stringify(reply)}; stderr: ${this.stderr}`);
    if (reply['pid'] !== this.child.pid) this.violations.push(`pid reply ${String(reply['pid'])} is not the process id ${this.child.pid}`);
    if (!existsSync(join(this.pidDir, String(reply['pid'])))) this.violations.push(`no pid file ${reply['pid']} in pidDir before the pid reply`);
    return reply['pid'];
  }

  send(message: unknown): void {
    this.child.stdin.write(encodeFrame(message));
  }

  sendRaw(text: string): void {
    this.child.stdin.write(text);
  }

  /** The next message from the component, or undefined if it exits first; throws after `timeoutMs`. */
  next(timeoutMs = 5000): Promise<Message | undefined> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#done) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no message from ${this.options.componentId} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      const waiter = (m: Message | undefined): void => {
        clearTimeout(timer);
        resolve(m);
      };
      this.#waiters.push(waiter);
    });
  }

  /** Reads messages until one matches; returns all read (the match last). */
  async readUntil(match: (m: Message) => boolean, timeoutMs = 5000): Promise<Message[]> {
    const out: Message[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.next(Math.max(1, deadline - Date.now()));
      if (!m) throw new Error(`component exited before the expected message; got ${JSON.stringify(out)}; stderr: ${this.stderr}`);
      out.push(m);
      if (match(m)) return out;
    }
  }

  // ---- spout side ----

  /** One spout turn: sends the command, returns the messages up to and including the sync. */
  async spoutTurn(command: 'next' | 'ack' | 'fail' | 'activate' | 'deactivate', id?: string | number, timeoutMs = 5000): Promise<Message[]> {
    this.#mode = 'spout';
    this.#inTurn = true;
    this.send(id === undefined ? { command } : { command, id });
    const messages = await this.readUntil((m) => m.command === 'sync', timeoutMs);
    this.#inTurn = false;
    return messages;
  }

  // ---- bolt side ----

  sendTuple(tuple: { id: string; comp?: string; stream?: string; task?: number; tuple: unknown[] }): void {
    this.#mode = 'bolt';
    this.#pendingTuples.add(tuple.id);
    this.send({ comp: 'words', stream: 'default', task: 1, ...tuple });
  }

  sendHeartbeat(id = `hb-${Date.now()}-${Math.random()}`): string {
    this.#mode = 'bolt';
    this.#heartbeatIds.add(id);
    this.send({ id, comp: null, stream: '__heartbeat', task: -1, tuple: [] });
    return id;
  }

  sendTick(id: string, freqSecs = 1): void {
    this.#mode = 'bolt';
    this.#pendingTuples.add(id);
    this.send({ id, comp: '__system', stream: '__tick', task: -1, tuple: [freqSecs] });
  }

  // ---- ending ----

  closeStdin(): void {
    this.child.stdin.end();
  }

  async kill(): Promise<void> {
    if (!this.#done) this.child.kill('SIGKILL');
    await this.exited;
  }

  #onMessage(frame: string): void {
    let message: Message;
    try {
      message = parseFrame(frame) as Message;
    } catch (error) {
      this.violations.push(`stdout carried a non-JSON frame: ${(error as Error).message}`);
      return;
    }
    this.received.push(message);
    this.#check(message);
    if (message.command === 'emit' && message['need_task_ids'] !== false && message['task'] === undefined) {
      this.send(this.#taskIdsFor(message));
    }
    const waiter = this.#waiters.shift();
    if (waiter) waiter(message);
    else this.#queue.push(message);
  }

  /** What Storm's ShellSpout/ShellBolt would kill the worker for. */
  #check(m: Message): void {
    const command = m.command;
    if (command === undefined) return; // the pid reply
    if (this.#mode === 'spout') {
      if (!this.#inTurn) this.violations.push(`spout sent ${command} outside a turn`);
      if (!['emit', 'log', 'error', 'metrics', 'sync'].includes(command)) this.violations.push(`spout sent ${command} inside a turn`);
      return;
    }
    const id = String(m['id']);
    if (command === 'ack' || command === 'fail') {
      if (this.#heartbeatIds.has(id)) this.violations.push(`${command} of heartbeat id ${id}`);
      else if (!this.#pendingTuples.delete(id)) this.violations.push(`${command} of unknown or settled tuple id ${id}`);
    }
    if (command === 'emit') {
      for (const anchor of (m['anchors'] as string[] | undefined) ?? []) {
        if (!this.#pendingTuples.has(anchor)) this.violations.push(`emit anchored to settled or unknown tuple ${anchor}`);
      }
    }
  }
}
