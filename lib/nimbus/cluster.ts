// What every cluster command (list, kill, activate, deactivate, rebalance) does first: read config.json, pick the
// env, and open a Nimbus session (through the SSH tunnel when the env says so).
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { resolveEnv, type ResolvedEnv } from '../config/env.js';
import { openNimbusSession, type NimbusSession, type SessionOptions } from './session.js';

export interface ClusterContext {
  readonly loaded: LoadedConfig;
  readonly env: ResolvedEnv;
  readonly session: NimbusSession;
}

export async function openCluster(input: { cwd?: string; envName?: string; session?: SessionOptions }): Promise<ClusterContext> {
  const loaded = loadConfig(input.cwd);
  const env = resolveEnv(loaded.config, input.envName);
  const session = await openNimbusSession(env, input.session);
  return { loaded, env, session };
}

/** Runs `work` with a cluster session and always closes it (tunnel included). */
export async function withCluster<T>(input: Parameters<typeof openCluster>[0], work: (context: ClusterContext) => Promise<T>): Promise<T> {
  const context = await openCluster(input);
  try {
    return await work(context);
  } finally {
    await context.session.close();
  }
}
