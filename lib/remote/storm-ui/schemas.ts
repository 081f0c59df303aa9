// The parts of Storm UI REST responses (/api/v1/...) that stp reads, as Storm's STORM-UI-REST-API documents
// them. Objects are loose (Storm adds fields between versions); a field we read with the wrong type is an error
// that names the path and the value, so a proxy's HTML page or another service's JSON is never misread.
import { z } from 'zod';

/** Latencies and capacity come as strings ("0.123"); counts as numbers. Some versions differ: take both. */
const decimal = z.union([z.number(), z.string()]).nullish();
const count = z.number().nullish();

/** What /topology/summary and /topology/{id} both say of a topology. */
const topologyFields = {
  id: z.string(),
  name: z.string(),
  status: z.string().optional(),
  uptime: z.string().optional(),
  uptimeSeconds: count,
  tasksTotal: count,
  workersTotal: count,
  executorsTotal: count,
};

export const topologySummarySchema = z.looseObject({
  topologies: z.array(z.looseObject(topologyFields)),
});

export const clusterSummarySchema = z.looseObject({
  stormVersion: z.string().optional(),
  supervisors: count,
  slotsTotal: count,
  slotsUsed: count,
  slotsFree: count,
  executorsTotal: count,
  tasksTotal: count,
});

export const supervisorSummarySchema = z.looseObject({
  supervisors: z.array(
    z.looseObject({
      id: z.string(),
      host: z.string(),
      uptime: z.string().optional(),
      uptimeSeconds: count,
      slotsTotal: count,
      slotsUsed: count,
    }),
  ),
});

/** The tuple counters every level (topology window, spout, bolt, executor) reports. */
const tupleCounts = { emitted: count, transferred: count, acked: count, failed: count };
/** What bolts and executors report about executing tuples. */
const execution = { executed: count, capacity: decimal, executeLatency: decimal, processLatency: decimal };

const lastError = { lastError: z.string().nullish(), errorHost: z.string().nullish(), errorPort: z.union([z.number(), z.string()]).nullish() };

export const spoutStatsSchema = z.looseObject({
  spoutId: z.string(),
  executors: count,
  tasks: count,
  ...tupleCounts,
  completeLatency: decimal,
  ...lastError,
});

export const boltStatsSchema = z.looseObject({
  boltId: z.string(),
  executors: count,
  tasks: count,
  ...tupleCounts,
  ...execution,
  ...lastError,
});

export const topologyDetailSchema = z.looseObject({
  ...topologyFields,
  topologyStats: z
    .array(
      z.looseObject({
        window: z.union([z.string(), z.number()]).optional(),
        windowPretty: z.string().optional(),
        ...tupleCounts,
        completeLatency: decimal,
      }),
    )
    .optional(),
  spouts: z.array(spoutStatsSchema).default([]),
  bolts: z.array(boltStatsSchema).default([]),
});

export const executorStatsSchema = z.looseObject({
  id: z.string(),
  host: z.string(),
  port: z.number(),
  uptime: z.string().optional(),
  uptimeSeconds: count,
  ...tupleCounts,
  ...execution,
  completeLatency: decimal,
  workerLogLink: z.string().nullish(),
});

export const componentDetailSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  componentType: z.string().optional(),
  executors: count,
  tasks: count,
  executorStats: z.array(executorStatsSchema).default([]),
  componentErrors: z
    .array(
      z.looseObject({
        time: z.number().nullish(),
        errorHost: z.string().nullish(),
        errorPort: z.union([z.number(), z.string()]).nullish(),
        errorLapsedSecs: z.number().nullish(),
        error: z.string(),
      }),
    )
    .default([]),
});

export type TopologySummary = z.output<typeof topologySummarySchema>;
export type ClusterSummary = z.output<typeof clusterSummarySchema>;
export type SupervisorSummary = z.output<typeof supervisorSummarySchema>;
export type TopologyDetail = z.output<typeof topologyDetailSchema>;
export type SpoutStats = z.output<typeof spoutStatsSchema>;
export type BoltStats = z.output<typeof boltStatsSchema>;
export type ComponentDetail = z.output<typeof componentDetailSchema>;
export type ExecutorStats = z.output<typeof executorStatsSchema>;
