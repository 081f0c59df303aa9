// Bundles the test topology (example components + protocol-corner components) once per test file into a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleTopology } from '../../lib/bundle/component-bundle.js';

export const TOPOLOGY = new URL('../bundle/topology/wordcount-topology.ts', import.meta.url).pathname;

export interface Bundled {
  readonly dir: string;
  script(componentId: string): string;
  remove(): void;
}

export async function bundleTestTopology(componentIds?: readonly string[]): Promise<Bundled> {
  const dir = mkdtempSync(join(tmpdir(), 'stp-bundle-'));
  await bundleTopology({ topologyFile: TOPOLOGY, outDir: dir, ...(componentIds && { componentIds }) });
  return { dir, script: (id) => join(dir, `${id}.js`), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
