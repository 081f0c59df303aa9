// A real HTTP server on 127.0.0.1 answering like Storm UI's REST API (shapes from Storm's STORM-UI-REST-API doc),
// for two topologies on two supervisors.
import { createServer, type Server } from 'node:http';

const executor = (id: string, host: string, port: number, uptimeSeconds: number, extra: Record<string, unknown> = {}) => ({
  id,
  host,
  port,
  uptime: `${Math.floor(uptimeSeconds / 60)}m ${uptimeSeconds % 60}s`,
  uptimeSeconds,
  emitted: 100,
  transferred: 100,
  acked: 90,
  failed: 1,
  capacity: '0.010',
  executeLatency: '0.250',
  processLatency: '0.300',
  executed: 95,
  workerLogLink: `http://${host}:8000/log?file=wc-1-1%2F${port}%2Fworker.log`,
  ...extra,
});

export const FIXTURE = {
  'cluster/summary': { stormVersion: '2.6.2', supervisors: 2, slotsTotal: 8, slotsUsed: 3, slotsFree: 5, executorsTotal: 7, tasksTotal: 7, topologies: 2 },
  'supervisor/summary': {
    supervisors: [
      { id: 's1', host: 'w1.example.com', uptime: '1d 2h', uptimeSeconds: 93600, slotsTotal: 4, slotsUsed: 2, totalMem: 3072, usedMem: 1024, version: '2.6.2' },
      { id: 's2', host: 'w2.example.com', uptime: '1d 2h', uptimeSeconds: 93600, slotsTotal: 4, slotsUsed: 1, totalMem: 3072, usedMem: 512, version: '2.6.2' },
    ],
    schedulerDisplayResource: false,
  },
  'topology/summary': {
    topologies: [
      { id: 'wordcount-1-1700000000', name: 'wordcount', status: 'ACTIVE', uptime: '2h 0m 5s', uptimeSeconds: 7205, tasksTotal: 5, workersTotal: 2, executorsTotal: 5, replicationCount: 1, owner: 'storm' },
      { id: 'pixels-2-1700000100', name: 'pixels', status: 'INACTIVE', uptime: '10m 0s', uptimeSeconds: 600, tasksTotal: 2, workersTotal: 1, executorsTotal: 2, replicationCount: 1, owner: 'storm' },
    ],
  },
  'topology/wordcount-1-1700000000': {
    id: 'wordcount-1-1700000000', name: 'wordcount', status: 'ACTIVE', uptime: '2h 0m 5s', uptimeSeconds: 7205, tasksTotal: 5, workersTotal: 2, executorsTotal: 5, msgTimeout: 30,
    topologyStats: [{ windowPretty: 'All time', window: ':all-time', emitted: 500, transferred: 500, completeLatency: '1.500', acked: 450, failed: 5 }],
    spouts: [{ spoutId: 'sentences', encodedSpoutId: 'sentences', executors: 1, tasks: 1, emitted: 200, transferred: 200, completeLatency: '1.500', acked: 190, failed: 5, lastError: '', errorHost: '', errorPort: null, errorWorkerLogLink: '', errorLapsedSecs: null }],
    bolts: [
      { boltId: 'split', encodedBoltId: 'split', executors: 2, tasks: 2, emitted: 300, transferred: 300, capacity: '0.020', executeLatency: '0.100', executed: 190, processLatency: '0.110', acked: 190, failed: 0, lastError: '', errorHost: '', errorPort: null },
      { boltId: 'count', encodedBoltId: 'count', executors: 2, tasks: 2, emitted: 0, transferred: 0, capacity: '0.500', executeLatency: '2.000', executed: 300, processLatency: '2.100', acked: 295, failed: 5, lastError: 'Error: boom\n    at count.js:1', errorHost: 'w2.example.com', errorPort: 6701 },
    ],
    configuration: { 'topology.workers': 2 },
  },
  'topology/pixels-2-1700000100': {
    id: 'pixels-2-1700000100', name: 'pixels', status: 'INACTIVE', uptime: '10m 0s', uptimeSeconds: 600, tasksTotal: 2, workersTotal: 1, executorsTotal: 2,
    spouts: [{ spoutId: 'pixel-spout', executors: 1, tasks: 1, emitted: 0, transferred: 0, completeLatency: '0.000', acked: 0, failed: 0, lastError: '' }],
    bolts: [{ boltId: 'pixel-bolt', executors: 1, tasks: 1, emitted: 0, transferred: 0, capacity: '0.000', executeLatency: '0.000', executed: 0, processLatency: '0.000', acked: 0, failed: 0, lastError: '' }],
  },
  'topology/wordcount-1-1700000000/component/sentences': {
    id: 'sentences', name: 'wordcount', componentType: 'spout', executors: 1, tasks: 1, componentErrors: [],
    executorStats: [executor('[1-1]', 'w1.example.com', 6700, 7200, { completeLatency: '1.500' })],
  },
  'topology/wordcount-1-1700000000/component/split': {
    id: 'split', name: 'wordcount', componentType: 'bolt', executors: 2, tasks: 2, componentErrors: [],
    executorStats: [executor('[2-2]', 'w1.example.com', 6700, 7200), executor('[3-3]', 'w2.example.com', 6701, 300)],
  },
  'topology/wordcount-1-1700000000/component/count': {
    id: 'count', name: 'wordcount', componentType: 'bolt', executors: 2, tasks: 2,
    componentErrors: [{ time: 1700000500000, errorHost: 'w2.example.com', errorPort: 6701, errorWorkerLogLink: 'http://w2:8000/x', errorLapsedSecs: 60, error: 'Error: boom\n    at count.js:1' }],
    executorStats: [executor('[4-4]', 'w1.example.com', 6700, 7200), executor('[5-5]', 'w2.example.com', 6701, 300)],
  },
  'topology/pixels-2-1700000100/component/pixel-spout': {
    id: 'pixel-spout', componentType: 'spout', executors: 1, tasks: 1, componentErrors: [],
    executorStats: [executor('[1-1]', 'w1.example.com', 6702, 600)],
  },
  'topology/pixels-2-1700000100/component/pixel-bolt': {
    id: 'pixel-bolt', componentType: 'bolt', executors: 1, tasks: 1, componentErrors: [],
    executorStats: [executor('[2-2]', 'w1.example.com', 6702, 600)],
  },
} as const satisfies Record<string, unknown>;

export interface FakeStormUi {
  readonly port: number;
  readonly requests: string[];
  /** Replace the body for one path (e.g. to serve a wrong shape); `status` for errors; undefined restores it. */
  override(path: string, body: unknown, status?: number): void;
  close(): Promise<void>;
}

export async function startFakeStormUi(): Promise<FakeStormUi> {
  const overrides = new Map<string, { body: unknown; status: number }>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v1\//, ''));
    const override = overrides.get(path);
    const body = override ? override.body : (FIXTURE as Record<string, unknown>)[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Not Found', errorMessage: `${path} not found` }));
      return;
    }
    response.writeHead(override?.status ?? 200, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    requests,
    override: (path, body, status = 200) => {
      if (body === undefined) overrides.delete(path);
      else overrides.set(path, { body, status });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
