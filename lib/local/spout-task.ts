// A spout task, driven as Storm's ShellSpout drives it: each command is answered by emits and logs and ended by a
// sync. `next` is sent only while the spout is active, under its max spout pending, and while no bolt is
// back-pressured, and only when no other command awaits its sync; acks and fails of finished trees go first.
// Acks and fails that wait are written together (up to PIPELINED_MAX): the spout still takes them one at a time
// and syncs each, so its emits are told apart by the syncs between them; but a round trip per ack (the process
// scheduled twice per spout tuple) would cap a spout at a few hundred tuples a second on a busy machine.
import type { EmitCommand, SpoutCommand, TupleId } from '../multilang/messages.js';
import { randomId } from './acker.js';
import { CONF, confNumber } from './conf.js';
import { encodeSpoutCommand } from './frames.js';
import { Task, preview } from './task.js';

/** Storm sleeps a spout that emitted nothing for this long before the next `next` (its sleep wait strategy). */
const EMPTY_NEXT_PAUSE_MS = 1;
/** At most this many acks and fails written to the spout before their syncs come back. */
const PIPELINED_MAX = 100;

/** A command waiting for the spout; a `fail` carries the incarnation that emitted the tuple. */
interface Queued {
  readonly command: SpoutCommand;
  readonly emittedBy?: number;
}

/** A command sent and not yet synced; in a `fail`: the failed tuple, who emitted it, whether the spout emitted it again. */
interface Turn {
  readonly command: SpoutCommand['command'];
  emitted: number;
  readonly failing: { id: TupleId; emittedBy: number | undefined; replayed: boolean } | null;
}

export class SpoutTask extends Task {
  active = false;
  /** Commands sent and awaiting their syncs, oldest first: the spout's emits belong to the first. */
  #turns: Turn[] = [];
  #commands: Queued[] = [];
  #pausedUntilTimer = false;
  #maxPending: number | null = null;

  get idle(): boolean {
    return this.#turns.length === 0 && this.#commands.length === 0;
  }

  get maxPending(): number | null {
    return (this.#maxPending ??= confNumber(this.conf, CONF.maxSpoutPending, null, `spout '${this.component.id}'`, 1));
  }

  checkConf(): void {
    void this.maxPending;
  }

  /** Queues a command; `emittedBy` (fails) is the incarnation whose emit failed. Kept across a restart. */
  enqueue(command: SpoutCommand, emittedBy?: number): void {
    this.#commands.push(emittedBy === undefined ? { command } : { command, emittedBy });
    this.pump();
  }

  /** Sends what is due: waiting acks and fails (together), else a `next` once every earlier command synced. */
  pump(): void {
    if (this.state !== 'ready') return;
    const first = this.#turns[0]?.command;
    if (first !== undefined && first !== 'ack' && first !== 'fail') return;
    // Nothing awaited: written at once (the round trip is the spout's speed); else with this turn's other frames.
    const now = this.#turns.length === 0;
    let frames = '';
    while (this.#commands.length > 0 && this.#turns.length < PIPELINED_MAX) {
      const { command, emittedBy } = this.#commands[0]!;
      const pipelined = command.command === 'ack' || command.command === 'fail';
      // activate and deactivate go alone, as `next` does.
      if (!pipelined && this.#turns.length > 0) break;
      this.#commands.shift();
      this.#turns.push({ command: command.command, emitted: 0, failing: command.command === 'fail' ? { id: command.id, emittedBy, replayed: false } : null });
      frames += encodeSpoutCommand(command);
      if (!pipelined) break;
    }
    if (frames !== '') {
      this.#write(frames, now);
      return;
    }
    if (this.#turns.length > 0 || !this.active || this.#pausedUntilTimer || this.engine.backPressured) return;
    const max = this.maxPending;
    if (max !== null && this.engine.acker.pendingFor(this.task) >= max) return;
    this.#turns.push({ command: 'next', emitted: 0, failing: null });
    this.#write(encodeSpoutCommand({ command: 'next' }), true);
  }

  tick(now: number): void {
    const turn = this.#turns[0];
    if (turn && now - this.lastHeard > this.engine.limits.subprocessTimeoutMs) {
      this.fault(`did not sync its '${turn.command}' turn within ${this.engine.limits.subprocessTimeoutMs / 1000} s (topology.subprocess.timeout.secs)`);
    }
  }

  protected ready(): void {
    this.engine.taskReady(this);
  }

  protected handle(message: Record<string, unknown>, command: string): void {
    switch (command) {
      case 'emit':
        this.#emit(message as unknown as EmitCommand);
        return;
      case 'sync':
        this.#sync();
        return;
      default:
        this.fault(
          `sent '${command}' ${this.#turns[0] ? `inside its '${this.#turns[0].command}' turn` : 'between turns'}; a spout may only emit, log, error, metrics and sync (${preview(message)})`,
        );
    }
  }

  #write(frames: string, now: boolean): void {
    if (now) this.lastHeard = Date.now();
    this.child.sendFrame(frames, now);
  }

  /**
   * The process is gone. Acks and fails still queued go to the next process (Storm delivers them to the task);
   * a tuple it was failing when it died (sent, not synced) can no longer be replayed by anyone.
   */
  lostProcess(): void {
    for (const turn of this.#turns) if (turn.failing && !turn.failing.replayed) this.stats.lost++;
    this.#turns = [];
    this.#pausedUntilTimer = false;
    this.active = false;
    this.#commands = this.#commands.filter((q) => q.command.command === 'ack' || q.command.command === 'fail');
  }

  #sync(): void {
    const turn = this.#turns.shift();
    if (!turn) {
      this.fault('sent a sync without a command to answer');
      return;
    }
    const failing = turn.failing;
    if (failing) {
      // Not emitted again: the spout gave the tuple up; or, when an earlier process emitted it, nobody remembers it.
      if (!failing.replayed) {
        if (failing.emittedBy === undefined || failing.emittedBy === this.incarnation) this.stats.gaveUp++;
        else this.stats.lost++;
      }
    }
    if (turn.command === 'next' && turn.emitted === 0 && this.#commands.length === 0) {
      // Nothing to emit: do not spin.
      this.#pausedUntilTimer = true;
      setTimeout(() => {
        this.#pausedUntilTimer = false;
        this.pump();
      }, EMPTY_NEXT_PAUSE_MS);
      return;
    }
    this.pump();
  }

  #emit(emit: EmitCommand): void {
    const turn = this.#turns[0];
    const targets = this.route(emit);
    if (!targets) return;
    if (turn) turn.emitted++;
    this.stats.emitted++;
    this.stats.transferred += targets.length;
    const id = emit.id;
    const tracked = id !== undefined && id !== null && this.engine.limits.ackersEnabled;
    if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
      this.fault(`emitted with message id ${preview(id)}; a message id must be a string or a number`);
      return;
    }
    const stream = emit.stream ?? 'default';
    if (id !== undefined && id !== null) {
      if (turn?.failing && turn.failing.id === id) {
        turn.failing.replayed = true;
        this.stats.replayed++;
      } else {
        this.stats.reliable++;
      }
    }
    if (tracked && targets.length > 0) {
      const root = randomId();
      let value = 0n;
      for (const target of targets) {
        const edge = randomId();
        value ^= edge;
        this.engine.deliver(target, this, stream, emit.tuple, new Map([[root, edge]]));
      }
      this.engine.acker.init(root, value, this.task, id as TupleId, Date.now(), this.incarnation);
    } else {
      for (const target of targets) this.engine.deliver(target, this, stream, emit.tuple, null);
      // Untracked (no ackers) or nobody listening: Storm acks a reliable spout tuple at once.
      if (id !== undefined && id !== null) this.engine.completeAtEmit(this, id as TupleId);
    }
    this.engine.reportTuple(this, stream, emit.tuple, targets, id ?? undefined, undefined);
    if (emit.need_task_ids !== false) this.child.send(targets);
  }
}
