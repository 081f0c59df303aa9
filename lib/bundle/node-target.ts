// The Node.js major that component bundles are compiled for (esbuild's target): the oldest node a worker may run
// them with. `stp prepare` and `stp submit` check the workers' node_executable against it.
import type { NodeVersion } from '../node-version.js';

export const COMPONENT_NODE_TARGET: NodeVersion = { major: 20, minor: 0, patch: 0 };

/** esbuild's name for it. */
export const COMPONENT_ESBUILD_TARGET = `node${COMPONENT_NODE_TARGET.major}`;
