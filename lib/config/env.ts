// Picks the env a command works on and fills in what it derives (nimbus port, UI address).
import { ConfigError } from './errors.js';
import type { EnvConfig, StpConfig } from './schema.js';

export const DEFAULT_NIMBUS_PORT = 6627;
export const DEFAULT_UI_PORT = 8080;

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ResolvedEnv {
  readonly name: string;
  readonly config: EnvConfig;
  readonly nimbus: HostPort;
  readonly ui: HostPort;
  /** Whether submit runs `stp prepare` first. */
  readonly installNodeModules: boolean;
}

export function parseHostPort(value: string, defaultPort: number): HostPort {
  const [host = value, port] = value.split(':');
  return { host, port: port === undefined ? defaultPort : Number(port) };
}

/** The env named `name`; with no name, the only env there is. */
export function resolveEnv(config: StpConfig, name?: string): ResolvedEnv {
  const names = Object.keys(config.envs);
  if (names.length === 0) {
    throw new ConfigError('config.json has no envs; add one under "envs", e.g. {"envs": {"prod": {"nimbus": "nimbus.example.com"}}}');
  }
  let chosen = name;
  if (chosen === undefined) {
    if (names.length > 1) {
      throw new ConfigError(`config.json has ${names.length} envs (${names.join(', ')}); choose one with -e ENV`);
    }
    chosen = names[0]!;
  }
  const env = config.envs[chosen];
  if (env === undefined) {
    throw new ConfigError(`no env "${chosen}" in config.json; the envs are: ${names.join(', ')}`);
  }
  const nimbus = parseHostPort(env.nimbus, DEFAULT_NIMBUS_PORT);
  return {
    name: chosen,
    config: env,
    nimbus,
    ui: env.ui === undefined ? { host: nimbus.host, port: DEFAULT_UI_PORT } : parseHostPort(env.ui, DEFAULT_UI_PORT),
    installNodeModules: env.install_node_modules ?? env.use_node_modules,
  };
}
