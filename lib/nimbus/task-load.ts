// What a submit asks of the cluster, shown by `stp submit --dry-run`: how many tasks each component has, how many
// of them are processes of their own on the workers (every TypeScript or shell task is one node or script
// process beside its worker's JVM, ShellBolt's way), and whether that is far beyond the worker slots it gets.
// `p: 10000` is a typo the dry run should catch before the cluster's machines run out of memory.
import type { ClusterSummary } from './client.js';
import type { TopologySpec } from '../topology/spec.js';
import type { ResolvedEnv } from '../config/env.js';
import { TASK_RSS_MB } from '../local/memory-check.js';
import { connectNimbus, usesTunnel, type NimbusSession } from './session.js';

/** Component processes per worker slot beyond which the dry run warns (about 1.5 GB beside each worker at 48 MB each). */
export const MAX_PROCESSES_PER_WORKER = 32;

export interface TaskLoad {
  readonly components: readonly { readonly id: string; readonly tasks: number; readonly processes: boolean }[];
  readonly tasks: number;
  /** Tasks that are processes of their own on the workers (TypeScript and shell components, not Java ones). */
  readonly processes: number;
  /** topology.workers as the submit resolves it. */
  readonly workers: number;
}

/** What getClusterInfo says of the supervisors' slots, or why it was not asked. */
export type ClusterSlots = { readonly known: true; readonly supervisors: number; readonly slots: number; readonly used: number } | { readonly known: false; readonly why: string };

export function taskLoad(spec: TopologySpec, workers: number): TaskLoad {
  const components = spec.components.map((c) => ({ id: c.id, tasks: c.tasks ?? c.parallelism, processes: c.impl.kind !== 'java' }));
  const tasks = components.reduce((sum, c) => sum + c.tasks, 0);
  const processes = components.reduce((sum, c) => sum + (c.processes ? c.tasks : 0), 0);
  return { components, tasks, processes, workers };
}

export function clusterSlots(summary: ClusterSummary): ClusterSlots {
  const supervisors = summary.supervisors.filter((s) => s.blacklisted !== true);
  return {
    known: true,
    supervisors: supervisors.length,
    slots: supervisors.reduce((sum, s) => sum + s.num_workers, 0),
    used: supervisors.reduce((sum, s) => sum + s.num_used_workers, 0),
  };
}

/**
 * Asks the env's Nimbus for its supervisors' slots, briefly: a dry run must not wait a minute for a cluster that is
 * not there. Through SSH it does not ask (a dry run opens no tunnel); any failure is the reason it could not.
 */
export async function askClusterSlots(env: ResolvedEnv, options: { connectTimeoutMs?: number; callTimeoutMs?: number } = {}): Promise<ClusterSlots> {
  if (usesTunnel(env)) return { known: false, why: `envs.${env.name} reaches Nimbus through SSH, and a dry run opens no tunnel` };
  let session: NimbusSession | undefined;
  try {
    session = await connectNimbus(env, undefined, { connectTimeoutMs: options.connectTimeoutMs ?? 5000, callTimeoutMs: options.callTimeoutMs ?? 10_000 });
    return clusterSlots(await session.client.getClusterInfo());
  } catch (error) {
    return { known: false, why: `Nimbus did not answer: ${(error as Error).message.split('\n', 1)[0]}` };
  } finally {
    await session?.close();
  }
}

/** The dry run's lines about tasks and slots, and its warnings (empty when the load looks sane). */
export function taskLoadReport(load: TaskLoad, cluster: ClusterSlots): { lines: string[]; warnings: string[] } {
  const lines = [
    `Tasks: ${load.components.map((c) => `${c.id} ${c.tasks}`).join(', ')}; ${load.tasks} in all, ${load.processes} of them component processes on the workers`,
  ];
  const warnings: string[] = [];
  let slotsFor = load.workers;
  if (cluster.known) {
    const free = Math.max(0, cluster.slots - cluster.used);
    lines.push(`Cluster (getClusterInfo): ${cluster.supervisors} supervisor${cluster.supervisors === 1 ? '' : 's'}, ${cluster.slots} worker slots, ${cluster.used} used, ${free} free`);
    if (load.workers > free) {
      warnings.push(`the topology asks for ${load.workers} workers (topology.workers) but the cluster has ${free} free slot${free === 1 ? '' : 's'}: Storm runs it on fewer workers, or not until slots free up`);
    }
    // The workers it can get: its own count when the slots are there, else every free one (at least one).
    slotsFor = Math.max(1, Math.min(load.workers, free));
  } else {
    lines.push(`Cluster: not asked (${cluster.why}); compared with topology.workers (${load.workers}) only`);
  }
  const perWorker = Math.ceil(load.processes / Math.max(1, slotsFor));
  if (perWorker > MAX_PROCESSES_PER_WORKER) {
    warnings.push(
      `${load.processes} component processes on ${slotsFor} worker${slotsFor === 1 ? '' : 's'} is about ${perWorker} per worker, far beyond ${MAX_PROCESSES_PER_WORKER} ` +
        `(each a process of about ${TASK_RSS_MB} MB: about ${gb(perWorker * TASK_RSS_MB)} beside each worker's JVM); lower the parallelism (p, tasks) or raise topology.workers (-w)`,
    );
  }
  return { lines, warnings };
}

function gb(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}
