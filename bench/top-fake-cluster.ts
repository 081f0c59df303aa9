// `node --import tsx bench/top-fake-cluster.ts [SECS]`: the word count on the Thrift server playing Nimbus, for
// trying `stp top` by hand (and capturing docs/remote.md's frame). Prints the project folder to run stp in.
import { startFakeCluster } from '../__tests__/top/fake-cluster.js';

const cluster = await startFakeCluster();
process.stdout.write(`${cluster.project}\n`);
const stop = () => void cluster.close().then(() => process.exit(0));
setTimeout(stop, Number(process.argv[2] ?? 600) * 1000);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
