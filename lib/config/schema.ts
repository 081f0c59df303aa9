// The config.json schema (streamparse's format, with the Python virtualenv keys replaced by Node analogs).
// Objects are strict so an unknown or misspelt key is reported instead of silently ignored.
import { z } from 'zod';
import { DEFAULT_KEEP_RUNS } from '../logging/run-logs.js';
import { STATE_PROVIDER_NAMES } from '../state/store-choice.js';

/**
 * `host` or `host:port`; the port, when given, must be 1..65535. One problem, one message: an IPv6 literal is
 * named as such rather than as a bad port.
 */
const hostPort = z.string().check((ctx) => {
  const value = ctx.value;
  const fail = (message: string) => ctx.issues.push({ code: 'custom', message, input: value });
  if (value.startsWith('[') || (value.match(/:/g)?.length ?? 0) > 1) {
    fail('a host name or IPv4 address: IPv6 addresses are not supported here; give the host a name (e.g. in /etc/hosts) and use that');
    return;
  }
  const match = /^([^\s:]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) fail('a "host" or "host:port" string, e.g. "nimbus.example.com:6627"');
  else if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535)) fail('a port between 1 and 65535');
});

/** A directory on the workers: absolute, without ".." (stp builds paths under it and removes files in it). */
const remoteDir = (example: string) =>
  z.string().check((ctx) => {
    const value = ctx.value;
    if (!value.startsWith('/') || value.includes('\0') || /(^|\/)\.\.(\/|$)/.test(value)) {
      ctx.issues.push({ code: 'custom', input: value, message: `an absolute directory on the workers without ".." (stp builds paths under it), e.g. ${JSON.stringify(example)}` });
    }
  });

/**
 * Why `value` cannot be node_executable, or undefined. Storm starts components with [node_executable, script] and
 * does not split node_executable at spaces, so flags in it would make Storm look for a program named
 * "node --inspect" and every component would fail to start. A path may hold spaces.
 */
export function nodeExecutableProblem(value: string): string | undefined {
  if (!/\s-/.test(value) && (value.includes('/') || !/\s/.test(value))) return undefined;
  return 'one executable with no arguments: Storm runs it as a single program name and does not split it at spaces, so every component would fail to start on the workers; to pass node flags, name a wrapper script (e.g. "/opt/stp/node-inspect" holding: exec node --inspect "$@")';
}

const nodeExecutable = z
  .string()
  .min(1)
  .check((ctx) => {
    const message = nodeExecutableProblem(ctx.value);
    if (message) ctx.issues.push({ code: 'custom', input: ctx.value, message });
  });

/**
 * An env's topology conf: any key (checked with the topology's conf when it is resolved, see storm-conf.ts), the
 * state keys typed here so that editors complete them and a wrong one is named at load time.
 */
const envOptions = z
  .object({
    'topology.state.provider': z
      .enum(STATE_PROVIDER_NAMES)
      .optional()
      .describe('The store of stateful bolts: "file" (the default, no server), "redis" or "memory" (Storm\'s class names for Redis and memory are accepted).'),
    'topology.state.provider.config': z
      .union([z.string(), z.record(z.string(), z.unknown())], { error: 'a JSON string, or an object (sent as its JSON text)' })
      .optional()
      .describe('The store\'s config as Storm takes it, a JSON string (an object is sent as its JSON): {"jedisPoolConfig": {"host", "port", "timeout", "database", "password"}} for Redis, {"dir"} for file.'),
    'topology.state.checkpoint.interval.ms': z.int().positive().optional().describe('Milliseconds between checkpoints of stateful bolts (Storm\'s default 1000; at least 100 is used).'),
  })
  .catchall(z.unknown());

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical'] as const;

export const logSchema = z.strictObject({
  /** Directory on the workers where component log files go. */
  path: remoteDir('/var/log/storm/stp').optional(),
  /** Rotate a component's log file when it reaches this many bytes. */
  max_bytes: z.int().positive().optional(),
  /** Rotated files kept per component. */
  backup_count: z.int().nonnegative().optional(),
  level: z.enum(LOG_LEVELS).optional(),
});

export const envSchema = z.strictObject({
  /** SSH user for the workers (and the Nimbus tunnel); defaults to ~/.ssh/config's User, then the local user. */
  user: z.string().min(1).optional(),
  /** Nimbus: "host[:port]", port 6627 by default. */
  nimbus: hostPort,
  /** Worker hosts, for `stp prepare`, `tail`, `remove-logs`. */
  workers: z.array(z.string().min(1)).default([]),
  log: logSchema.default({}),
  /** Reach Nimbus through an SSH tunnel to the nimbus host. */
  use_ssh_for_nimbus: z.boolean().default(false),
  /** SSH port on the nimbus and worker hosts when ~/.ssh/config does not say. */
  ssh_port: z.int().min(1).max(65535).optional(),
  /** Storm UI "host[:port]"; defaults to the nimbus host, port 8080. */
  ui: hostPort.optional(),
  /** Topology conf for this env (lowest precedence: topology and CLI override it). */
  options: envOptions.default({}),
  /** What Storm runs TypeScript components with on the workers (an executable, no arguments). */
  node_executable: nodeExecutable.default('node'),
  /** Components resolve `externals` from a per-topology node_modules on the workers (see `stp prepare`). */
  use_node_modules: z.boolean().default(false),
  /** Run `stp prepare` as part of submit (defaults to `use_node_modules`). */
  install_node_modules: z.boolean().optional(),
  /** Root directory on the workers for per-topology installs (streamparse: virtualenv_root). */
  node_modules_root: remoteDir('/data/stp/node_modules').default('/data/stp/node_modules'),
  /** Extra flags for `npm install` on the workers (streamparse: virtualenv_flags). */
  npm_flags: z.string().default(''),
});

export const localLogSchema = z.strictObject({
  /** The log files of this many `stp run` runs are kept; older ones are deleted when a run starts. */
  keep_runs: z.int().positive().default(DEFAULT_KEEP_RUNS),
});

export const configSchema = z.strictObject({
  /** Folder with the topology files. */
  topology_specs: z.string().min(1).default('topologies/'),
  /** Jars merged into every topology jar (e.g. Kafka's spout), relative to the project. */
  extra_jars: z.array(z.string().min(1)).default([]),
  /** Module exporting `preSubmit` / `postSubmit`, relative to the project (default: hooks.ts when present). */
  hooks: z.string().min(1).optional(),
  envs: z.record(z.string().min(1), envSchema).default({}),
  /** The project's own log folder (`logs/`, where `stp run` writes): how many runs' files are kept. */
  local_log: localLogSchema.prefault({}),
  /** The JSON Schema editors check the file against (the scaffold names the one storm-ts ships). */
  $schema: z.string().optional(),
});

export type ConfigInput = z.input<typeof configSchema>;
export type StpConfig = z.output<typeof configSchema>;
export type EnvConfig = z.output<typeof envSchema>;
export type LogConfig = z.output<typeof logSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];
