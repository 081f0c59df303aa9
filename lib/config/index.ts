// config.json: schema, loading, env selection and conf precedence.
export { configSchema, envSchema, logSchema, LOG_LEVELS } from './schema.js';
export type { ConfigInput, EnvConfig, LogConfig, LogLevel, StpConfig } from './schema.js';
export { ConfigError } from './errors.js';
export { CONFIG_FILE, loadConfig, parseConfig, type LoadedConfig } from './load.js';
export { DEFAULT_NIMBUS_PORT, DEFAULT_UI_PORT, parseHostPort, resolveEnv, type HostPort, type ResolvedEnv } from './env.js';
export {
  LOG_CONF_KEYS,
  parseOptionAssignments,
  resolveConf,
  type CliConf,
  type ConfEntry,
  type ConfOrigin,
  type ConfSource,
  type ResolvedConf,
} from './conf.js';
export { checkConf, checkStormConf } from './storm-conf.js';
export { flagList, parseCount, parseExecutorCounts } from './flags.js';
