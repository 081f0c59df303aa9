// The component runtime in process, over in-memory streams: emit checks, ack discipline, options, context.
import { Bolt, Spout, type ComponentContext, type Tuple } from '../../lib/index.js';
import { InMemoryComponent, type Out } from './in-memory-io.js';

const commands = (out: Out[]): unknown[] => out.filter((m) => m['command'] !== 'log' && !('pid' in m)).map((m) => m['command']);
const errorText = (out: Out[]): string => String(out.find((m) => m['command'] === 'error')?.['msg']);

describe('emit checks', () => {
  class Typed extends Bolt.define({ outputs: { default: ['word', 'count'], totals: ['total'] } }) {
    override process(tuple: Tuple): void {
      const how = tuple.values[0];
      if (how === 'stream') (this.emit as (v: unknown[], o: object) => void)([1], { stream: 'totalz' });
      if (how === 'arity') (this.emit as (v: unknown[]) => void)(['a']);
      if (how === 'notarray') (this.emit as (v: unknown) => void)('a');
      if (how === 'undefined') (this.emit as (v: unknown[]) => void)(['a', ({} as { count?: number }).count]);
      if (how === 'hole') (this.emit as (v: unknown[], o: object) => void)(new Array(1), { stream: 'totals' });
    }
  }

  it.each([
    ['stream', "component 'it' (Typed): emit on undeclared stream 'totalz'; declared streams: 'default' [word, count], 'totals' [total]"],
    ['arity', "component 'it' (Typed): emit on stream 'default' got 1 value(s) [ 'a' ] but the stream declares 2 field(s) [word, count]"],
    ['notarray', "component 'it' (Typed): emit on stream 'default' needs an array of values, got 'a'"],
    ['undefined', "component 'it' (Typed): emit on stream 'default' has undefined for field 'count' (value 2) in [ 'a', undefined ]; emit null for \"no value\", or fix the value"],
    ['hole', "component 'it' (Typed): emit on stream 'totals' has undefined for field 'total' (value 1) in [ <1 empty item> ]"],
  ])('a bad emit (%s) throws a clear error, which fails the tuple and ends the process', async (how, message) => {
    const c = new InMemoryComponent(Typed);
    await c.handshake();
    c.tuple('1', [how]);
    expect(await c.done).toBe(1);
    expect(commands(c.received)).toEqual(['fail', 'error']);
    expect(errorText(c.received)).toContain(message);
    expect(c.diagnostics).toMatch(/exiting after process\(\) failed for tuple 1/);
  });

  describe('direct and regular streams', () => {
    class Director extends Bolt.define({ outputs: { default: ['word'], ctl: { fields: ['task', 'command'], direct: true } } }) {
      override process(tuple: Tuple): void {
        const loose = this as unknown as { emit(values: unknown[], options: object): void }; // as plain JS or `as any` may
        if (tuple.values[0] === 'direct-to-regular') loose.emit(['w'], { directTask: 3 });
        if (tuple.values[0] === 'regular-to-direct') loose.emit([3, 'stop'], { stream: 'ctl' });
        if (tuple.values[0] === 'right') {
          loose.emit(['w'], {});
          loose.emit([3, 'stop'], { stream: 'ctl', directTask: 3 });
        }
      }
    }

    it.each([
      [
        'direct-to-regular',
        "component 'it' (Director): emit on stream 'default' has directTask 3, but the stream is declared regular ([word]), not direct; drop directTask, or declare the stream { fields: [...], direct: true }",
      ],
      [
        'regular-to-direct',
        "component 'it' (Director): emit on stream 'ctl' has no directTask, but the stream is declared direct ({ fields: [task, command], direct: true }); pass { directTask } naming the receiving task",
      ],
    ])('a bolt emit %s is refused before anything is sent', async (how, message) => {
      const c = new InMemoryComponent(Director);
      await c.handshake();
      c.tuple('1', [how]);
      expect(await c.done).toBe(1);
      expect(commands(c.received)).toEqual(['fail', 'error']);
      expect(errorText(c.received)).toContain(message);
    });

    it('emits that match the declaration go out, the direct one with its task', async () => {
      const c = new InMemoryComponent(Director);
      await c.handshake();
      c.tuple('1', ['right']);
      await c.until((m) => m['command'] === 'ack');
      const emits = c.received.filter((m) => m['command'] === 'emit');
      expect(emits.map((m) => [m['stream'], m['task']])).toEqual([
        ['default', undefined],
        ['ctl', 3],
      ]);
      await c.close();
    });

    it('a spout emit without directTask on a direct stream is refused before anything is sent', async () => {
      class Pusher extends Spout.define({ outputs: { ctl: { fields: ['n'], direct: true } } }) {
        override nextTuple(): void {
          (this as unknown as { emit(values: unknown[], options: object): void }).emit([1], { stream: 'ctl' });
        }
      }
      const c = new InMemoryComponent(Pusher);
      await c.handshake();
      c.send({ command: 'next' });
      expect(await c.done).toBe(1);
      expect(c.received.filter((m) => m['command'] === 'emit')).toEqual([]);
      expect(errorText(c.received)).toContain(
        "component 'it' (Pusher): emit on stream 'ctl' has no directTask, but the stream is declared direct ({ fields: [n], direct: true }); pass { directTask } naming the receiving task",
      );
    });
  });

  it('a class without define() checks emits against the streams Storm sent in the handshake', async () => {
    class Plain extends Bolt {
      override process(tuple: Tuple): void {
        this.emit(tuple.values, { stream: 'out' });
      }
    }
    const c = new InMemoryComponent(Plain);
    await c.handshake({}, { 'stream->outputfields': { out: ['a', 'b'] } });
    c.tuple('1', ['x', 'y']);
    await c.until((m) => m['command'] === 'ack');
    c.tuple('2', ['x']);
    expect(await c.done).toBe(1);
    expect(errorText(c.received)).toContain("emit on stream 'out' got 1 value(s) [ 'x' ] but the stream declares 2 field(s) [a, b]");
  });
});

describe('bolt options', () => {
  it('autoAck/autoAnchor off: manual ack, unanchored emits, explicit anchors', async () => {
    class Manual extends Bolt {
      override autoAck = false;
      override autoAnchor = false;
      override process(tuple: Tuple): void {
        this.emit(['free']);
        this.emit(['tied'], { anchors: [tuple] });
        this.ack(tuple);
      }
    }
    const c = new InMemoryComponent(Manual);
    await c.handshake();
    c.tuple('7', ['x']);
    const out = await c.until((m) => m['command'] === 'ack');
    expect(out.filter((m) => m['command'] === 'emit').map((m) => m['anchors'])).toEqual([[], ['7']]);
    expect(commands(out)).toEqual(['emit', 'emit', 'ack']);
    expect(await c.close()).toBe(0);
  });

  it('acking twice is refused with a message that says why (Storm would kill the worker)', async () => {
    class Twice extends Bolt {
      override process(tuple: Tuple): void {
        this.ack(tuple);
        this.ack(tuple);
      }
    }
    const c = new InMemoryComponent(Twice);
    await c.handshake();
    c.tuple('3', []);
    expect(await c.done).toBe(1);
    expect(commands(c.received)).toEqual(['ack', 'error']);
    expect(errorText(c.received)).toContain("Twice: cannot ack tuple '3': it is not pending (already acked or failed, or never received)");
  });

  it('metrics, reset_timeout and reportError use the protocol commands', async () => {
    class Talks extends Bolt {
      override process(tuple: Tuple): void {
        this.metric('latency', { ms: 5 });
        this.resetTimeout(tuple);
        this.reportError(new Error('soft problem'), 'while talking');
      }
    }
    const c = new InMemoryComponent(Talks);
    await c.handshake();
    c.tuple('4', []);
    const out = await c.until((m) => m['command'] === 'ack');
    expect(out.find((m) => m['command'] === 'metrics')).toEqual({ command: 'metrics', name: 'latency', params: { ms: 5 } });
    expect(out.find((m) => m['command'] === 'reset_timeout')).toEqual({ command: 'reset_timeout', id: '4' });
    expect(errorText(out)).toMatch(/^while talking: Error: soft problem\n\s+at /);
    await c.close();
  });

  it('stp.log.level filters what reaches Storm', async () => {
    class Chatty extends Bolt {
      override process(): void {
        this.log('debug detail', 'debug');
        this.log('warning sign', 'warn');
      }
    }
    const c = new InMemoryComponent(Chatty);
    await c.handshake({ 'stp.log.level': 'warning' });
    c.tuple('1', []);
    const out = await c.until((m) => m['command'] === 'ack');
    expect(out.filter((m) => m['command'] === 'log')).toEqual([{ command: 'log', msg: 'warning sign', level: 3 }]);
    await c.close();
  });
});

describe('initialize and context', () => {
  it('passes conf and a typed context; tuples wait for an async initialize', async () => {
    let seen: ComponentContext | undefined;
    const order: string[] = [];
    class Init extends Bolt {
      override async initialize(conf: Record<string, unknown>, context: ComponentContext): Promise<void> {
        seen = context;
        order.push(`init ${String(conf['topology.name'])}`);
        await new Promise((r) => setTimeout(r, 50));
        order.push('init done');
      }
      override process(tuple: Tuple): void {
        order.push(`process ${tuple.id}`);
      }
    }
    const c = new InMemoryComponent(Init);
    await c.handshake({ 'storm.id': 'unit-7-123' });
    c.tuple('1', []);
    await c.until((m) => m['command'] === 'ack');
    expect(order).toEqual(['init unit', 'init done', 'process 1']);
    expect(seen?.taskId).toBe(2);
    expect(seen?.componentId).toBe('it');
    expect(seen?.topologyId).toBe('unit-7-123');
    expect(seen?.topologyName).toBe('unit');
    expect(seen?.taskToComponent.get(1)).toBe('src');
    expect(seen?.componentTasks('it')).toEqual([2, 3]);
    await c.close();
  });

  it('an exception in initialize is reported and ends the process with 1', async () => {
    class BadInit extends Spout {
      override initialize(): void {
        throw new Error('no database');
      }
      override nextTuple(): void {}
    }
    const c = new InMemoryComponent(BadInit);
    await c.handshake();
    expect(await c.done).toBe(1);
    expect(c.diagnostics).toMatch(/exiting after initialize\(\) failed/);
  });

  it('refuses a class that is not a component', async () => {
    class NotAComponent {}
    const c = new InMemoryComponent(NotAComponent);
    expect(await c.done).toBe(1);
    expect(c.diagnostics).toMatch(/NotAComponent is not a Spout or Bolt class/);
  });
});

describe('spout turns', () => {
  it('holds messages sent outside a turn (a timer) for the next turn, before its sync', async () => {
    let logged = false;
    class Timed extends Spout {
      override initialize(): void {
        setTimeout(() => {
          this.log('from a timer');
          logged = true;
        }, 10);
      }
      override nextTuple(): void {}
    }
    const c = new InMemoryComponent(Timed);
    await c.handshake();
    await waitFor(() => logged, 'the timer to log');
    await new Promise((r) => setTimeout(r, 50)); // room for a wrongly sent log to arrive (it must not)
    expect(c.received.filter((m) => m['command'] === 'log')).toEqual([]);
    c.send({ command: 'next' });
    const out = await c.until((m) => m['command'] === 'sync');
    expect(out.slice(1)).toEqual([{ command: 'log', msg: 'from a timer', level: 2 }, { command: 'sync' }]);
    await c.close();
  });

  it('keepAliveOnError: an exception in nextTuple is reported and the turn still ends with sync', async () => {
    class Flaky extends Spout {
      override keepAliveOnError = true;
      override nextTuple(): void {
        throw new Error('flaky source');
      }
    }
    const c = new InMemoryComponent(Flaky);
    await c.handshake();
    c.send({ command: 'next' });
    const out = await c.until((m) => m['command'] === 'sync');
    expect(commands(out)).toEqual(['error', 'sync']);
    expect(errorText(out)).toMatch(/nextTuple\(\) failed: Error: flaky source/);
    expect(await c.close()).toBe(0);
  });
});

describe('back-pressure', () => {
  it('stops reading input while the output is not drained, and resumes after', async () => {
    class Echo extends Bolt {
      override process(tuple: Tuple): void {
        this.emit(['x'.repeat(10_000), tuple.id]);
      }
    }
    const c = new InMemoryComponent(Echo);
    await c.handshake();
    c.output.pause(); // nobody reads the component's output: its buffer fills up
    for (let i = 0; i < 20; i++) c.tuple(String(i), []);
    await waitFor(() => c.input.isPaused(), 'input paused');
    expect(c.input.isPaused()).toBe(true);
    c.output.resume();
    await waitFor(() => !c.input.isPaused(), 'input resumed');
    expect(c.input.isPaused()).toBe(false);
    await c.until((m) => m['command'] === 'ack' && m['id'] === '19');
    c.input.end();
    expect(await c.done).toBe(0);
  });
});

/** Polls `check` until it holds; fails after `ms` naming what it waited for. */
async function waitFor(check: () => boolean, what: string, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
