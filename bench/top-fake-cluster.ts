// `node --import tsx bench/top-fake-cluster.ts [SECS] [REPORT_SECS]`: the word count on the Thrift server playing
// Nimbus, for trying `stp top` by hand (and capturing docs/remote.md's frame). Prints the project folder to run stp
// in. Its workers report every REPORT_SECS (default 60, as Storm's); its load rises and falls over ten minutes,
// "sentences" fails a few tuples a second and "split" reported an error.
import { startFakeCluster } from '../__tests__/top/fake-cluster.js';

const cluster = await startFakeCluster({ reportIntervalMs: Number(process.argv[3] ?? 60) * 1000 });
process.stdout.write(`${cluster.project}\n`);
const started = Date.now();
const wave = setInterval(() => {
  const phase = Math.sin(((Date.now() - started) / 600_000) * 2 * Math.PI);
  const lines = Math.round(1000 * (1 + 0.5 * phase));
  cluster.nimbus.flows.set('sentences', { emitted: lines, acked: lines - 2, failed: 2, completeMs: 14 + 4 * phase });
  cluster.nimbus.flows.set('split', { emitted: lines * 1.5, executed: lines / 2, acked: lines / 2, executeMs: 0.4, processMs: 0.5 });
  cluster.nimbus.flows.set('count', { emitted: lines * 0.75, executed: lines * 0.75, acked: lines * 0.75, executeMs: 1.2, processMs: 1.3 });
}, 1000);
cluster.topology.errors['split'] = [
  { error: 'java.lang.RuntimeException: line 4411 is not UTF-8\n\tat org.apache.storm.task.ShellBolt.handleError(ShellBolt.java:297)', timeSecs: Math.floor(Date.now() / 1000) - 95, host: 'worker2', port: 6700 },
];
const stop = () => {
  clearInterval(wave);
  void cluster.close().then(() => process.exit(0));
};
setTimeout(stop, Number(process.argv[2] ?? 600) * 1000);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
