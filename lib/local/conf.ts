// The conf a local run works with: topology conf, then component conf, then the user's overrides (`-o`), the
// way a task on a cluster sees its merged conf. Numbers the engine relies on are checked up front.
import type { ComponentSpec, TopologySpec } from '../topology/spec.js';
import { LocalRunError } from './errors.js';

export const CONF = {
  messageTimeoutSecs: 'topology.message.timeout.secs',
  maxSpoutPending: 'topology.max.spout.pending',
  ackerExecutors: 'topology.acker.executors',
  tickFreqSecs: 'topology.tick.tuple.freq.secs',
  subprocessTimeoutSecs: 'topology.subprocess.timeout.secs',
  workerTimeoutSecs: 'supervisor.worker.timeout.secs',
  shellboltMaxPending: 'topology.shellbolt.max.pending',
  debug: 'topology.debug',
  logPath: 'stp.log.path',
} as const;

/** The conf one component's tasks receive in their handshake. */
export function componentConf(
  spec: TopologySpec,
  component: ComponentSpec,
  overrides: Readonly<Record<string, unknown>>,
  logDir: string,
): Record<string, unknown> {
  return {
    'topology.name': spec.name,
    [CONF.logPath]: logDir,
    ...spec.conf,
    ...component.conf,
    ...overrides,
  };
}

/** Reads a numeric conf key; absent (or null) gives `fallback`; anything else but a number >= min is refused. */
export function confNumber(conf: Readonly<Record<string, unknown>>, key: string, fallback: number | null, where: string, min = 0): number | null {
  const value = conf[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new LocalRunError(
      `${where}: conf ${key} is ${JSON.stringify(value)}; it must be a number >= ${min}, e.g. -o ${key}=${fallback ?? Math.max(min, 1)}`,
    );
  }
  return value;
}

export interface RunLimits {
  readonly messageTimeoutMs: number;
  readonly ackersEnabled: boolean;
  readonly subprocessTimeoutMs: number;
}

export function runLimits(conf: Readonly<Record<string, unknown>>, where: string): RunLimits {
  const workerTimeout = confNumber(conf, CONF.workerTimeoutSecs, 30, where, 1)!;
  return {
    messageTimeoutMs: confNumber(conf, CONF.messageTimeoutSecs, 30, where, 0.001)! * 1000,
    // Storm's default (null) is one acker per worker; the engine is one worker.
    ackersEnabled: confNumber(conf, CONF.ackerExecutors, 1, where, 0)! > 0,
    subprocessTimeoutMs: confNumber(conf, CONF.subprocessTimeoutSecs, workerTimeout, where, 0.001)! * 1000,
  };
}
