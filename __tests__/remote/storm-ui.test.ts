// stats, slot-usage and worker-uptime against a real HTTP server on 127.0.0.1 answering like the Storm UI,
// directly and through an SSH tunnel (use_ssh_for_nimbus).
import { createServer, type Server } from 'node:http';
import { createStormUiClient, StormUiError } from '../../lib/remote/storm-ui/client.js';
import { openStormUi } from '../../lib/remote/storm-ui/connect.js';
import { slotUsage, stats, workerUptime } from '../../lib/remote/storm-ui/reports.js';
import { formatTable } from '../../lib/remote/storm-ui/table.js';
import { clearSshConfigCache } from '../../lib/remote/ssh-config.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';
import { startFakeStormUi, type FakeStormUi } from './fake-storm-ui.js';

let ui: FakeStormUi;
beforeAll(async () => {
  ui = await startFakeStormUi();
});
afterAll(async () => {
  await ui.close();
});
const client = () => createStormUiClient({ baseUrl: `http://127.0.0.1:${ui.port}`, timeoutMs: 2000 });

describe('stats', () => {
  it('lists every topology', async () => {
    const report = await stats(client());
    expect(report.data.kind).toBe('cluster');
    expect(report.tables).toHaveLength(1);
    expect(formatTable(report.tables[0]!)).toBe(
      [
        'Topologies',
        'Name       Id                      Status      Uptime  Workers  Executors  Tasks',
        '---------  ----------------------  --------  --------  -------  ---------  -----',
        'wordcount  wordcount-1-1700000000  ACTIVE    2h 0m 5s        2          5      5',
        'pixels     pixels-2-1700000100     INACTIVE    10m 0s        1          2      2',
      ].join('\n'),
    );
  });

  it('shows a topology by name: its spouts and bolts, with the last error', async () => {
    const report = await stats(client(), 'wordcount');
    expect(report.tables.map((table) => table.title)).toEqual(['Topologies', 'Spouts of wordcount (all time)', 'Bolts of wordcount (all time)']);
    const bolts = report.tables[2]!;
    expect(bolts.rows).toEqual([
      ['split', '2', '2', '300', '300', '0.020', '0.100', '190', '0.110', '190', '0', ''],
      ['count', '2', '2', '0', '0', '0.500', '2.000', '300', '2.100', '295', '5', 'Error: boom (w2.example.com:6701)'],
    ]);
    expect(ui.requests).toContain('/api/v1/topology/wordcount-1-1700000000?window=%3Aall-time');
  });

  it('shows one component: its executors and errors', async () => {
    const report = await stats(client(), 'wordcount', 'count');
    expect(report.data.kind).toBe('component');
    expect(report.tables[0]!.rows.map((row) => row.slice(0, 4))).toEqual([
      ['[4-4]', 'w1.example.com', '6700', '120m 0s'],
      ['[5-5]', 'w2.example.com', '6701', '5m 0s'],
    ]);
    expect(report.tables[1]!.rows).toEqual([['2023-11-14T22:21:40.000Z', 'w2.example.com:6701', 'Error: boom']]);
  });

  it('names the running topologies when the name is wrong', async () => {
    await expect(stats(client(), 'wordcont')).rejects.toThrow('no running topology named "wordcont"; running: pixels, wordcount');
  });

  it('says what the UI answered for an unknown component', async () => {
    await expect(stats(client(), 'wordcount', 'nope')).rejects.toThrow(/answered 404 for \/api\/v1\/topology\/wordcount-1-1700000000\/component\/nope\?window=%3Aall-time \(no such topology or component\?\): topology\/wordcount-1-1700000000\/component\/nope not found/);
  });
});

describe('slot-usage', () => {
  it('counts worker slots and executors per host and topology', async () => {
    const report = await slotUsage(client());
    expect(report.data.topologies).toEqual(['pixels', 'wordcount']);
    expect(formatTable(report.tables[0]!)).toBe(
      [
        'Slot (and executor) counts by topology',
        'Host            pixels  wordcount',
        '--------------  ------  ---------',
        'w1.example.com   1 (2)      1 (3)',
        'w2.example.com   0 (0)      1 (2)',
      ].join('\n'),
    );
  });
});

describe('worker-uptime', () => {
  it('lists each worker once, most recently (re)started first', async () => {
    const report = await workerUptime(client());
    expect(report.data.workers.map((w) => `${w.host}:${w.port} ${w.topology} ${w.uptime}`)).toEqual([
      'w2.example.com:6701 wordcount 5m 0s',
      'w1.example.com:6702 pixels 10m 0s',
      'w1.example.com:6700 wordcount 120m 0s',
    ]);
    expect(report.data.workers[0]!.logLink).toBe('http://w2.example.com:8000/log?file=wc-1-1%2F6701%2Fworker.log');
  });
});

describe('UI failures are clear', () => {
  afterEach(() => ui.override('cluster/summary', undefined));

  it('an HTML page instead of JSON', async () => {
    ui.override('topology/summary', '<html>login</html>');
    await expect(client().topologySummary()).rejects.toThrow(/did not answer JSON for \/api\/v1\/topology\/summary \(got an HTML page\)/);
    ui.override('topology/summary', undefined);
  });

  it('JSON of the wrong shape names the field', async () => {
    ui.override('topology/summary', { topologies: [{ id: 7, name: 'x' }] });
    await expect(client().topologySummary()).rejects.toThrow(/unexpected shape: topologies\.0\.id: Invalid input: expected string, received number/);
    ui.override('topology/summary', undefined);
  });

  it('a server error carries Storm\'s message', async () => {
    ui.override('cluster/summary', { error: 'Internal Server Error', errorMessage: 'org.apache.thrift.TException: nimbus down' }, 500);
    await expect(client().clusterSummary()).rejects.toThrow(/answered 500 for \/api\/v1\/cluster\/summary: org.apache.thrift.TException: nimbus down/);
  });

  it('a refused connection and a silent server name the address', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createStormUiClient({ baseUrl: `http://127.0.0.1:${closedPort}` }).clusterSummary()).rejects.toThrow(
      `Storm UI at http://127.0.0.1:${closedPort} is unreachable (connection refused) asking for /api/v1/cluster/summary; check the env's "ui" host:port`,
    );
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await createStormUiClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 }).clusterSummary().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StormUiError);
      expect((error as Error).message).toContain(`127.0.0.1:${port} is unreachable (no answer within 0 s)`);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('through an SSH tunnel (use_ssh_for_nimbus)', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    clearSshConfigCache();
    await sshd.stop();
  });

  it('reaches the UI via the nimbus host and closes the tunnel afterwards', async () => {
    const opened = await openStormUi(
      { ui: { host: '127.0.0.1', port: ui.port }, nimbusHost: sshd.alias, useSshForNimbus: true },
      { ssh: { sshConfigPath: sshd.sshConfigPath, agent: false } },
    );
    try {
      expect(opened.client.baseUrl).not.toContain(String(ui.port));
      const report = await workerUptime(opened.client);
      expect(report.data.workers).toHaveLength(3);
    } finally {
      await opened.close();
    }
    await expect(opened.client.clusterSummary()).rejects.toThrow(/through an SSH tunnel via stp-test-sshd\) is unreachable/);
  });
});
