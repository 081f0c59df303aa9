// How a windowed bolt declares its window (`WindowedBolt.define({ ..., window })`), the normalised form the window
// manager runs, the Storm conf keys the same window has on a Java BaseWindowedBolt, and the checks Storm's
// WindowedBoltExecutor makes against the topology conf when it prepares.

/** A window length or slide: a tuple count, or a duration. */
export type WindowSize = { readonly count: number } | { readonly ms: number } | { readonly seconds: number };

/** A duration (lag, watermark interval). */
export type WindowDuration = { readonly ms: number } | { readonly seconds: number };

interface EventTimeOptions {
  /**
   * Event time: the read field that holds each tuple's timestamp (ms since the epoch, a number). Windows then
   * follow watermarks instead of the clock, and tuples behind the watermark are late.
   */
  readonly timestampField?: string;
  /** Event time: how far behind the newest timestamp a tuple may be and still count (Storm's `withLag`). Default 0. */
  readonly lag?: WindowDuration;
  /** Event time: how often a watermark is computed (Storm's `withWatermarkInterval`). Default 1 s. */
  readonly watermarkInterval?: WindowDuration;
  /**
   * Event time: a declared output stream that receives late tuples (their read values, anchored to them). Without
   * one, a late tuple is acked, counted (`lateTuples`) and logged.
   */
  readonly lateStream?: string;
}

/** `length` with an optional `slide` (default: a count of 1, as in Storm), or `tumbling` (length = slide). */
export type WindowDeclaration =
  | (EventTimeOptions & { readonly length: WindowSize; readonly slide?: WindowSize; readonly tumbling?: never })
  | (EventTimeOptions & { readonly tumbling: WindowSize; readonly length?: never; readonly slide?: never });

/** A size the manager counts in: tuples, or milliseconds. */
export type Size = { readonly unit: 'count'; readonly value: number } | { readonly unit: 'ms'; readonly value: number };

export interface WindowConfig {
  readonly length: Size;
  readonly slide: Size;
  readonly timestampField?: string;
  readonly lagMs: number;
  readonly watermarkIntervalMs: number;
  readonly lateStream?: string;
}

const DEFAULT_WATERMARK_INTERVAL_MS = 1000;

/** Storm's conf keys for a windowed bolt's component conf (Config.TOPOLOGY_BOLTS_*). */
export const WINDOW_CONF = {
  lengthCount: 'topology.bolts.window.length.count',
  lengthMs: 'topology.bolts.window.length.duration.ms',
  slideCount: 'topology.bolts.window.sliding.interval.count',
  slideMs: 'topology.bolts.window.sliding.interval.duration.ms',
  lateStream: 'topology.bolts.late.tuple.stream',
  lagMs: 'topology.bolts.tuple.timestamp.max.lag.ms',
  watermarkIntervalMs: 'topology.bolts.watermark.event.interval.ms',
} as const;

/** Normalises a declaration; throws one line saying what is wrong (`where` names the class). */
export function windowConfig(declaration: unknown, where: string, reads: readonly string[] | undefined): WindowConfig {
  const fail = (problem: string): never => {
    throw new TypeError(`${where}: ${problem}`);
  };
  if (typeof declaration !== 'object' || declaration === null) fail('window must be an object, e.g. { length: { seconds: 30 }, slide: { seconds: 1 } }');
  const d = declaration as Record<string, unknown>;
  if (d['tumbling'] !== undefined && (d['length'] !== undefined || d['slide'] !== undefined)) {
    fail('window.tumbling cannot be combined with length or slide (a tumbling window slides by its length)');
  }
  const length = d['tumbling'] !== undefined ? size(d['tumbling'], 'window.tumbling', fail) : size(d['length'], 'window.length', fail);
  const slide = d['tumbling'] !== undefined ? length : d['slide'] === undefined ? ({ unit: 'count', value: 1 } as const) : size(d['slide'], 'window.slide', fail);
  const timestampField = d['timestampField'];
  const lateStream = d['lateStream'];
  if (timestampField !== undefined) {
    if (typeof timestampField !== 'string') fail(`window.timestampField must be a field name, got ${JSON.stringify(timestampField)}`);
    if (!reads?.includes(timestampField as string)) {
      fail(`window.timestampField "${String(timestampField)}" is not read; add it to reads (reads: ${JSON.stringify(reads ?? [])})`);
    }
  } else {
    for (const key of ['lateStream', 'lag', 'watermarkInterval']) {
      if (d[key] !== undefined) fail(`window.${key} needs window.timestampField (it only applies to event time)`);
    }
  }
  if (lateStream !== undefined && typeof lateStream !== 'string') fail(`window.lateStream must be a stream id, got ${JSON.stringify(lateStream)}`);
  const lagMs = d['lag'] === undefined ? 0 : duration(d['lag'], 'window.lag', fail, 0);
  const watermarkIntervalMs = d['watermarkInterval'] === undefined ? DEFAULT_WATERMARK_INTERVAL_MS : duration(d['watermarkInterval'], 'window.watermarkInterval', fail, 1);
  return {
    length,
    slide,
    ...(typeof timestampField === 'string' && { timestampField }),
    lagMs,
    watermarkIntervalMs,
    ...(typeof lateStream === 'string' && { lateStream }),
  };
}

function size(value: unknown, what: string, fail: (problem: string) => never): Size {
  if (typeof value === 'object' && value !== null && 'count' in value) {
    const count = (value as { count: unknown }).count;
    if (!Number.isInteger(count) || (count as number) <= 0) fail(`${what}.count must be a whole number > 0, got ${JSON.stringify(count)}`);
    return { unit: 'count', value: count as number };
  }
  return { unit: 'ms', value: duration(value, what, fail, 1) };
}

function duration(value: unknown, what: string, fail: (problem: string) => never, min: number): number {
  if (typeof value !== 'object' || value === null || !('ms' in value || 'seconds' in value)) {
    fail(`${what} must be { count }, { ms } or { seconds }, got ${JSON.stringify(value)}`);
  }
  const v = value as { ms?: unknown; seconds?: unknown };
  const ms = v.ms !== undefined ? v.ms : typeof v.seconds === 'number' ? v.seconds * 1000 : v.seconds;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < min || !Number.isInteger(Math.round(ms))) {
    fail(`${what} must be a duration of at least ${min} ms, got ${JSON.stringify(value)}`);
  }
  return Math.round(ms as number);
}

/** The window as Storm's own windowed bolts carry it in their component conf (what Storm UI and Flux show). */
export function windowStormConf(config: WindowConfig): Record<string, number | string> {
  const conf: Record<string, number | string> = {
    [config.length.unit === 'count' ? WINDOW_CONF.lengthCount : WINDOW_CONF.lengthMs]: config.length.value,
    [config.slide.unit === 'count' ? WINDOW_CONF.slideCount : WINDOW_CONF.slideMs]: config.slide.value,
  };
  if (config.timestampField !== undefined) {
    conf[WINDOW_CONF.lagMs] = config.lagMs;
    conf[WINDOW_CONF.watermarkIntervalMs] = config.watermarkIntervalMs;
    if (config.lateStream !== undefined) conf[WINDOW_CONF.lateStream] = config.lateStream;
  }
  return conf;
}

/** The length and slide a component conf carries in Storm's keys (what the builder writes), if any. */
export function windowSizesInConf(conf: Readonly<Record<string, unknown>>): Pick<WindowConfig, 'length' | 'slide'> | undefined {
  const read = (countKey: string, msKey: string): Size | undefined => {
    const count = conf[countKey];
    const ms = conf[msKey];
    if (typeof count === 'number') return { unit: 'count', value: count };
    if (typeof ms === 'number') return { unit: 'ms', value: ms };
    return undefined;
  };
  const length = read(WINDOW_CONF.lengthCount, WINDOW_CONF.lengthMs);
  if (length === undefined) return undefined;
  return { length, slide: read(WINDOW_CONF.slideCount, WINDOW_CONF.slideMs) ?? { unit: 'count', value: 1 } };
}

export interface WindowConfProblems {
  /** What Storm refuses in WindowedBoltExecutor.prepare (the bolt would never work). */
  readonly errors: string[];
  /** What Storm refuses too but can still work in stp's reading (see docs/components.md#windowing). */
  readonly warnings: string[];
}

const TIMEOUT = 'topology.message.timeout.secs';
const TIMEOUTS_ON = 'topology.enable.message.timeouts';
const MAX_PENDING = 'topology.max.spout.pending';

/**
 * Storm's checks of a window against the conf its task runs with. A duration window (length + slide, or the one
 * that is a duration) longer than the message timeout is refused: its tuples would time out and replay while
 * the window still holds them. A count window (length + slide, or the one that is a count) larger than
 * topology.max.spout.pending is a warning: one spout task could never fill it, but several can.
 */
export function windowConfProblems(config: Pick<WindowConfig, 'length' | 'slide'>, conf: Readonly<Record<string, unknown>>, bolt: string): WindowConfProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { length, slide } = config;
  const ms = (length.unit === 'ms' ? length.value : 0) + (slide.unit === 'ms' ? slide.value : 0);
  const timeoutSecs = typeof conf[TIMEOUT] === 'number' ? (conf[TIMEOUT] as number) : 30;
  if (ms > 0 && conf[TIMEOUTS_ON] !== false && ms > timeoutSecs * 1000) {
    const what = length.unit === 'ms' && slide.unit === 'ms' ? 'length + slide' : length.unit === 'ms' ? 'length' : 'slide';
    errors.push(
      `${bolt}: window ${what} is ${ms} ms, more than ${TIMEOUT} (${timeoutSecs} s): its tuples would time out and replay while the window holds them; shorten the window or raise ${TIMEOUT} above ${Math.ceil(ms / 1000)}`,
    );
  }
  const count = (length.unit === 'count' ? length.value : 0) + (slide.unit === 'count' ? slide.value : 0);
  const maxPending = conf[MAX_PENDING];
  if (count > 0 && typeof maxPending === 'number' && count > maxPending) {
    const what = length.unit === 'count' && slide.unit === 'count' ? 'length + slide' : length.unit === 'count' ? 'length' : 'slide';
    warnings.push(
      `${bolt}: window ${what} is ${count} tuples, more than ${MAX_PENDING} (${maxPending}): a single spout task can never fill it (Storm refuses this); raise ${MAX_PENDING} to at least ${count} unless several spout tasks feed the bolt`,
    );
  }
  return { errors, warnings };
}
