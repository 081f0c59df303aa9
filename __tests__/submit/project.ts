// A throwaway stp project on disk for submit tests: config.json, package.json, resources/, a topology spec and a
// bundler that writes one small file per TypeScript component (the real bundler is tested in __tests__/bundle).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundler } from '../../lib/nimbus/deploy.js';
import type { TopologySpec } from '../../lib/topology/spec.js';

export const wordcount: TopologySpec = {
  name: 'wordcount',
  conf: { 'topology.workers': 2 },
  components: [
    { id: 'words', role: 'spout', impl: { kind: 'typescript', className: 'Words' }, streams: { default: { fields: ['word'], direct: false } }, inputs: [], parallelism: 1, conf: {} },
    {
      id: 'split',
      role: 'bolt',
      impl: { kind: 'shell', command: 'python3', script: 'splitter.py' },
      streams: { default: { fields: ['word'], direct: false } },
      inputs: [{ source: 'words', stream: 'default', grouping: { type: 'shuffle' } }],
      parallelism: 1,
      conf: {},
    },
    {
      id: 'count',
      role: 'bolt',
      impl: { kind: 'typescript', className: 'Count' },
      streams: { default: { fields: ['word', 'count'], direct: false } },
      inputs: [{ source: 'split', stream: 'default', grouping: { type: 'fields', fields: ['word'] } }],
      parallelism: 2,
      conf: {},
    },
  ],
};

export const fakeBundler: Bundler = async ({ spec }) =>
  new Map(
    spec.components
      .filter((component) => component.impl.kind === 'typescript')
      .flatMap((component) => [
        [`${component.id}.js`, Buffer.from(`// ${component.id}\n`)],
        [`${component.id}.js.map`, Buffer.from('{"version":3}')],
      ]),
  );

export interface TestProject {
  readonly dir: string;
  writeConfig(config: unknown): void;
  remove(): void;
}

export function makeProject(): TestProject {
  const dir = mkdtempSync(join(tmpdir(), 'stp-submit-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'wc', version: '0.3.0', type: 'module' }));
  mkdirSync(join(dir, 'resources'));
  writeFileSync(join(dir, 'resources', 'splitter.py'), 'print("split")\n');
  return {
    dir,
    writeConfig: (config) => writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
