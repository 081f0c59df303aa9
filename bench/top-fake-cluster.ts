// `node --import tsx bench/top-fake-cluster.ts [SECS]`: the word count on the Thrift server playing Nimbus, for
// trying `stp top` by hand (and capturing docs/remote.md's frame). Prints the project folder to run stp in.
// Its load rises and falls over a minute, "split" fails a few tuples now and then and reports an error.
import { startFakeCluster } from '../__tests__/top/fake-cluster.js';

const cluster = await startFakeCluster();
process.stdout.write(`${cluster.project}\n`);
const started = Date.now();
const wave = setInterval(() => {
  const phase = Math.sin(((Date.now() - started) / 60_000) * 2 * Math.PI);
  const lines = Math.round(2000 * (1 + 0.5 * phase));
  cluster.nimbus.flows.set('sentences', { emitted: lines, acked: lines - 4, failed: 4, completeMs: 14 + 4 * phase });
  cluster.nimbus.flows.set('split', { emitted: lines * 3, executed: lines / 2, acked: lines / 2, executeMs: 0.4, processMs: 0.5 });
  cluster.nimbus.flows.set('count', { emitted: lines * 1.5, executed: lines * 0.75, acked: lines * 0.75, executeMs: 1.15, processMs: 1.3 });
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
