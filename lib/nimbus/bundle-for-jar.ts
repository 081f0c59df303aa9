// The deploy's Bundler backed by the real component bundler: bundles into `_build/<topology>/resources/` (emptied
// first so no stale file slips into the jar) and hands the files, source maps included, to the jar step.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleTopology } from '../bundle/component-bundle.js';
import { collectFiles } from '../bundle/jar.js';
import type { Bundler } from './deploy.js';

export const bundleForJar: Bundler = async ({ spec, topologyFile, root, nodePaths }) => {
  const outDir = join(root, '_build', spec.name, 'resources');
  await rm(outDir, { recursive: true, force: true });
  await bundleTopology({ topologyFile, outDir, spec, nodePaths: [...nodePaths] });
  return collectFiles(outDir);
};
