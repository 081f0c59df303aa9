// Which node a worker runs the components with: `node_executable --version` over SSH, checked against the Node
// the component bundles are compiled for (esbuild's target). Storm starts each component as
// [node_executable, <id>.js]; an older node there would fail on the worker with a stack trace in its log instead.
import { COMPONENT_ESBUILD_TARGET, COMPONENT_NODE_TARGET } from '../bundle/node-target.js';
import { formatNodeVersion, isAtLeast, parseNodeVersion, type NodeVersion } from '../node-version.js';
import { RemoteError } from './errors.js';
import { shellCommand } from './quote.js';
import type { SshConnection } from './ssh.js';

/** The worker's node version; a RemoteError naming the host when it is missing, unreadable or too old. */
export async function checkWorkerNode(connection: SshConnection, host: string, nodeExecutable: string): Promise<NodeVersion> {
  const result = await connection.exec(shellCommand([nodeExecutable, '--version']));
  const printed = (result.stdout || result.stderr).trim();
  if (result.code === 127) throw new RemoteError(host, 'command', `node_executable "${nodeExecutable}" was not found on ${host}`);
  const version = result.code === 0 ? parseNodeVersion(printed) : undefined;
  if (!version) {
    throw new RemoteError(host, 'command', `"${nodeExecutable} --version" on ${host} did not print a Node.js version (exit status ${result.code ?? result.signal}): ${printed.split('\n')[0]}`);
  }
  if (!isAtLeast(version, COMPONENT_NODE_TARGET)) {
    throw new RemoteError(
      host,
      'command',
      `node_executable "${nodeExecutable}" on ${host} is Node.js ${formatNodeVersion(version)}; stp's components need Node.js ${COMPONENT_NODE_TARGET.major} or later (their bundles target ${COMPONENT_ESBUILD_TARGET})`,
    );
  }
  return version;
}
