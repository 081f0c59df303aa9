// The embedded engine: plays Storm's role for one topology on this machine. Every task is a child process
// running the same component file the jar carries; the engine routes tuples between them, tracks tuple trees
// with an XOR acker, times trees out, throttles spouts, sends heartbeats and ticks, restarts a task that fails
// (or stops on the first fault, if asked), kills random tasks on request (chaos), and stops everything (and reaps
// every child) at the end of the run's duration, on request, or on a fault it does not ride out.
// Memory stays bounded as Storm's backpressure keeps it: a bolt with more than topology.shellbolt.max.pending
// tuples queued stops the spouts, and the engine stops reading the output of the bolts that feed it (their pipes
// fill, their runtimes stop taking input) until its queue has drained.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmitter, type TypedEventEmitter } from '../events.js';
import type { LogLevel, TupleId, TupleMessage } from '../multilang/messages.js';
import type { TopologySpec } from '../topology/spec.js';
import { CHECKPOINT_COMPONENT } from '../state/checkpoint.js';
import { Acker, randomId, type PendingRoot, type RootOutcome } from './acker.js';
import { BoltTask } from './bolt-task.js';
import { componentConf, runLimits, type RunLimits } from './conf.js';
import { handshake } from './context.js';
import { LocalRunError, type TopologyFault } from './errors.js';
import type { ComponentStats, RunEvents, RunResult, StartCut, StatsSnapshot, StopReason } from './events.js';
import { layoutTopology, type TopologyLayout } from './layout.js';
import { checkRunnable, checkWindowConf, launchFor } from './preflight.js';
import { Router } from './routing.js';
import { SpoutTask } from './spout-task.js';
import type { Launch, Task } from './task.js';
import type { InFlight, TaskHost, TaskRef } from './task-host.js';
import { Chaos, chaosTargets, type ChaosOptions } from './chaos.js';
import { restartDelay, STARTUP_CRASH_LIMIT, type CrashHistory } from './restart.js';
import { checkMemory } from './memory-check.js';
import { upstreamToHold } from './backpressure.js';
import { DEFAULT_KEEP_RUNS, pruneRunLogs } from '../logging/run-logs.js';

export interface RunOptions {
  /** Where the component files are: `<componentId>.js` for TypeScript components, scripts for shell ones. */
  readonly componentsDir: string;
  /** Conf overrides, above topology and component conf (what `-o key=value` gives). */
  readonly conf?: Readonly<Record<string, unknown>>;
  /** Stop after this long (ms); by default the run lasts until `stop()` or a fault. */
  readonly durationMs?: number;
  /** Where components write their log files (`stp.log.path`); default `<cwd>/logs`. */
  readonly logDir?: string;
  /** How long a stop waits for in-flight trees after deactivating the spouts; default 3000 ms. */
  readonly graceMs?: number;
  /** How often a `stats` event is emitted; default 1000 ms. */
  readonly statsIntervalMs?: number;
  /** Environment of the children; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** The node binary TypeScript components run with; default this process's. */
  readonly node?: string;
  /**
   * What a failing task does to the run: 'restart' (default, as Storm's supervisor does) starts the task again
   * with a fresh handshake after a back-off; 'stop' ends the whole run at the first fault.
   */
  readonly onFault?: 'restart' | 'stop';
  /** SIGKILL random tasks while the run goes (needs onFault 'restart'). */
  readonly chaos?: ChaosOptions;
  /** Refuse to start more tasks than this machine's memory holds (default true; `--no-memory-check` turns it off). */
  readonly memoryCheck?: boolean;
  /** The log folder keeps the files of this many runs, this one included (config.json's `local_log.keep_runs`; default 10). */
  readonly keepLogRuns?: number;
}

export interface RunHandle {
  /** Subscribe before the next turn of the event loop to see every event from the start. */
  readonly events: TypedEventEmitter<RunEvents>;
  /** Resolves once every task answered its handshake and spouts were activated (or the run ended first). */
  readonly started: Promise<void>;
  /** Resolves when the run is over and every child has been reaped. */
  readonly done: Promise<RunResult>;
  /** Deactivates the spouts, waits up to `graceMs` for in-flight trees, then stops every child. */
  stop(options?: { graceMs?: number }): Promise<RunResult>;
  /**
   * For a process about to exit at once (a second Ctrl-C, an uncaught error): SIGKILLs every child's process
   * group and resolves once they are reaped, or after `boundMs` (default 200), so that no zombie is left behind.
   */
  kill(boundMs?: number): Promise<void>;
  stats(): StatsSnapshot;
}

/**
 * Runs a topology locally. Throws LocalRunError, before anything starts, when the topology cannot run here
 * (a Java component or grouping, a missing component file, a bad conf value).
 */
export function runTopology(spec: TopologySpec, options: RunOptions): RunHandle {
  const engine = new Engine(spec, options);
  queueMicrotask(() => engine.start());
  return {
    events: engine.events,
    started: engine.startedPromise,
    done: engine.donePromise,
    stop: (stopOptions) => engine.stop('stopped', stopOptions?.graceMs ?? engine.graceMs),
    stats: () => engine.snapshot(),
    kill: (boundMs) => engine.kill(boundMs ?? KILL_REAP_MS),
  };
}

type Phase = 'new' | 'starting' | 'running' | 'deactivating' | 'killing' | 'done';

/** The engine's internals; tasks report to it through TaskHost. Not exported from the package. */
export class Engine implements TaskHost {
  readonly events = createEmitter<RunEvents>();
  readonly layout: TopologyLayout;
  readonly limits: RunLimits;
  readonly acker: Acker;
  readonly pidDir: string;
  readonly logDir: string;
  readonly graceMs: number;
  readonly startedPromise: Promise<void>;
  readonly donePromise: Promise<RunResult>;
  readonly #tasks = new Map<number, Task>();
  readonly #launches = new Map<string, Launch>();
  readonly #spouts: SpoutTask[] = [];
  /** Per bolt component: the bolt tasks whose output is held back while one of its tasks is full. */
  readonly #holdOnFull = new Map<string, readonly Task[]>();
  #phase: Phase = 'new';
  #startedAt = Date.now();
  #backPressured = 0;
  #tupleSeq = 0;
  #fault: TopologyFault | undefined;
  #timers: NodeJS.Timeout[] = [];
  #resolveStarted!: () => void;
  #resolveDone!: (result: RunResult) => void;
  #stopping: Promise<RunResult> | undefined;
  #lastSnapshot = new Map<string, { emitted: number; acked: number; at: number }>();
  readonly #onFault: 'restart' | 'stop';
  readonly #crashes = new Map<number, CrashHistory>();
  /** Tasks whose crashed process is being killed: restart after this delay once it is reaped. */
  readonly #restartOnExit = new Map<number, number>();
  readonly #restartTimers = new Set<NodeJS.Timeout>();
  #chaos: Chaos | undefined;
  #crashCount = 0;
  readonly #killOnExit = (): void => {
    for (const task of this.#tasks.values()) if (task.started) task.child.signalGroup('SIGKILL');
  };

  constructor(
    readonly spec: TopologySpec,
    private readonly options: RunOptions,
  ) {
    const overrides = options.conf ?? {};
    const topologyConf = { ...spec.conf, ...overrides };
    this.limits = runLimits(topologyConf, `topology '${spec.name}'`);
    this.layout = layoutTopology(spec);
    this.logDir = path.resolve(options.logDir ?? path.join(process.cwd(), 'logs'));
    this.graceMs = options.graceMs ?? 3000;
    this.#onFault = options.onFault ?? 'restart';
    checkRunnable(spec, options.componentsDir);
    if (options.chaos) {
      if (this.#onFault === 'stop') throw new LocalRunError('chaos kills tasks on purpose: it needs tasks to be restarted, not the run stopped at the first fault (leave out --fail-fast)');
      chaosTargets(spec, options.chaos);
    }

    this.acker = new Acker((root, outcome, now) => this.#treeDone(root, outcome, now));
    // Every task is built, and its conf checked, before any process starts.
    for (const component of spec.components) {
      const conf = componentConf(spec, component, overrides, this.logDir);
      checkWindowConf(component, conf);
      const router = new Router(this.layout, component.id, component.streams);
      this.#launches.set(component.id, launchFor(component, options));
      for (const task of this.layout.componentTasks.get(component.id) ?? []) {
        const runner = component.role === 'spout' ? new SpoutTask(this, component, task, conf, router) : new BoltTask(this, component, task, conf, router);
        runner.checkConf();
        if (runner instanceof SpoutTask) this.#spouts.push(runner);
        this.#tasks.set(task, runner);
      }
    }
    if (options.memoryCheck !== false) checkMemory(spec.name, this.#tasks.size);
    for (const [component, upstream] of upstreamToHold(spec)) {
      this.#holdOnFull.set(component, upstream.flatMap((id) => (this.layout.componentTasks.get(id) ?? []).map((task) => this.#tasks.get(task)!)));
    }
    try {
      mkdirSync(this.logDir, { recursive: true });
    } catch (error) {
      throw new LocalRunError(`cannot create the log folder ${this.logDir}: ${(error as Error).message}`);
    }
    // The checks passed, so this run counts: the folder is pruned to the last runs, as Storm's log cleanup does.
    pruneRunLogs(this.logDir, options.keepLogRuns ?? DEFAULT_KEEP_RUNS, { topology: spec.name });
    this.pidDir = mkdtempSync(path.join(os.tmpdir(), `stp-run-${spec.name.replace(/[^\w.-]/g, '_')}-`));
    this.startedPromise = new Promise((resolve) => (this.#resolveStarted = resolve));
    this.donePromise = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  get running(): boolean {
    return this.#phase === 'running' || this.#phase === 'deactivating';
  }

  /** Children are being stopped: their messages are no longer processed. */
  get halted(): boolean {
    return this.#phase === 'killing' || this.#phase === 'done';
  }

  get backPressured(): boolean {
    return this.#backPressured > 0;
  }

  start(): void {
    if (this.#phase !== 'new') return;
    this.#phase = 'starting';
    this.#startedAt = Date.now();
    process.on('exit', this.#killOnExit);
    this.#timers.push(setInterval(() => this.#watch(), 250));
    this.#timers.push(setInterval(() => this.#emitStats(), this.options.statsIntervalMs ?? 1000));
    void this.#startTasks();
  }

  /** One task per turn of the event loop, so that a signal (Ctrl-C) is handled at once and stops the start. */
  async #startTasks(): Promise<void> {
    for (const runner of this.#tasks.values()) {
      if (this.#phase !== 'starting') return;
      runner.start(this.#launches.get(runner.component.id)!, handshake(this.layout, runner.component.id, runner.task, runner.conf, this.pidDir));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The task a TaskHost call names. */
  #task(ref: TaskRef): Task {
    return this.#tasks.get(ref.task)!;
  }

  taskReady(ref: TaskRef): void {
    const task = this.#task(ref);
    const history = this.#crashes.get(task.task);
    if (history) {
      history.readyAt = Date.now();
      history.startupCrashes = 0;
    }
    if (task.incarnation > 1) this.#restarted(task);
    if (this.#phase !== 'starting' || ![...this.#tasks.values()].every((t) => t.state === 'ready')) return;
    this.#phase = 'running';
    this.events.emit('started', {
      topology: this.spec.name,
      tasks: [...this.#tasks.values()].map((t) => ({ component: t.component.id, task: t.task, pid: t.child.pid ?? -1 })),
      logDir: this.logDir,
      pidDir: this.pidDir,
      // The seed, so a chaos run can be repeated (the --json record carries it).
      ...(this.options.chaos && { chaos: this.options.chaos }),
    });
    for (const spout of this.#spouts) {
      spout.active = true;
      spout.enqueue({ command: 'activate' });
    }
    if (this.options.durationMs !== undefined) {
      this.#timers.push(setTimeout(() => void this.stop('duration', this.graceMs), this.options.durationMs));
    }
    if (this.options.chaos) this.#chaos = new Chaos(this.options.chaos, chaosTargets(this.spec, this.options.chaos), (task) => this.#chaosKill(task));
    this.#resolveStarted();
  }

  nextTupleId(): string {
    return String(++this.#tupleSeq);
  }

  edgeId(): bigint {
    return randomId();
  }

  /** Sends a tuple to a bolt task; `roots` carries its edge ids when it belongs to tracked trees. */
  deliver(target: number, from: TaskRef, stream: string, values: unknown[], roots: Map<bigint, bigint> | null): void {
    const bolt = this.#tasks.get(target);
    if (!(bolt instanceof BoltTask) || bolt.state === 'dead') return;
    const message: TupleMessage = { id: this.nextTupleId(), comp: from.component.id, stream, task: from.task, tuple: values };
    bolt.send(message, { roots, ackVal: 0n, sentAt: Date.now(), kind: 'tuple' });
  }

  /** A bolt acked or failed a tracked tuple: tell the acker about each of its trees. */
  treeUpdate(entry: InFlight, outcome: 'ack' | 'fail', now: number): void {
    for (const [root, edge] of entry.roots!) {
      if (outcome === 'ack') this.acker.ack(root, edge ^ entry.ackVal, now);
      else this.acker.fail(root, now);
    }
  }

  /** A reliable spout tuple that nothing tracks (no ackers, or no receivers) is acked at emit. */
  completeAtEmit(ref: TaskRef, messageId: TupleId): void {
    const spout = this.#task(ref) as SpoutTask;
    spout.stats.acked++;
    spout.stats.latency(0);
    if (this.events.listenerCount('tree') > 0) {
      this.events.emit('tree', { component: spout.component.id, task: spout.task, messageId, outcome: 'acked', latencyMs: 0 });
    }
    spout.enqueue({ command: 'ack', id: messageId });
  }

  reportTuple(from: TaskRef, stream: string, values: unknown[], targets: readonly number[], messageId: TupleId | undefined, anchors: readonly string[] | undefined): void {
    if (this.events.listenerCount('tuple') === 0) return;
    this.events.emit('tuple', {
      component: from.component.id,
      task: from.task,
      stream,
      values,
      to: targets.map((task) => ({ component: this.layout.taskComponent.get(task)!, task })),
      ...(messageId !== undefined ? { messageId } : {}),
      ...(anchors !== undefined ? { anchors } : {}),
    });
  }

  backPressureChanged(bolt: TaskRef, on: boolean): void {
    this.#backPressured += on ? 1 : -1;
    for (const upstream of this.#holdOnFull.get(bolt.component.id) ?? []) {
      if (on) upstream.hold();
      else upstream.release();
    }
    if (!on && this.#backPressured === 0) for (const spout of this.#spouts) spout.pump();
  }

  log(task: TaskRef, level: LogLevel | 'stderr', message: string): void {
    this.events.emit('log', { component: task.component.id, task: task.task, level, message });
  }

  componentError(task: TaskRef, message: string): void {
    this.events.emit('componentError', { component: task.component.id, task: task.task, message });
  }

  /** A task failed: restart it (Storm's way, the default) or stop the run (`onFault: 'stop'`). */
  fault(ref: TaskRef, reason: string): void {
    const task = this.#task(ref);
    if (this.#fault || this.#phase === 'killing' || this.#phase === 'done') return;
    const why = reason + this.#outOfMemoryCause(task);
    if (this.#onFault === 'stop') this.#stopOnFault(task, why);
    // Once per death: a crashed task whose process is still being killed is already on its way back.
    else if (!this.#restartOnExit.has(task.task)) this.#crash(task, why);
  }

  /** `: it ran out of memory …; the likely cause is …` when its last words say it died of memory, else ''. */
  #outOfMemoryCause(task: Task): string {
    if (!task.outOfMemory) return '';
    // The component's own report already named the cause (a RangeError it could still catch).
    if (task.lastError?.includes('ran out of memory')) return '';
    const inFlight = task instanceof BoltTask ? task.inFlight.size : 0;
    const cause = task.held
      ? 'its output: the engine was holding it back (a bolt downstream was full) while it kept emitting from one input'
      : `its own data: what it keeps in memory between tuples (a growing map, cache or list; it held ${inFlight} tuple(s) not yet acked)`;
    return `: it ran out of memory (V8's heap limit; node's --max-old-space-size raises it); the likely cause is ${cause}`;
  }

  /** A child is gone; `reason` is set when it went on its own (a crash), not because the engine stopped it. */
  taskExited(ref: TaskRef, reason: string | undefined): void {
    const task = this.#task(ref);
    this.#exitWaiters.get(task.task)?.();
    const delay = this.#restartOnExit.get(task.task);
    if (delay !== undefined && task.child.exited) {
      this.#scheduleRestart(task, delay);
      return;
    }
    if (reason && this.#phase !== 'killing' && this.#phase !== 'done') this.fault(task, reason);
  }

  /**
   * A task failed and the run goes on: report it (component, task, error, stderr tail), forget what its process
   * held, and start it again after a back-off once the old process is reaped. A task that keeps dying before
   * it answers its handshake stops the run instead of looping.
   */
  #crash(task: Task, reason: string): void {
    const now = Date.now();
    const history = this.#crashes.get(task.task) ?? { crashes: 0, startupCrashes: 0, readyAt: null, crashedAt: now, recent: 0 };
    this.#crashes.set(task.task, history);
    const beforeReady = !task.answered;
    const chaos = task.chaosKill;
    if (!chaos) this.#crashCount++;
    history.crashes++;
    history.startupCrashes = beforeReady ? history.startupCrashes + 1 : 0;
    const delay = restartDelay(history, now);
    history.crashedAt = now;
    const report = {
      component: task.component.id,
      task: task.task,
      pid: task.child.pid ?? -1,
      reason,
      ...(task.lastError !== undefined ? { error: task.lastError } : {}),
      stderr: [...task.stderrTail],
      cause: chaos ? ('chaos' as const) : ('crash' as const),
      restarts: task.stats.restarts,
    };
    task.state = 'dead';
    task.lostProcess();
    if (this.#phase !== 'starting' && this.#phase !== 'running') {
      // A stopping run restarts nothing.
      this.events.emit('taskCrashed', { ...report, restartInMs: null });
      task.child.signalGroup('SIGKILL');
      return;
    }
    if (history.startupCrashes >= STARTUP_CRASH_LIMIT) {
      this.events.emit('taskCrashed', { ...report, restartInMs: null });
      this.#stopOnFault(task, `${reason}; it died ${history.startupCrashes} times in a row before answering its handshake, so it is not restarted again`);
      return;
    }
    this.events.emit('taskCrashed', { ...report, restartInMs: delay });
    this.#restartOnExit.set(task.task, delay);
    // Kill the whole group: a crashed process may leave children, and a task that broke the protocol is still alive.
    task.child.signalGroup('SIGKILL');
    if (task.child.exited) this.#scheduleRestart(task, delay);
  }

  #stopOnFault(task: Task, reason: string): void {
    this.#fault = {
      component: task.component.id,
      task: task.task,
      reason,
      ...(task.lastError !== undefined ? { error: task.lastError } : {}),
      stderr: [...task.stderrTail],
      logDir: this.logDir,
    };
    task.state = 'dead';
    void this.stop('fault', 0);
  }

  #scheduleRestart(task: Task, delay: number): void {
    this.#restartOnExit.delete(task.task);
    const timer = setTimeout(() => {
      this.#restartTimers.delete(timer);
      if (this.#phase !== 'starting' && this.#phase !== 'running') return;
      task.stats.restarts++;
      task.start(this.#launches.get(task.component.id)!, handshake(this.layout, task.component.id, task.task, task.conf, this.pidDir));
    }, delay);
    this.#restartTimers.add(timer);
  }

  /** A restarted task answered its handshake: report it, and let a spout emit again if the run is on. */
  #restarted(task: Task): void {
    const history = this.#crashes.get(task.task);
    this.events.emit('taskRestarted', {
      component: task.component.id,
      task: task.task,
      pid: task.child.pid ?? -1,
      restarts: task.stats.restarts,
      downMs: history ? Date.now() - history.crashedAt : 0,
    });
    if (task instanceof SpoutTask && this.#phase === 'running') {
      task.active = true;
      task.enqueue({ command: 'activate' });
    }
  }

  #chaosKill(taskId: number): boolean {
    const task = this.#tasks.get(taskId);
    if (!task || task.state !== 'ready' || this.#phase !== 'running') return false;
    task.chaosKill = true;
    task.child.signalGroup('SIGKILL');
    return true;
  }

  readonly #exitWaiters = new Map<number, () => void>();

  stop(reason: StopReason, graceMs: number): Promise<RunResult> {
    this.#stopping ??= this.#stop(reason, graceMs);
    return this.#stopping;
  }

  async #stop(reason: StopReason, graceMs: number): Promise<RunResult> {
    if (this.#phase === 'new') this.#phase = 'starting';
    const startCut = this.#phase === 'starting' ? this.#startCut() : undefined;
    this.events.emit('stopping', { reason, graceMs, ...(startCut && { startCut }) });
    if (reason !== 'fault' && this.#phase === 'running' && graceMs > 0) {
      this.#phase = 'deactivating';
      // The checkpoint spout keeps going while the others drain: stateful bolts ack their tuples at its commits.
      const draining = this.#spouts.filter((s) => s.component.id !== CHECKPOINT_COMPONENT);
      for (const spout of draining) {
        spout.active = false;
        spout.enqueue({ command: 'deactivate' });
      }
      const drained = (s: SpoutTask): boolean => (s.idle || s.state === 'dead') && this.acker.pendingFor(s.task) === 0;
      const until = Date.now() + graceMs;
      while (Date.now() < until && !this.#fault && !draining.every(drained)) {
        await sleep(20);
      }
    }
    // A fault during the grace period still ends the run as a fault.
    const finalReason: StopReason = this.#fault ? 'fault' : reason;
    // What nothing will replay: tuples without a tree still inside (or on their way to) the bolts.
    let untrackedInFlight = 0;
    for (const task of this.#tasks.values()) if (task instanceof BoltTask) untrackedInFlight += task.untrackedInFlight;
    this.#phase = 'killing';
    this.#chaos?.stop();
    for (const timer of this.#timers) clearInterval(timer);
    for (const timer of this.#restartTimers) clearTimeout(timer);
    await this.#killAll();
    process.off('exit', this.#killOnExit);
    rmSync(this.pidDir, { recursive: true, force: true });
    this.#phase = 'done';
    this.#resolveStarted();
    const result: RunResult = {
      topology: this.spec.name,
      reason: finalReason,
      ...(this.#fault ? { fault: this.#fault } : {}),
      stats: this.snapshot(),
      untrackedInFlight,
      ...(startCut && { startCut }),
      logDir: this.logDir,
    };
    this.events.emit('stopped', result);
    this.#resolveDone(result);
    return result;
  }

  /**
   * Ends every child's stdin and gives them a moment to exit on their own; then SIGTERMs every process group
   * (which also reaches what the components started), SIGKILL 2 s later; resolves once every child is reaped.
   */
  async #killAll(): Promise<void> {
    const started = [...this.#tasks.values()].filter((t) => t.started && t.child.pid !== undefined);
    const alive = started.filter((t) => !t.child.exited);
    const gone = Promise.all(alive.map((t) => new Promise<void>((resolve) => this.#exitWaiters.set(t.task, resolve))));
    for (const t of alive) t.child.closeInput();
    await Promise.race([gone, sleep(alive.length > 0 ? EOF_EXIT_MS : 0)]);
    for (const t of started) t.child.signalGroup('SIGTERM');
    const hard = setTimeout(() => {
      for (const t of started) t.child.signalGroup('SIGKILL');
    }, 2000);
    await gone;
    clearTimeout(hard);
  }

  /** How far the start got: the task processes spawned so far, of all the topology's tasks. */
  #startCut(): StartCut {
    let started = 0;
    for (const task of this.#tasks.values()) if (task.started) started++;
    return { started, tasks: this.#tasks.size };
  }

  /** SIGKILL every child's group now and wait (bounded) until each is reaped. */
  async kill(boundMs: number): Promise<void> {
    // No restart or chaos kill may start a process after this.
    this.#phase = 'killing';
    this.#chaos?.stop();
    for (const timer of this.#restartTimers) clearTimeout(timer);
    const started = [...this.#tasks.values()].filter((t) => t.started && t.child.pid !== undefined);
    for (const t of started) t.child.signalGroup('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(started.map((t) => t.child.reaped)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs))),
    ]);
    clearTimeout(timer);
  }

  #treeDone(root: PendingRoot, outcome: RootOutcome, now: number): void {
    const spout = this.#tasks.get(root.spoutTask);
    if (!(spout instanceof SpoutTask)) return;
    const latencyMs = now - root.emittedAt;
    if (outcome === 'acked') {
      spout.stats.acked++;
      spout.stats.latency(latencyMs);
    } else {
      spout.stats.failed++;
      if (outcome === 'timed out') spout.stats.timedOut++;
    }
    // One event per spout tuple: built only when someone listens (the view does not; tests do).
    if (this.events.listenerCount('tree') > 0) {
      this.events.emit('tree', { component: spout.component.id, task: spout.task, messageId: root.messageId, outcome, latencyMs });
    }
    // Queued even while the spout is down: its next process gets them, as Storm delivers to the task.
    if (outcome === 'acked') spout.enqueue({ command: 'ack', id: root.messageId });
    else spout.enqueue({ command: 'fail', id: root.messageId }, root.incarnation);
  }

  /** Four times a second: tree timeouts, hung children, heartbeats and ticks. */
  #watch(): void {
    const now = Date.now();
    this.acker.expire(now, this.limits.messageTimeoutMs);
    for (const task of this.#tasks.values()) {
      if (task.state === 'ready') task.tick(now);
      else if (task.state === 'starting' && task.started && now - task.lastHeard > this.limits.subprocessTimeoutMs) {
        // Storm waits forever for the answer; a run that never starts helps nobody.
        task.fault(`did not answer its handshake within ${this.limits.subprocessTimeoutMs / 1000} s (topology.subprocess.timeout.secs)`);
      }
    }
  }

  #emitStats(): void {
    if (this.events.listenerCount('stats') > 0) this.events.emit('stats', this.snapshot());
  }

  snapshot(): StatsSnapshot {
    const now = Date.now();
    const components: ComponentStats[] = [];
    for (const component of this.spec.components) {
      const tasks = this.layout.componentTasks.get(component.id) ?? [];
      const totals = { emitted: 0, transferred: 0, acked: 0, failed: 0, timedOut: 0, latencySum: 0, latencyCount: 0, queued: 0, restarts: 0, reliable: 0, replayed: 0, gaveUp: 0, lost: 0 };
      for (const id of tasks) {
        const task = this.#tasks.get(id)!;
        const s = task.stats;
        totals.emitted += s.emitted;
        totals.transferred += s.transferred;
        totals.acked += s.acked;
        totals.failed += s.failed;
        totals.timedOut += s.timedOut;
        totals.restarts += s.restarts;
        totals.reliable += s.reliable;
        totals.replayed += s.replayed;
        totals.gaveUp += s.gaveUp;
        totals.lost += s.lost;
        totals.latencySum += s.latencySum;
        totals.latencyCount += s.latencyCount;
        // Everything sent and not yet acked or failed: in the engine's queue, the pipe, or inside the component.
        if (task instanceof BoltTask) totals.queued += task.inFlight.size;
      }
      const last = this.#lastSnapshot.get(component.id) ?? { emitted: 0, acked: 0, at: this.#startedAt };
      const secs = Math.max(0.001, (now - last.at) / 1000);
      components.push({
        component: component.id,
        role: component.role,
        tasks,
        executors: Math.min(component.parallelism, tasks.length),
        emitted: totals.emitted,
        transferred: totals.transferred,
        acked: totals.acked,
        failed: totals.failed,
        timedOut: totals.timedOut,
        emitRate: (totals.emitted - last.emitted) / secs,
        ackRate: (totals.acked - last.acked) / secs,
        latencyMs: totals.latencyCount > 0 ? totals.latencySum / totals.latencyCount : null,
        queued: component.role === 'bolt' ? totals.queued : 0,
        restarts: totals.restarts,
        reliable: totals.reliable,
        replayed: totals.replayed,
        gaveUp: totals.gaveUp,
        lost: totals.lost,
        // Tuples neither acked, given up nor lost yet: their trees are pending, or their fail is on its way.
        open: component.role === 'spout' ? Math.max(0, totals.reliable - totals.acked - totals.gaveUp - totals.lost) : 0,
      });
      if (now - last.at >= 500) this.#lastSnapshot.set(component.id, { emitted: totals.emitted, acked: totals.acked, at: now });
    }
    return {
      topology: this.spec.name,
      uptimeMs: now - this.#startedAt,
      components,
      pendingTrees: this.acker.pending,
      crashes: this.#crashCount,
      chaosKills: this.#chaos?.kills ?? 0,
    };
  }
}

/** How long an immediate kill waits for the children to be reaped before the process exits anyway. */
const KILL_REAP_MS = 200;

/** How long stopped children get to exit by themselves once their stdin is closed. */
const EOF_EXIT_MS = 500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
